import django_filters

from auditors.models import AuditEngagement
from isms.filtersets import ListFilterSet
from packs.models import AuditPack


class AuditPackFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(choices=AuditPack.Status.choices)
    engagement = django_filters.ModelChoiceFilter(queryset=AuditEngagement.objects.all())
    ordering = django_filters.OrderingFilter(fields=[("requested_at", "requested"), ("as_of", "as_of")])

    class Meta:
        model = AuditPack
        fields = ["status", "engagement"]
