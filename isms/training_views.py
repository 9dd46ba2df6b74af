from django.urls import reverse_lazy
from django.views.generic import FormView

from isms import training, training_csv
from isms.access import can
from isms.generic import (
    CsvImportView,
    IsmsCreateView,
    IsmsListView,
    IsmsTemplateView,
    IsmsUpdateView,
    PermissionMixin,
    ServiceFormMixin,
)
from isms.models import Course, Person, TrainingRecord
from isms.services.training import course_create, course_update, training_import, training_record_add
from isms.training_filters import CourseFilter, PersonFilter
from isms.training_forms import CourseForm, TrainingImportForm, TrainingRecordForm


class TrainingMatrixView(IsmsTemplateView):
    permission_model = TrainingRecord
    template_name = "isms/training_matrix.html"

    def get_context_data(self, **kwargs):
        team = self.request.GET.get("team", "")
        return super().get_context_data(
            **kwargs, matrix=training.build(team=team), team=team, teams=training.teams(),
            may_add=can(self.request.user, "add", TrainingRecord),
        )


class MyTrainingView(IsmsTemplateView):
    template_name = "isms/my_training.html"

    def get_context_data(self, **kwargs):
        records = TrainingRecord.objects.of_user(self.request.user).select_related("course")
        return super().get_context_data(**kwargs, records=records)


class PersonListView(IsmsListView):
    model = Person
    filterset_class = PersonFilter
    template_name = "isms/person_list.html"
    partial_template_name = "isms/_person_rows.html"


class CourseListView(IsmsListView):
    model = Course
    filterset_class = CourseFilter
    template_name = "isms/course_list.html"
    partial_template_name = "isms/_course_rows.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, may_add=can(self.request.user, "add", Course))


class CourseCreateView(IsmsCreateView):
    model, form_class, service = Course, CourseForm, course_create
    template_name = "isms/course_form.html"
    success_url = reverse_lazy("course-list")
    success_message = "Course added."


class CourseUpdateView(IsmsUpdateView):
    model, form_class, service = Course, CourseForm, course_update
    template_name = "isms/course_form.html"
    success_url = reverse_lazy("course-list")
    success_message = "Course saved."


class TrainingRecordCreateView(PermissionMixin, ServiceFormMixin, FormView):
    permission_action, permission_model = "add", TrainingRecord
    form_class, service = TrainingRecordForm, training_record_add
    template_name = "isms/trainingrecord_form.html"
    success_url = reverse_lazy("training-matrix")
    success_message = "Training recorded."


class TrainingImportView(CsvImportView):
    permission_action, permission_model = "add", TrainingRecord
    form_class = TrainingImportForm
    template_name = "isms/training_import.html"
    success_url = reverse_lazy("training-matrix")
    success_message = "Training records imported."
    extra_context = {"columns": training_csv.COLUMNS}
    parser, parse_error = training_csv.parse, training_csv.TrainingCsvError
    max_bytes, service = training_csv.MAX_BYTES, training_import
