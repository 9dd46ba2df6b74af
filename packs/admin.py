from django.contrib import admin

from packs.models import AuditPack


@admin.register(AuditPack)
class AuditPackAdmin(admin.ModelAdmin):
    list_display = ["pk", "as_of", "status", "requested_by", "requested_at", "engagement", "page_count"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in AuditPack._meta.fields]

    def has_add_permission(self, request):
        return False  # packs are requested in the app, where the builder runs
