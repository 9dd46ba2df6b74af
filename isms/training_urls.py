from django.urls import path

from isms import training_views as views

urlpatterns = [
    path("", views.TrainingMatrixView.as_view(), name="training-matrix"),
    path("mine/", views.MyTrainingView.as_view(), name="my-training"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("courses/", views.CourseListView.as_view(), name="course-list"),
    path("courses/new/", views.CourseCreateView.as_view(), name="course-create"),
    path("courses/<int:pk>/edit/", views.CourseUpdateView.as_view(), name="course-edit"),
    path("records/new/", views.TrainingRecordCreateView.as_view(), name="training-record-create"),
    path("import/", views.TrainingImportView.as_view(), name="training-import"),
]
