import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.http import QueryDict

from assets.models import Asset
from assets.search_select import AssetSearchSelect
from isms.filtersets import ListFilterSet
from isms.models import User
from isms.trail_memo import trail_head
from risks.models import Risk, RiskAssessment, Threat, TreatmentAction
from risks.register_memo import current_assessment


class KnownChoiceField(forms.ModelChoiceField):
    """A model choice that is handed the instance it will most likely be given (`known`), so
    that choosing it costs no second query for the row just read."""

    known = None

    def to_python(self, value):
        if self.known is not None and str(value) == str(self.known.pk):
            return self.known
        return super().to_python(value)


class KnownChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = KnownChoiceField


class RiskFilter(ListFilterSet):
    assessment = KnownChoiceFilter(  # with its criteria: the register's heatmaps read them
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
    kept_choices = ("assessment", "owner", "threat")
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
        head = trail_head(kwargs.get("request"))
        current = None
        if data is None or "assessment" not in data:
            current = current_assessment(head)
            data = data.copy() if data is not None else QueryDict(mutable=True)
            if current is not None:
                data["assessment"] = str(current.pk)
        super().__init__(data, *args, **kwargs)
        if current is not None:  # the form's choice is the assessment just read
            self.form.fields["assessment"].known = current

    def filter_stale(self, queryset, name, value):
        return queryset.with_stale_acceptance() if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(pk__in=Risk.objects.with_overdue_actions().values("pk")) if value else queryset


class ThreatFilter(ListFilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Search")
    source = django_filters.CharFilter(lookup_expr="icontains")
    retired = django_filters.BooleanFilter()
    ordering = django_filters.OrderingFilter(fields=("name", "reference", "source"), label="Sort by")

    class Meta:
        model = Threat
        fields = ["q", "source", "retired"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(reference__icontains=value)


class AssessmentFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(choices=RiskAssessment.Status.choices)
    ordering = django_filters.OrderingFilter(fields=("assessment_date", "title"), label="Sort by")

    class Meta:
        model = RiskAssessment
        fields = ["status"]


class ActionFilter(ListFilterSet):
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
