from django.contrib import admin

from incidents.models import (
    ClockReminder,
    Incident,
    Notification,
    NotificationClock,
    NotificationRegime,
    RiskReassessment,
    TimelineEntry,
)


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "severity", "personal_data_breach", "owner", "reported_at"]
    list_filter = ["status", "severity", "personal_data_breach"]
    search_fields = ["title"]
    inlines = [TimelineInline]


@admin.register(NotificationRegime)
class NotificationRegimeAdmin(admin.ModelAdmin):
    list_display = ["name", "recipient_kind", "deadline_hours", "applies_when", "active"]


@admin.register(NotificationClock)
class NotificationClockAdmin(admin.ModelAdmin):
    list_display = ["incident", "regime", "deadline_at", "met_at"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["incident", "recipient", "sent_at", "reference"]


admin.site.register([ClockReminder, RiskReassessment])
