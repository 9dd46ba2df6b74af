"""The auditors' rules on every request: an auditor is signed out once their engagement window
closes, and whoever must use two-factor authentication verifies a code before going on."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from auditors.mfa import mfa_pending
from isms.access import may_sign_in


class EngagementWindowMiddleware:
    """Signs an auditor out as soon as their engagement window has closed, mid-session too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not may_sign_in(request.user):
            logout(request)
            messages.error(request, "Your audit engagement is not active, so you were signed out.")
            return redirect("login")
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Sends a signed-in user who must use two-factor authentication and has not verified a
    token in this session to enrolment (no device yet) or verification; the API answers 403."""

    EXEMPT_VIEWS = {
        "login", "logout", "mfa-enrol", "mfa-verify", "healthz",
        "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in self.EXEMPT_VIEWS or not mfa_pending(request):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Two-factor verification required."}, status=403)
        target = reverse("mfa-verify" if request.user.mfa_enrolled else "mfa-enrol")
        if getattr(request, "htmx", False):  # a partial swap must not show the form inside a table
            return HttpResponseClientRedirect(target)
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
