from django.contrib import admin

from controls.models import Control, Framework, SoAEntry


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "version", "publisher"]


@admin.register(Control)
class ControlAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "theme", "framework"]
    list_filter = ["framework", "theme"]
    search_fields = ["ref", "title"]


@admin.register(SoAEntry)
class SoAEntryAdmin(admin.ModelAdmin):
    """Read-only: SoA rows change on the SoA page, through soa_entry_update(), so that the
    justification rule and the assignees' evidence permissions are always applied."""

    list_display = ["control", "applicable", "implementation_status", "owner", "updated_at"]
    list_filter = ["applicable", "implementation_status", "control__theme"]
    list_select_related = ["control", "owner"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
