from django.urls import path

from incidents import views

app_name = "incidents"

urlpatterns = [
    path("", views.IncidentListView.as_view(), name="incident-list"),
    path("export/", views.IncidentExportView.as_view(), name="incident-export"),
    path("report/", views.EventReportView.as_view(), name="event-report"),
    path("<int:pk>/", views.IncidentDetailView.as_view(), name="incident-detail"),
    path("<int:pk>/edit/", views.IncidentUpdateView.as_view(), name="incident-edit"),
    path("<int:pk>/triage/", views.IncidentTriageView.as_view(), name="incident-triage"),
    path("<int:pk>/breach/", views.IncidentBreachView.as_view(), name="incident-breach"),
    path("<int:pk>/status/", views.IncidentStatusView.as_view(), name="incident-status"),
    path("<int:pk>/close/", views.IncidentCloseView.as_view(), name="incident-close"),
    path("<int:pk>/timeline/add/", views.TimelineEntryCreateView.as_view(), name="timeline-add"),
    path("<int:pk>/notifications/add/", views.NotificationCreateView.as_view(), name="notification-add"),
    path("<int:pk>/risks/reopen/", views.RisksReopenView.as_view(), name="incident-risks-reopen"),
    path("clocks/<int:pk>/not-required/", views.ClockNotRequiredView.as_view(), name="clock-not-required"),
    path("regimes/", views.RegimeListView.as_view(), name="regime-list"),
    path("regimes/add/", views.RegimeCreateView.as_view(), name="regime-create"),
    path("regimes/<int:pk>/edit/", views.RegimeUpdateView.as_view(), name="regime-edit"),
]
