from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.TrainingMatrixView.as_view(), name="training-matrix"),
    path("mine/", views.MyTrainingView.as_view(), name="my-training"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person-edit"),
    path("courses/", views.CourseListView.as_view(), name="course-list"),
    path("courses/new/", views.CourseCreateView.as_view(), name="course-create"),
    path("courses/<int:pk>/edit/", views.CourseUpdateView.as_view(), name="course-edit"),
    path("records/new/", views.TrainingRecordCreateView.as_view(), name="training-record-create"),
    path("records/<int:pk>/edit/", views.TrainingRecordUpdateView.as_view(), name="training-record-edit"),
    path("records/<int:pk>/delete/", views.TrainingRecordDeleteView.as_view(),
         name="training-record-delete"),
    path("import/", views.TrainingImportView.as_view(), name="training-import"),
]
