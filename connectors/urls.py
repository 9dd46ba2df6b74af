from django.urls import path

from connectors import views

app_name = "connectors"

urlpatterns = [
    path("", views.ConnectorListView.as_view(), name="connector-list"),
    path("new/", views.ConnectorCreateView.as_view(), name="connector-create"),
    path("<int:pk>/", views.ConnectorDetailView.as_view(), name="connector-detail"),
    path("<int:pk>/edit/", views.ConnectorUpdateView.as_view(), name="connector-edit"),
    path("<int:pk>/run/", views.ConnectorRunNowView.as_view(), name="connector-run"),
    path("runs/<int:pk>/", views.RunStatusView.as_view(), name="run-status"),
    path("suites/", views.SuiteListView.as_view(), name="suite-list"),
    path("suites/new/", views.SuiteCreateView.as_view(), name="suite-create"),
    path("suites/<int:pk>/", views.SuiteDetailView.as_view(), name="suite-detail"),
    path("suites/<int:pk>/edit/", views.SuiteVersionAddView.as_view(), name="suite-edit"),
]
