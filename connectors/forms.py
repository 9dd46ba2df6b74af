import json

from django import forms

from connectors.models import Connector, PolicyTestSuite
from controls.models import Control


class _Styled:
    def style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class ConnectorForm(_Styled, forms.ModelForm):
    """The secret is write-only: the field is always empty; leaving it empty keeps the stored one."""

    config = forms.JSONField(
        label="Configuration",
        initial=dict,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-control font-monospace"}),
        help_text="Kind-specific settings as JSON; see the connectors guide for each kind.",
    )
    secret = forms.CharField(
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Token or password. Stored encrypted and never shown again.",
    )
    clear_secret = forms.BooleanField(required=False, label="Remove the stored secret")
    controls = forms.ModelMultipleChoiceField(
        queryset=Control.objects.select_related("framework").order_by("framework__code", "position"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    policy = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control font-monospace"}),
        help_text=Connector._meta.get_field("policy").help_text,
    )

    class Meta:
        model = Connector
        fields = [
            "name",
            "kind",
            "description",
            "config",
            "secret",
            "clear_secret",
            "enabled",
            "interval_minutes",
            "evidence_valid_days",
            "controls",
            "policy",
            "test_suite",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["clear_secret"]
        elif self.instance.has_secret:
            self.fields[
                "secret"
            ].help_text = "A secret is set. Type a new one to replace it; leave empty to keep it."
        else:
            self.fields["secret"].help_text = "No secret is set. " + self.fields["secret"].help_text
        self.style()

    def clean_config(self):
        value = self.cleaned_data["config"]
        if value in (None, ""):
            return {}
        if not isinstance(value, dict):
            raise forms.ValidationError("The configuration must be a JSON object ({...}).")
        return value


class SuiteForm(_Styled, forms.Form):
    """A suite's cases as JSON: a list of {name, prompt, must_match, must_not_match}."""

    name = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    cases = forms.JSONField(
        widget=forms.Textarea(attrs={"rows": 16, "class": "form-control font-monospace"}),
        help_text='A list of {"name", "prompt", "must_match", "must_not_match"}; '
        "the two constraints are regular expressions (case-insensitive).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class SuiteVersionForm(_Styled, forms.Form):
    cases = SuiteForm.base_fields["cases"]
    note = forms.CharField(max_length=500, required=False, help_text="What changed in this version.")

    def __init__(self, *args, suite: PolicyTestSuite | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = suite.current if suite else None
        if current and not self.is_bound:
            self.initial["cases"] = json.dumps(current.cases, indent=2)
        self.style()
