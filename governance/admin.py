from django.contrib import admin

from governance.models import Acknowledgement, Measurement, Objective, Policy, PolicyVersion


class PolicyVersionInline(admin.TabularInline):
    model = PolicyVersion
    extra = 0
    fields = ["number", "status", "change_summary", "approved_by", "approved_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "topic", "owner", "next_review_date"]
    list_filter = ["kind", "topic"]
    search_fields = ["title"]
    inlines = [PolicyVersionInline]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ["policy", "number", "status", "approved_by", "approved_at"]
    list_filter = ["status"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_draft:  # approved and superseded versions are frozen
            return [f.name for f in self.model._meta.fields]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.is_draft) and super().has_delete_permission(request, obj)


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["version", "person", "acknowledged_on", "recorded_by"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "target_value", "unit", "direction", "due_date", "status", "metric"]
    list_filter = ["status"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["objective", "date", "value", "source", "recorded_by"]
    list_filter = ["source"]
