from django import forms

from audits.models import (
    AuditProgramme,
    ChecklistItem,
    CorrectiveAction,
    EffectivenessCheck,
    InternalAudit,
    ManagementReview,
    Nonconformity,
    ReviewAction,
)
from audits.models.programme import CLAUSES
from controls.models import Control
from risks.forms import StyledForm, staff_users

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(StyledForm):
    class Meta:
        model = AuditProgramme
        fields = ["year", "objectives"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 3})}


class AuditForm(StyledForm):
    clauses = forms.MultipleChoiceField(choices=CLAUSES, required=False,
                                        widget=forms.SelectMultiple(attrs={"size": 8}),
                                        help_text="ISO 27001 clauses in scope.")

    class Meta:
        model = InternalAudit
        fields = ["programme", "title", "clauses", "controls", "lead_auditor", "auditee",
                  "planned_start", "planned_end"]
        widgets = {"planned_start": DATE, "planned_end": DATE,
                   "controls": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["controls"].queryset = Control.objects.select_related("framework")
        self.fields["lead_auditor"].queryset = staff_users()
        self.fields["auditee"].queryset = staff_users()
        if self.instance.pk:
            del self.fields["programme"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("clauses") and not cleaned.get("controls"):
            raise forms.ValidationError("Choose at least one clause or control to audit.")
        return cleaned


class AuditReportForm(StyledForm):
    class Meta:
        model = InternalAudit
        fields = ["summary", "conclusion"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6}),
                   "conclusion": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


class ChecklistItemForm(StyledForm):
    class Meta:
        model = ChecklistItem
        fields = ["result", "notes", "evidence_refs"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2}),
                   "evidence_refs": forms.Textarea(attrs={"rows": 2})}


class NonconformityForm(StyledForm):
    class Meta:
        model = Nonconformity
        fields = ["title", "source", "checklist_item", "incident", "severity", "description",
                  "root_cause", "correction"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "root_cause": forms.Textarea(attrs={"rows": 3}),
                   "correction": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        findings = ChecklistItem.objects.filter(result__in=ChecklistItem.NC_RESULTS).select_related(
            "audit", "control")
        if self.instance.pk:
            findings = findings.filter(pk=self.instance.checklist_item_id)
        else:
            findings = findings.filter(nonconformity__isnull=True)
        self.fields["checklist_item"].queryset = findings
        self.fields["checklist_item"].label = "Audit finding"
        from incidents.models import Incident  # incidents is optional for audits' own logic

        self.fields["incident"].queryset = Incident.objects.exclude(
            status__in=[Incident.Status.REPORTED, Incident.Status.NOT_INCIDENT])


class CorrectiveActionForm(StyledForm):
    class Meta:
        model = CorrectiveAction
        fields = ["description", "owner", "due_date", "status"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()


class ActionProgressForm(StyledForm):
    """What an action's owner may change: its status."""

    class Meta:
        model = CorrectiveAction
        fields = ["status"]


class ReviewActionProgressForm(StyledForm):
    class Meta:
        model = ReviewAction
        fields = ["status"]


class EffectivenessCheckForm(StyledForm):
    effective = forms.TypedChoiceField(
        choices=[("yes", "Effective: close can follow"), ("no", "Not effective: reopen")],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
        label="Were the corrective actions effective?",
    )

    class Meta:
        model = EffectivenessCheck
        fields = ["effective", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective"].widget.attrs["class"] = "form-check-input"


class ReviewForm(StyledForm):
    class Meta:
        model = ManagementReview
        fields = ["title", "date", "attendees", "external_attendees", "interested_party_feedback",
                  "decisions", "minutes"]
        widgets = {"date": DATE, "attendees": forms.SelectMultiple(attrs={"size": 6}),
                   "external_attendees": forms.Textarea(attrs={"rows": 2}),
                   "interested_party_feedback": forms.Textarea(attrs={"rows": 3}),
                   "decisions": forms.Textarea(attrs={"rows": 4}),
                   "minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = staff_users()


class ReviewActionForm(StyledForm):
    class Meta:
        model = ReviewAction
        fields = ["description", "owner", "due_date", "status"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
