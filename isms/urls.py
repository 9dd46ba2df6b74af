"""The URL map: the platform's own pages here, each domain app's under its prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from isms import views
from isms.preferences import PreferencesView

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("audit-trail/", views.AuditTrailListView.as_view(), name="audittrail-list"),
    path("audit-trail/verify/", views.AuditTrailVerifyView.as_view(), name="audittrail-verify"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("accounts/two-factor/", include("auditors.mfa_urls")),
    path("accounts/preferences/", PreferencesView.as_view(), name="preferences"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("assets.urls")),  # assets/ and scope/
    path("controls/", include("controls.urls")),
    path("risks/", include("risks.urls")),
    path("evidence/", include("evidence.urls")),
    path("api/v1/", include("evidence.api_urls")),
    path("connectors/", include("connectors.urls")),
    path("training/", include("training.urls")),
    path("governance/", include("governance.urls")),
    path("incidents/", include("incidents.urls")),
    path("", include("audits.urls")),  # internal-audits/, nonconformities/, management-reviews/
    path("auditors/", include("auditors.urls")),
    path("packs/", include("packs.urls")),
    path("admin/", admin.site.urls),
]
