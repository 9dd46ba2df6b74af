from django import forms

from isms.models import User
from training.models import Course, Person


class CourseForm(forms.ModelForm):
    teams = forms.CharField(required=False, help_text="Comma-separated team names.")
    job_roles = forms.CharField(required=False, help_text="Comma-separated job roles.")

    class Meta:
        model = Course
        fields = ["title", "topic", "provider", "validity_months", "teams", "job_roles",
                  "audience_assets", "audience_pii_assets"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("teams", "job_roles"):
            if self.instance.pk:
                self.initial[name] = ", ".join(getattr(self.instance, name))

    def _split(self, name):
        return [v.strip() for v in self.cleaned_data[name].split(",") if v.strip()]

    def clean_teams(self):
        return self._split("teams")

    def clean_job_roles(self):
        return self._split("job_roles")


class TrainingRecordForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.active())
    course = forms.ModelChoiceField(queryset=Course.objects.all())
    completed_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    score = forms.IntegerField(required=False, min_value=0, max_value=100)
    certificate_file = forms.FileField(required=False, label="Certificate")


class TrainingRecordCorrectionForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.all())
    completed_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    score = forms.IntegerField(required=False, min_value=0, max_value=100)
    certificate_file = forms.FileField(
        required=False, label="Replace certificate",
        help_text="Leave empty to keep the current certificate.",
    )


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "email", "team", "job_role", "user", "active"]
        help_texts = {
            "user": "Link the account so asset-based audiences and 'My training' apply to them.",
            "active": "Untick when the person leaves: they drop out of the matrix and reminders.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")


class TrainingImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", help_text="UTF-8, at most 5 MB; columns email, course, completed_on, score.",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,text/csv"}),
    )
