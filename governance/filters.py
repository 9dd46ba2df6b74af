import django_filters
from django.db.models import Q
from django.utils import timezone

from governance.models import Objective, Policy

POLICY_STATUS = [("in_force", "Approved version in force"), ("draft", "Draft awaiting approval"),
                 ("none", "No approved version")]


class PolicyFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(choices=Policy.Kind.choices)
    topic = django_filters.ChoiceFilter(choices=Policy.Topic.choices)
    status = django_filters.ChoiceFilter(choices=POLICY_STATUS, method="filter_status")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Review overdue")
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("next_review_date", "next_review")), label="Sort by")

    class Meta:
        model = Policy
        fields = ["title", "kind", "topic"]

    def filter_status(self, queryset, name, value):
        # The listing queryset annotates current_number and drafts (PolicyQuerySet.for_listing).
        return {
            "in_force": queryset.filter(current_number__isnull=False),
            "draft": queryset.filter(drafts__gt=0),
            "none": queryset.filter(current_number__isnull=True),
        }.get(value, queryset)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(next_review_date__lt=timezone.localdate())
        return queryset.filter(late if value else ~late)


class ObjectiveFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    status = django_filters.ChoiceFilter(choices=Objective.Status.choices)
    ordering = django_filters.OrderingFilter(
        fields=(("due_date", "due"), ("title", "title")), label="Sort by")

    class Meta:
        model = Objective
        fields = ["title", "status", "owner"]
