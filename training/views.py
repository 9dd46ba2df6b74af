from django.urls import reverse, reverse_lazy
from django.utils.functional import SimpleLazyObject
from django.views.generic import FormView

from isms.access import can
from isms.generic import (
    CsvImportView,
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsTemplateView,
    IsmsUpdateView,
    PermissionMixin,
    ServiceFormMixin,
)
from training import csv_import
from training import matrix as training
from training.filters import CourseFilter, PersonFilter
from training.forms import (
    CourseForm,
    PersonForm,
    TrainingImportForm,
    TrainingRecordCorrectionForm,
    TrainingRecordForm,
)
from training.models import Course, Person, TrainingRecord
from training.services import (
    add_training_record,
    create_course,
    create_person,
    delete_training_record,
    import_training,
    update_course,
    update_person,
    update_training_record,
)


class TrainingMatrixView(IsmsTemplateView):
    permission_model = TrainingRecord
    template_name = "training/training_matrix.html"

    def get_context_data(self, **kwargs):
        team = self.request.GET.get("team", "")
        return super().get_context_data(
            # Lazy: built only when the page's kept fragment is not there.
            **kwargs, matrix=SimpleLazyObject(lambda: training.build(team=team)), team=team,
            teams=training.teams(),
            may_add=can(self.request.user, "add", TrainingRecord),
        )


class MyTrainingView(IsmsTemplateView):
    template_name = "training/my_training.html"

    def get_context_data(self, **kwargs):
        records = TrainingRecord.objects.of_user(self.request.user).select_related("course")
        return super().get_context_data(**kwargs, records=records)


class PersonListView(IsmsListView):
    model = Person
    filterset_class = PersonFilter
    template_name = "training/person_list.html"
    partial_template_name = "training/_person_rows.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, may_add=can(self.request.user, "add", Person))


class PersonDetailView(IsmsDetailView):
    model = Person
    template_name = "training/person_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        records = self.object.training_records.select_related("course", "certificate")
        return super().get_context_data(
            **kwargs, records=records, may_change=can(user, "change", self.object),
            may_add_record=can(user, "add", TrainingRecord),
            may_correct=can(user, "change", TrainingRecord),
            may_delete=can(user, "delete", TrainingRecord),
        )


class PersonCreateView(IsmsCreateView):
    model, form_class, service = Person, PersonForm, create_person
    template_name = "training/person_form.html"
    success_message = "Person added."

    def get_success_url(self):
        return self.object.get_absolute_url()


class PersonUpdateView(IsmsUpdateView):
    model, form_class, service = Person, PersonForm, update_person
    template_name = "training/person_form.html"
    success_message = "Person saved."

    def get_success_url(self):
        return self.object.get_absolute_url()


class CourseListView(IsmsListView):
    model = Course
    filterset_class = CourseFilter
    template_name = "training/course_list.html"
    partial_template_name = "training/_course_rows.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, may_add=can(self.request.user, "add", Course))


class CourseCreateView(IsmsCreateView):
    model, form_class, service = Course, CourseForm, create_course
    template_name = "training/course_form.html"
    success_url = reverse_lazy("training:course-list")
    success_message = "Course added."


class CourseUpdateView(IsmsUpdateView):
    model, form_class, service = Course, CourseForm, update_course
    template_name = "training/course_form.html"
    success_url = reverse_lazy("training:course-list")
    success_message = "Course saved."


class TrainingRecordCreateView(PermissionMixin, ServiceFormMixin, FormView):
    permission_action, permission_model = "add", TrainingRecord
    form_class, service = TrainingRecordForm, add_training_record
    template_name = "training/trainingrecord_form.html"
    success_url = reverse_lazy("training:training-matrix")
    success_message = "Training recorded."

    def get_initial(self):
        return {"person": self.request.GET.get("person"), "course": self.request.GET.get("course")}


class TrainingRecordUpdateView(IsmsUpdateView):
    """Correct a record: the form is not a ModelForm because expiry and certificate are derived."""

    model, form_class, service = TrainingRecord, TrainingRecordCorrectionForm, update_training_record
    template_name = "training/trainingrecord_correct.html"
    success_message = "Training record corrected."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance")
        kwargs["initial"] = {"course": self.object.course_id, "completed_on": self.object.completed_on,
                             "score": self.object.score}
        return kwargs

    def get_success_url(self):
        return self.object.person.get_absolute_url()


class TrainingRecordDeleteView(IsmsActionView):
    permission_action, model, service = "delete", TrainingRecord, delete_training_record
    success_message = "Training record removed."

    def get_success_url(self):
        return reverse("training:person-detail", args=[self.object.person_id])


class TrainingImportView(CsvImportView):
    permission_action, permission_model = "add", TrainingRecord
    form_class = TrainingImportForm
    template_name = "training/training_import.html"
    success_url = reverse_lazy("training:training-matrix")
    success_message = "Training records imported."
    extra_context = {"columns": csv_import.COLUMNS}
    parser, parse_error = csv_import.parse, csv_import.TrainingCsvError
    max_bytes, service = csv_import.MAX_BYTES, import_training
