from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from governance.metrics import metric_choices
from governance.models import Objective, Policy
from training.models import Person

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if not isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", css)


def _users():
    return get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct().order_by(
        "username")


class PolicyForm(forms.ModelForm):
    class Meta:
        model = Policy
        fields = ["title", "kind", "topic", "owner", "review_interval_months", "next_review_date"]
        widgets = {"next_review_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _users()
        if not self.instance.pk:
            self.initial.setdefault("next_review_date", timezone.localdate() + relativedelta(months=12))
        _style(self)


class PolicyVersionForm(forms.Form):
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 16}),
                           help_text="Plain text, shown exactly as written (line breaks kept).")
    document_file = forms.FileField(required=False, label="Document",
                                    help_text="Optional: a PDF or office file, stored as evidence.")
    change_summary = forms.CharField(required=False, max_length=300, label="What changed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class AcknowledgementRecordForm(forms.Form):
    people = forms.ModelMultipleChoiceField(queryset=Person.objects.none(),
                                            widget=forms.SelectMultiple(attrs={"size": 12}))
    acknowledged_on = forms.DateField(widget=DATE, label="Acknowledged on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.active()
        _style(self)


class ObjectiveForm(forms.ModelForm):
    metric = forms.ChoiceField(choices=metric_choices, required=False, label="Measured from",
                               help_text="Bound objectives are measured every day by the product.")

    class Meta:
        model = Objective
        fields = ["title", "description", "measure", "target_value", "unit", "direction", "owner",
                  "due_date", "status", "metric"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _users()
        _style(self)


class MeasurementForm(forms.Form):
    date = forms.DateField(widget=DATE)
    value = forms.DecimalField(max_digits=12, decimal_places=2)
    note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
