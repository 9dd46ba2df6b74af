import django_filters
from django.db.models import Q

from connectors.models import Connector, ConnectorRun, PolicyTestSuite


class ConnectorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=Connector.Kind.choices)
    state = django_filters.ChoiceFilter(
        method="filter_state",
        label="State",
        choices=[
            ("failing", "Failing"),
            ("passing", "Passing"),
            ("never", "Never run"),
            ("disabled", "Disabled"),
        ],
    )
    ordering = django_filters.OrderingFilter(
        fields=[("name", "name"), ("last_run_at", "last_run"), ("next_due_at", "next_due")]
    )

    class Meta:
        model = Connector
        fields = ["q", "kind", "state"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))

    def filter_state(self, queryset, name, value):
        if value == "failing":
            return queryset.failing()
        if value == "passing":
            return queryset.filter(last_status=ConnectorRun.Status.SUCCEEDED).exclude(last_policy_allow=False)
        if value == "never":
            return queryset.filter(last_run_at__isnull=True)
        return queryset.filter(enabled=False)


class SuiteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Search")

    class Meta:
        model = PolicyTestSuite
        fields = ["q"]
