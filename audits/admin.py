from django.contrib import admin

from audits.models import (
    AuditProgramme,
    ChecklistItem,
    CorrectiveAction,
    EffectivenessCheck,
    InternalAudit,
    ManagementReview,
    Nonconformity,
    ReviewAction,
)


@admin.register(AuditProgramme)
class AuditProgrammeAdmin(admin.ModelAdmin):
    list_display = ["year", "created_by"]


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(InternalAudit)
class InternalAuditAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "lead_auditor", "planned_start", "status"]
    list_filter = ["status", "programme"]
    inlines = [ChecklistItemInline]


class CorrectiveActionInline(admin.TabularInline):
    model = CorrectiveAction
    extra = 0


class EffectivenessCheckInline(admin.TabularInline):
    model = EffectivenessCheck
    extra = 0


@admin.register(Nonconformity)
class NonconformityAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "severity", "status", "raised_on"]
    list_filter = ["status", "source", "severity"]
    inlines = [CorrectiveActionInline, EffectivenessCheckInline]


class ReviewActionInline(admin.TabularInline):
    model = ReviewAction
    extra = 0


@admin.register(ManagementReview)
class ManagementReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "status"]
    inlines = [ReviewActionInline]
