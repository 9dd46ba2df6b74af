import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.http import QueryDict

from assets.models import Asset
from assets.search_select import AssetSearchSelect
from isms.models import User
from risks.models import Risk, RiskAssessment, Threat, TreatmentAction


class RiskFilter(django_filters.FilterSet):
    assessment = django_filters.ModelChoiceFilter(  # with its criteria: the heatmaps read them
        queryset=RiskAssessment.objects.select_related("criteria"), empty_label="All assessments"
    )
    level = django_filters.ChoiceFilter(field_name="residual_level", choices=Risk.Level.choices,
                                        label="Residual level")
    treatment = django_filters.ChoiceFilter(choices=Risk.Treatment.choices)
    owner = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(Exists(Risk.objects.filter(owner=OuterRef("pk"))))
    )
    asset = django_filters.ModelChoiceFilter(
        field_name="assets", queryset=Asset.objects.only("pk", "name"), label="Asset",
        widget=AssetSearchSelect,
    )
    threat = django_filters.ModelChoiceFilter(
        queryset=Threat.objects.only("pk", "name", "reference")
    )
    status = django_filters.ChoiceFilter(choices=Risk.Status.choices)
    stale = django_filters.BooleanFilter(method="filter_stale", label="Re-acceptance needed",
                                         widget=forms.CheckboxInput)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue actions",
                                           widget=forms.CheckboxInput)
    ordering = django_filters.OrderingFilter(
        fields=(("residual_score", "residual"), ("inherent_score", "inherent"), ("title", "title"),
                ("owner__username", "owner"), ("status", "status")),
        label="Sort by",
    )

    class Meta:
        model = Risk
        fields = ["assessment", "level", "treatment", "owner", "asset", "threat", "status"]

    def __init__(self, data=None, *args, **kwargs):
        # The register opens on the assessment people work on; "All assessments" sends an
        # empty value, which is then kept.
        if data is None or "assessment" not in data:
            current = RiskAssessment.objects.current()
            data = data.copy() if data is not None else QueryDict(mutable=True)
            if current is not None:
                data["assessment"] = str(current.pk)
        super().__init__(data, *args, **kwargs)

    def filter_stale(self, queryset, name, value):
        return queryset.with_stale_acceptance() if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(pk__in=Risk.objects.with_overdue_actions().values("pk")) if value else queryset


class ThreatFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Search")
    source = django_filters.CharFilter(lookup_expr="icontains")
    retired = django_filters.BooleanFilter()
    ordering = django_filters.OrderingFilter(fields=("name", "reference", "source"), label="Sort by")

    class Meta:
        model = Threat
        fields = ["q", "source", "retired"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(reference__icontains=value)


class AssessmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RiskAssessment.Status.choices)
    ordering = django_filters.OrderingFilter(fields=("assessment_date", "title"), label="Sort by")

    class Meta:
        model = RiskAssessment
        fields = ["status"]


class ActionFilter(django_filters.FilterSet):
    owner = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(treatment_actions__isnull=False).distinct()
    )
    status = django_filters.ChoiceFilter(choices=TreatmentAction.Status.choices)
    overdue = django_filters.BooleanFilter(method="filter_overdue", widget=forms.CheckboxInput)

    class Meta:
        model = TreatmentAction
        fields = ["owner", "status"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset
