"""Forms only check the shape of the input; the services decide the rules."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from assets.models import Asset
from assets.search_select import AssetSearchSelectMultiple
from incidents.models import Incident, Notification, NotificationClock, NotificationRegime, TimelineEntry
from incidents.services.lifecycle import next_statuses
from isms.roles import ENGINEER, GROUP_NAMES, OFFICER
from risks.models import Threat

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date-time picker; the value is read in the ISMS time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=LOCAL_INPUT)


class Styled:
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


def staff():
    """People who can own an incident: officers and engineers."""
    names = [GROUP_NAMES[OFFICER], GROUP_NAMES[ENGINEER]]
    return get_user_model().objects.filter(groups__name__in=names, is_active=True).distinct()


class EventReportForm(Styled, forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["title", "description", "detected_at", "detection_method", "assets"]
        widgets = {"detected_at": LocalDateTimeInput(), "description": forms.Textarea(attrs={"rows": 5}),
                   "assets": AssetSearchSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assets"].queryset = Asset.objects.all()
        self.fields["assets"].required = False
        self.initial.setdefault("detected_at", timezone.localtime().replace(second=0, microsecond=0))


class IncidentForm(EventReportForm):
    class Meta(EventReportForm.Meta):
        fields = [*EventReportForm.Meta.fields, "severity", "category", "owner", "threats"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff()
        self.fields["threats"].queryset = Threat.objects.all()
        self.fields["threats"].required = False


class TriageForm(Styled, forms.Form):
    decision = forms.ChoiceField(choices=[("incident", "It is an incident"),
                                          ("not_incident", "Not an incident: close it")],
                                 widget=forms.RadioSelect)
    severity = forms.ChoiceField(choices=[("", "—"), *Incident.Severity.choices], required=False)
    category = forms.ChoiceField(choices=[("", "—"), *Incident.Category.choices], required=False)
    owner = forms.ModelChoiceField(queryset=None, required=False, help_text="You, if left empty.")
    threats = forms.ModelMultipleChoiceField(
        queryset=Threat.objects.all(), required=False,
        help_text="Threats of the threat library this incident realises.")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             help_text="Required when it is not an incident.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff()


class BreachForm(Styled, forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["personal_data_breach", "aware_at", "high_risk", "subjects_affected"]
        widgets = {"aware_at": LocalDateTimeInput()}


class StatusForm(Styled, forms.Form):
    status = forms.ChoiceField(choices=())
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = next_statuses(incident)


class CloseForm(Styled, forms.Form):
    lessons_learned = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    no_corrective_action_reason = forms.CharField(
        label="Why no corrective action is needed", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class TimelineEntryForm(Styled, forms.ModelForm):
    kind = forms.ChoiceField(choices=[c for c in TimelineEntry.Kind.choices
                                      if c[0] != TimelineEntry.Kind.STATUS_CHANGE])

    class Meta:
        model = TimelineEntry
        fields = ["occurred_at", "kind", "text"]
        widgets = {"occurred_at": LocalDateTimeInput(), "text": forms.Textarea(attrs={"rows": 3})}
        labels = {"occurred_at": "When"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))


class NotificationForm(Styled, forms.ModelForm):
    document = forms.FileField(required=False, help_text="The notification as sent; stored as evidence.")

    class Meta:
        model = Notification
        fields = ["clock", "recipient", "sent_at", "sent_by", "content_summary", "reference", "late_reason",
                  "document"]
        widgets = {"sent_at": LocalDateTimeInput(), "content_summary": forms.Textarea(attrs={"rows": 4}),
                   "late_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.incident = incident  # for the model's own checks (late, clock of this incident)
        self.fields["clock"].queryset = incident.clocks.select_related("regime")
        self.fields["clock"].label_from_instance = lambda c: f"{c.regime} ({c.regime.deadline_label})"
        self.fields["clock"].help_text = "The regime this notification satisfies, if any."
        self.fields["sent_by"].queryset = staff()
        self.fields["sent_by"].required = False
        self.fields["sent_by"].help_text = "You, if left empty."
        self.initial.setdefault("sent_at", timezone.localtime().replace(second=0, microsecond=0))


class ClockNotRequiredForm(Styled, forms.ModelForm):
    class Meta:
        model = NotificationClock
        fields = ["not_required_reason"]
        widgets = {"not_required_reason": forms.Textarea(attrs={"rows": 3})}


class RisksReopenForm(Styled, forms.Form):
    risks = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, risks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risks"].queryset = risks
        self.fields["risks"].label_from_instance = lambda r: f"{r.title} — {r.assessment.title} ({r.status})"


class HoursListField(forms.CharField):
    """Reminder points typed as "48, 24, 6"."""

    def prepare_value(self, value):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value

    def to_python(self, value):
        parts = [p.strip() for p in (value or "").replace(";", ",").split(",") if p.strip()]
        try:
            hours = [int(p) for p in parts]
        except ValueError:
            raise forms.ValidationError(
                "Whole numbers of hours separated by commas, e.g. 48, 24, 6.") from None
        if any(h < 0 for h in hours):
            raise forms.ValidationError("Hours before the deadline cannot be negative.")
        return sorted(set(hours), reverse=True)


class RegimeForm(Styled, forms.ModelForm):
    reminder_hours = HoursListField(required=False, help_text="Hours before the deadline, e.g. 48, 24, 6.")

    class Meta:
        model = NotificationRegime
        fields = ["name", "legal_reference", "recipient_kind", "deadline_hours", "applies_when",
                  "reminder_hours", "amber_hours", "active"]
