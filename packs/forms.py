from django import forms
from django.utils import timezone

from auditors.models import AuditEngagement
from isms.access import can
from packs.models import AuditPack


class PackRequestForm(forms.Form):
    as_of = forms.DateField(
        label="As of",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}),
        help_text="Evidence and the audit trail are cut at the end of this day.",
    )
    engagement = forms.ModelChoiceField(
        queryset=AuditEngagement.objects.none(), required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()
        field = self.fields["engagement"]
        if can(user, "add", AuditPack):
            field.queryset = AuditEngagement.objects.all()
            field.help_text = "Its auditors can see and download the pack. Leave empty for an internal pack."
        else:  # an auditor: only their own engagement, and one is required
            field.queryset = AuditEngagement.objects.active().filter(auditors=user)
            field.required = True
