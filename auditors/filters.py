import django_filters
from django import forms

from auditors.models import AuditEngagement, AuditorAccess
from isms.models import User
from isms.roles import AUDITOR, GROUP_NAMES

STATUS_CHOICES = [("active", "Active"), ("upcoming", "Upcoming"), ("ended", "Ended")]
DATE = forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"})


class EngagementFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status")
    ordering = django_filters.OrderingFilter(
        fields=(("start_date", "start_date"), ("end_date", "end_date"), ("name", "name")), label="Sort by"
    )

    class Meta:
        model = AuditEngagement
        fields = ["name", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)


class AuditorAccessFilter(django_filters.FilterSet):
    user = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(groups__name=GROUP_NAMES[AUDITOR]), label="Auditor"
    )
    kind = django_filters.ChoiceFilter(choices=AuditorAccess.Kind.choices)
    path = django_filters.CharFilter(lookup_expr="icontains", label="Path contains")
    since = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", widget=DATE, label="From")
    until = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", widget=DATE, label="To")

    class Meta:
        model = AuditorAccess
        fields = ["user", "kind", "path", "since", "until"]
