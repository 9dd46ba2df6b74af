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
    path("accounts/two-factor/", include("isms.mfa_urls")),
    path("accounts/preferences/", PreferencesView.as_view(), name="preferences"),
    path("engagements/", include("isms.engagement_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("assets/", include("isms.asset_urls")),
    path("scope/", include("isms.scope_urls")),
    path("training/", include("isms.training_urls")),
    path("risks/", include("risks.urls")),
    path("controls/", include("controls.urls")),
    path("evidence/", include("evidence.urls")),
    path("governance/", include("governance.urls")),
    path("connectors/", include("evidence.connector_urls")),
    path("incidents/", include("incidents.urls")),
    path("audit-packs/", include("packs.urls")),
    path("api/v1/", include("evidence.api_urls")),
    path("audits/", include("audits.urls")),
    path("admin/", admin.site.urls),
]
