import auditlog.admin  # noqa: F401  (registers its admin first, so that ours replaces it below)
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from isms.models import AuditEntry, User

admin.site.register(User, UserAdmin)


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
