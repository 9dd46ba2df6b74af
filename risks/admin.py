from django.contrib import admin

from risks.models import Risk, RiskAcceptance, RiskAssessment, RiskCriteria, Threat, TreatmentAction


@admin.register(Threat)
class ThreatAdmin(admin.ModelAdmin):
    list_display = ["name", "reference", "source", "is_seeded", "retired"]
    list_filter = ["source", "is_seeded", "retired"]
    search_fields = ["name", "reference", "code"]


@admin.register(RiskCriteria)
class RiskCriteriaAdmin(admin.ModelAdmin):
    list_display = ["version", "name", "appetite", "created_at"]


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "assessment_date", "status", "criteria"]


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["title", "assessment", "residual_score", "residual_level", "owner", "status"]
    list_filter = ["residual_level", "status", "treatment"]


@admin.register(TreatmentAction)
class TreatmentActionAdmin(admin.ModelAdmin):
    list_display = ["description", "risk", "owner", "due_date", "status"]


@admin.register(RiskAcceptance)
class RiskAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["risk", "accepted_by", "accepted_at", "residual_score_at_acceptance"]
    readonly_fields = ["asset_snapshot", "residual_score_at_acceptance"]
