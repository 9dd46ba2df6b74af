import auditlog.admin  # noqa: F401  (registers its admin first, so that ours replaces it below)
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from guardian.admin import GuardedModelAdmin

from isms.models import AuditEngagement, AuditEntry, AuditorAccess, User

admin.site.register(User, UserAdmin)


@admin.register(AuditEngagement)
class AuditEngagementAdmin(GuardedModelAdmin):
    list_display = ["name", "audit_firm", "start_date", "end_date"]
    filter_horizontal = ["auditors"]


# auditlog registers its own admin for the swapped model; ours refuses every write.
admin.site.unregister(AuditEntry)


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For rows that only change through their services (or never): the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    """The audit trail is never edited, not even by administrators."""

    list_display = ["timestamp", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    list_select_related = ["actor", "content_type"]


@admin.register(AuditorAccess)
class AuditorAccessAdmin(ReadOnlyModelAdmin):
    """The auditors' access log is only ever written by its middleware."""

    list_display = ["at", "user", "engagement", "method", "path", "kind", "status_code"]
    list_filter = ["kind", "engagement"]
    list_select_related = ["user", "engagement"]
