from django import forms
from django.contrib.auth.forms import AuthenticationForm

from isms.access import may_sign_in


class LoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not may_sign_in(user):
            raise forms.ValidationError(
                "Your audit engagement is not active today; ask the compliance officer.",
                code="engagement_inactive",
            )
