from django import forms

from auditors.models import AuditEngagement
from isms.models import User
from isms.roles import AUDITOR, GROUP_NAMES


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class EngagementForm(forms.ModelForm):
    class Meta:
        model = AuditEngagement
        fields = ["name", "audit_firm", "start_date", "end_date", "auditors"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"auditors": "Existing auditor accounts; invite new auditors from the engagement page."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditors"].queryset = User.objects.filter(groups__name=GROUP_NAMES[AUDITOR])
        self.fields["auditors"].required = False
        _bootstrap(self)


class InviteForm(forms.Form):
    email = forms.EmailField(label="E-mail")
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)
