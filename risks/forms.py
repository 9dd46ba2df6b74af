from django import forms

from assets.models import Asset
from assets.search_select import AssetSearchSelectMultiple
from controls.models import Control
from isms.models import User
from isms.roles import ENGINEER, GROUP_NAMES, OFFICER
from risks.models import Risk, RiskAcceptance, RiskAssessment, RiskCriteria, Threat, TreatmentAction


def staff_users():
    """Active officers and engineers: the people who own risks, actions and audits (external
    auditors never do)."""
    names = [GROUP_NAMES[OFFICER], GROUP_NAMES[ENGINEER]]
    return User.objects.filter(groups__name__in=names, is_active=True).distinct().order_by("username")

class StyledForm(forms.ModelForm):
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class ThreatForm(StyledForm):
    affects = forms.MultipleChoiceField(
        choices=Threat.Property.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    asset_kinds = forms.MultipleChoiceField(
        choices=Asset.Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    suggested_controls = forms.ModelMultipleChoiceField(
        queryset=Control.objects.select_related("framework"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Threat
        fields = ["code", "name", "reference", "source", "description", "affects", "asset_kinds",
                  "suggested_controls"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the code is the library's natural key: reloading relies on it
            self.fields["code"].disabled = True


class LinesField(forms.CharField):
    """A list of strings entered one per line."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class BandsField(LinesField):
    """Level bands entered as "level min_score" lines, e.g. "high 10"."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{band['level']} {band['min_score']}" for band in value)
        return value

    def to_python(self, value):
        bands = []
        for line in super().to_python(value):
            level, _, minimum = line.partition(" ")
            if not minimum.strip().isdigit():
                raise forms.ValidationError(f'"{line}" is not "level min_score".')
            bands.append({"level": level.lower(), "min_score": int(minimum)})
        return bands


class CriteriaForm(StyledForm):
    likelihood_labels = LinesField(help_text="One label per line, lowest first.")
    impact_labels = LinesField(help_text="One label per line, lowest first.")
    bands = BandsField(help_text="One band per line: level and minimum score, e.g. \"high 10\".")

    class Meta:
        model = RiskCriteria
        fields = ["name", "likelihood_labels", "impact_labels", "bands", "appetite"]


class AssessmentForm(StyledForm):
    copy_from_last_approved = forms.BooleanField(
        required=False, initial=True,
        help_text="Start from the risks, assets, controls and open actions of the last approved assessment.",
    )

    class Meta:
        model = RiskAssessment
        fields = ["title", "assessment_date", "scope_notes"]
        widgets = {"assessment_date": forms.DateInput(attrs={"type": "date"})}


def _scale_choices(labels: list[str]) -> list[tuple[int, str]]:
    return [(n, f"{n} · {label}") for n, label in enumerate(labels, start=1)]


class RiskForm(StyledForm):
    SCALE_FIELDS = {"inherent_likelihood": "likelihood_labels", "inherent_impact": "impact_labels",
                    "residual_likelihood": "likelihood_labels", "residual_impact": "impact_labels"}

    class Meta:
        model = Risk
        fields = ["assessment", "title", "threat", "assets", "vulnerability", "consequence",
                  "inherent_likelihood", "inherent_impact", "treatment", "controls",
                  "residual_likelihood", "residual_impact", "owner", "status"]
        widgets = {"vulnerability": forms.Textarea(attrs={"rows": 3}),
                   "consequence": forms.Textarea(attrs={"rows": 3}),
                   "assets": AssetSearchSelectMultiple(attrs={"size": 6}),
                   "controls": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["assessment"]
            criteria = self.instance.assessment.criteria
        else:
            self.fields["assessment"].queryset = RiskAssessment.objects.exclude(status="approved")
            criteria = RiskCriteria.objects.current()
        for name, labels in self.SCALE_FIELDS.items():
            self.fields[name] = forms.TypedChoiceField(
                choices=_scale_choices(getattr(criteria, labels)), coerce=int,
                label=self.fields[name].label, widget=forms.Select(attrs={"class": "form-select"}),
            )
        self.fields["threat"].queryset = Threat.objects.active()
        self.fields["controls"].queryset = Control.objects.select_related("framework")
        self.fields["owner"].queryset = staff_users()


class AcceptanceForm(StyledForm):
    class Meta:
        model = RiskAcceptance
        fields = ["justification"]


class ActionForm(StyledForm):
    class Meta:
        model = TreatmentAction
        fields = ["description", "owner", "due_date", "status"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}),
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()


class ActionProgressForm(StyledForm):
    """What an action's owner may change: its progress."""

    class Meta:
        model = TreatmentAction
        fields = ["status"]


class ControlRisksForm(forms.Form):
    risks = forms.ModelMultipleChoiceField(
        queryset=Risk.objects.open_for_change().select_related("assessment"), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text="Risks of assessments that are not approved yet; approved ones are frozen.",
    )
