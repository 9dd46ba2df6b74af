from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect

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
