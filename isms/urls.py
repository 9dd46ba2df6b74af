from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from isms import views

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("audit-trail/", views.AuditTrailListView.as_view(), name="audittrail-list"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
