"""Meta-tests: rules that must hold for every view and every model, present and future."""

from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.auth import views as auth_views
from rest_framework.views import APIView

from isms.access import ActionPermission
from isms.roles import DOMAIN_APPS
from tests.urlwalk import url_patterns, view_class

AUTH_VIEWS = (
    auth_views.LoginView, auth_views.LogoutView, auth_views.PasswordResetView,
    auth_views.PasswordResetDoneView, auth_views.PasswordResetConfirmView,
    auth_views.PasswordResetCompleteView,
)
NOT_AUDITED = {"isms.auditentry", "auditors.auditoraccess"}  # the audit trail and access log themselves


def test_every_view_declares_a_permission_action():
    missing = []
    for name, callback in url_patterns():
        cls = view_class(callback)
        if cls and issubclass(cls, APIView):
            if ActionPermission not in cls.permission_classes:
                missing.append(name)
        elif cls and issubclass(cls, AUTH_VIEWS) or getattr(callback, "public", False):
            continue
        elif not getattr(cls or callback, "permission_action", None):
            missing.append(name)
    assert missing == []


def test_every_domain_model_is_registered_with_auditlog():
    unregistered = [
        model._meta.label_lower
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.label_lower not in NOT_AUDITED and not auditlog.contains(model)
    ]
    assert unregistered == []
