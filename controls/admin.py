from django.contrib import admin

from controls.models import Control, Framework, SoAEntry
from isms.admin import ReadOnlyModelAdmin


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "version", "publisher"]


@admin.register(Control)
class ControlAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "theme", "framework"]
    list_filter = ["framework", "theme"]
    search_fields = ["ref", "title"]


@admin.register(SoAEntry)
class SoAEntryAdmin(ReadOnlyModelAdmin):
    """Read-only: SoA rows change on the SoA page, through update_soa_entry(), so that the
    justification rule and the assignees' evidence permissions are always applied."""

    list_display = ["control", "applicable", "implementation_status", "owner", "updated_at"]
    list_filter = ["applicable", "implementation_status", "control__theme"]
    list_select_related = ["control", "owner"]
