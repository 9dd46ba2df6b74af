from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from assets.models import Asset
from isms.access import can
from isms.roles import ENGINEER, GROUP_NAMES, OFFICER

ASSET_FIELDS = [
    "name", "kind", "description", "owner", "assignees", "classification",
    "confidentiality", "integrity", "availability", "holds_pii", "pii_categories",
    "hosting", "region", "status", "depends_on",
    "base_model", "model_version", "parameter_count", "architecture", "licence",
    "training_datasets", "data_provenance", "intended_use", "out_of_scope_use", "limitations",
    "evaluation_results", "artefact_sha256", "endpoint_url", "authentication_method",
    "encrypted_at_rest", "encrypted_in_transit",
]


class PiiCategoriesField(forms.CharField):
    """A list of categories typed as one comma- or semicolon-separated line."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class AssetForm(forms.ModelForm):
    pii_categories = PiiCategoriesField(
        required=False, label="PII categories", help_text="Comma-separated, e.g. contact, health."
    )
    endpoint_url = forms.URLField(required=False, assume_scheme="https", label="Endpoint URL")

    class Meta:
        model = Asset
        fields = ASSET_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description", "data_provenance", "intended_use", "out_of_scope_use",
                         "limitations", "evaluation_results")
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        staff = Q(groups__name__in=[GROUP_NAMES[OFFICER], GROUP_NAMES[ENGINEER]])
        if self.instance.pk:
            staff |= Q(pk=self.instance.owner_id)
        users = get_user_model().objects.filter(staff, is_active=True).distinct().order_by("username")
        if user is not None and not can(user, "change", Asset):
            # Engineers own what they create and cannot hand an asset to someone else.
            current = self.instance.owner_id if self.instance.pk else user.pk
            users = users.filter(pk=current)
            self.fields["owner"].initial = current
        self.fields["owner"].queryset = users
        self.fields["assignees"].queryset = users
        others = Asset.objects.exclude(pk=self.instance.pk) if self.instance.pk else Asset.objects
        self.fields["depends_on"].queryset = others.order_by("name")
        self.fields["training_datasets"].queryset = others.of_kind(Asset.Kind.DATASET).order_by("name")
        for name in ("assignees", "depends_on", "training_datasets"):
            self.fields[name].widget.attrs["size"] = 6
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
        for name in ("encrypted_at_rest", "encrypted_in_transit"):
            self.fields[name].widget.attrs["class"] = "form-select"


class AssetImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", help_text="UTF-8, at most 5 MB; see the column list below.",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,text/csv"}),
    )
