import django_filters
from django import forms

from audits.models import AuditProgramme, InternalAudit, ManagementReview, Nonconformity


class AuditFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=AuditProgramme.objects.all(),
                                                 empty_label="All programmes")
    status = django_filters.ChoiceFilter(choices=InternalAudit.Status.choices)
    ordering = django_filters.OrderingFilter(
        fields=(("planned_start", "planned"), ("title", "title"), ("status", "status")), label="Sort by"
    )

    class Meta:
        model = InternalAudit
        fields = ["programme", "status"]


class NonconformityFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Nonconformity.Status.choices)
    source = django_filters.ChoiceFilter(choices=Nonconformity.Source.choices)
    severity = django_filters.ChoiceFilter(choices=Nonconformity.Severity.choices)
    not_closed = django_filters.BooleanFilter(method="filter_not_closed", label="Not closed",
                                              widget=forms.CheckboxInput)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue actions",
                                           widget=forms.CheckboxInput)
    ordering = django_filters.OrderingFilter(
        fields=(("raised_on", "raised"), ("title", "title"), ("status", "status")), label="Sort by"
    )

    class Meta:
        model = Nonconformity
        fields = ["status", "source", "severity"]

    def filter_overdue(self, queryset, name, value):
        return queryset.with_overdue_actions() if value else queryset

    def filter_not_closed(self, queryset, name, value):
        return queryset.not_closed() if value else queryset


class ReviewFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ManagementReview.Status.choices)

    class Meta:
        model = ManagementReview
        fields = ["status"]


class ProgrammeFilter(django_filters.FilterSet):
    ordering = django_filters.OrderingFilter(fields=(("year", "year"),), label="Sort by")

    class Meta:
        model = AuditProgramme
        fields: list[str] = []
