from django.urls import path

from auditors import mfa_views as views

urlpatterns = [
    path("", views.MfaSettingsView.as_view(), name="mfa-settings"),
    path("enrol/", views.MfaEnrolView.as_view(), name="mfa-enrol"),
    path("verify/", views.MfaVerifyView.as_view(), name="mfa-verify"),
    path("disable/", views.mfa_disable, name="mfa-disable"),
]
