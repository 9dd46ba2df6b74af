import django_filters
from django import forms

from incidents.models import Incident, NotificationRegime


class IncidentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Search")
    status = django_filters.ChoiceFilter(choices=Incident.Status.choices)
    open = django_filters.BooleanFilter(method="filter_open", label="Open only", widget=forms.CheckboxInput)
    severity = django_filters.ChoiceFilter(choices=Incident.Severity.choices)
    category = django_filters.ChoiceFilter(choices=Incident.Category.choices)
    # Checkboxes filter when ticked only (unticked must not mean "not a breach").
    breach = django_filters.BooleanFilter(method="filter_breach", label="Personal-data breach",
                                          widget=forms.CheckboxInput)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue clock",
                                           widget=forms.CheckboxInput)
    ordering = django_filters.OrderingFilter(
        fields=(("reported_at", "reported"), ("detected_at", "detected"), ("severity", "severity"),
                ("status", "status")),
        label="Sort by",
    )

    class Meta:
        model = Incident
        fields = ["q", "status", "severity", "category"]

    def filter_open(self, queryset, name, value):
        return queryset.open() if value else queryset

    def filter_breach(self, queryset, name, value):
        return queryset.breaches() if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.with_overdue_clock() if value else queryset


class RegimeFilter(django_filters.FilterSet):
    class Meta:
        model = NotificationRegime
        fields = ["recipient_kind", "active"]
