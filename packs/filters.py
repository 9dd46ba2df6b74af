import django_filters

from auditors.models import AuditEngagement
from packs.models import AuditPack


class AuditPackFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=AuditPack.Status.choices)
    engagement = django_filters.ModelChoiceFilter(queryset=AuditEngagement.objects.all())
    ordering = django_filters.OrderingFilter(fields=[("requested_at", "requested"), ("as_of", "as_of")])

    class Meta:
        model = AuditPack
        fields = ["status", "engagement"]
