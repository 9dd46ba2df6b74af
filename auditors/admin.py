from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from auditors.models import AuditEngagement, AuditorAccess
from isms.admin import ReadOnlyModelAdmin


@admin.register(AuditEngagement)
class AuditEngagementAdmin(GuardedModelAdmin):
    list_display = ["name", "audit_firm", "start_date", "end_date"]
    filter_horizontal = ["auditors"]


@admin.register(AuditorAccess)
class AuditorAccessAdmin(ReadOnlyModelAdmin):
    """The auditors' access log is only ever written by its middleware."""

    list_display = ["at", "user", "engagement", "method", "path", "kind", "status_code"]
    list_filter = ["kind", "engagement"]
    list_select_related = ["user", "engagement"]
