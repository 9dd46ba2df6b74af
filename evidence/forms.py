from django import forms

from assets.models import Asset
from assets.search_select import AssetSearchSelectMultiple
from controls.models import Control
from evidence.models import Evidence
from risks.models import Risk


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(d, initial) for d in data]
        return [single(data, initial)]  # one file, or the "required" error when none came


class EvidenceForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    controls = forms.ModelMultipleChoiceField(queryset=Control.objects.none(), required=False)
    # The view offers the assets the user may change: the search offers the same ("change").
    assets = forms.ModelMultipleChoiceField(queryset=Asset.objects.none(), required=False,
                                            widget=AssetSearchSelectMultiple(scope="change"))
    risks = forms.ModelMultipleChoiceField(queryset=Risk.objects.none(), required=False)
    effective_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    files = MultipleFileField()
    note = forms.CharField(max_length=500, required=False, label="Version note")

    def __init__(self, *args, controls=None, assets=None, risks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["controls"].queryset = controls if controls is not None else Control.objects.all()
        self.fields["assets"].queryset = assets if assets is not None else Asset.objects.all()
        self.fields["risks"].queryset = risks if risks is not None else Risk.objects.all()
        for field in self.fields.values():
            if not isinstance(field.widget, forms.ClearableFileInput):
                css = (
                    "form-select"
                    if isinstance(field.widget, forms.Select | forms.SelectMultiple)
                    else "form-control"
                )
                field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        if (
            data.get("valid_until")
            and data.get("effective_date")
            and data["valid_until"] < data["effective_date"]
        ):
            self.add_error("valid_until", "Evidence cannot expire before its effective date.")
        return data


class VersionForm(forms.Form):
    files = MultipleFileField()
    note = forms.CharField(
        max_length=500, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        choices=Evidence.Review.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}), required=False
    )


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"class": "form-control"}))
    expires_at = forms.DateField(
        required=False,
        label="Expires on",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
