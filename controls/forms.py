from django import forms

from assets.models import Asset
from assets.search_select import AssetSearchSelectMultiple
from controls.models import Control, SoAEntry
from isms.models import User
from isms.roles import ENGINEER, GROUP_NAMES, OFFICER


class ApplicableSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Undecided"), ("true", "Yes"), ("false", "No")]


class SoAEntryForm(forms.ModelForm):
    applicable = forms.NullBooleanField(widget=ApplicableSelect, required=False)

    class Meta:
        model = SoAEntry
        fields = [
            "applicable", "justification", "implementation_status", "owner", "assignees",
            "implementation", "assets", "last_reviewed",
        ]
        widgets = {
            "justification": forms.Textarea(attrs={"rows": 2}),
            "implementation": forms.Textarea(attrs={"rows": 2}),
            "last_reviewed": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "assignees": forms.SelectMultiple(attrs={"size": 4}),
            "assets": AssetSearchSelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() rule runs in the service; the form only checks input shape.
        staff = [GROUP_NAMES[OFFICER], GROUP_NAMES[ENGINEER]]
        self.fields["owner"].queryset = User.objects.filter(groups__name__in=staff).distinct()
        self.fields["assignees"].queryset = User.objects.filter(groups__name=GROUP_NAMES[ENGINEER])
        self.fields["assets"].queryset = Asset.objects.order_by("name")
        for name, field in self.fields.items():
            widget = field.widget
            css = "form-select form-select-sm" if isinstance(widget, forms.Select) else (
                "form-control form-control-sm")
            widget.attrs.setdefault("class", css)
            widget.attrs["id"] = f"id_{name}_{self.instance.pk}"

    def _post_clean(self):
        # Skip ModelForm's instance validation: update_soa_entry() validates and saves.
        pass


class AssetControlsForm(forms.Form):
    controls = forms.ModelMultipleChoiceField(
        queryset=Control.objects.select_related("framework"), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
