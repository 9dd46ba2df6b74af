from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from isms import views

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("audit-trail/", views.AuditTrailListView.as_view(), name="audittrail-list"),
    path("audit-trail/verify/", views.AuditTrailVerifyView.as_view(), name="audittrail-verify"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("assets/", include("isms.asset_urls")),
    path("scope/", include("isms.scope_urls")),
    path("training/", include("isms.training_urls")),
    path("risks/", include("risks.urls")),
    path("controls/", include("controls.urls")),
    path("evidence/", include("evidence.urls")),
    path("audit-packs/", include("packs.urls")),
    path("api/v1/", include("evidence.api_urls")),
    path("admin/", admin.site.urls),
]
