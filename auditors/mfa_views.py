"""Two-factor pages: the status page, enrolment (QR code) and verification at sign-in.

They only touch the signed-in user's own OTP device and session, never ISMS data."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from auditors import mfa
from isms.generic import IsmsTemplateView, PermissionMixin, _add_errors, requires


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app", min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "class": "form-control", "autofocus": True}),
    )


class _TokenView(PermissionMixin, FormView):
    """Any signed-in user with a role; the engagement window was checked by the middleware."""

    permission_action = "view"
    form_class = TokenForm
    action = None  # mfa.mfa_verify or mfa.mfa_enrol_confirm

    def form_valid(self, form):
        try:
            type(self).action(self.request, token=form.cleaned_data["token"])
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(self._next_url())

    def _next_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        allowed = url_has_allowed_host_and_scheme(
            target, {self.request.get_host()}, require_https=self.request.is_secure()
        )
        return target if allowed else reverse("dashboard")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, next=self.request.GET.get("next", ""))


class MfaEnrolView(_TokenView):
    template_name = "auditors/mfa_enrol.html"
    action = mfa.mfa_enrol_confirm

    def dispatch(self, request, *args, **kwargs):
        # Replacing a device needs a verified session: a stolen password must not enrol a new one.
        user = request.user
        if user.is_authenticated and not user.is_verified() and mfa.is_enrolled(user):
            return redirect(f"{reverse('mfa-verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = mfa.pending_device(self.request.user)
        return super().get_context_data(**kwargs, secret=mfa.secret_of(device), qr_svg=mfa.qr_svg(device))


class MfaVerifyView(_TokenView):
    template_name = "auditors/mfa_verify.html"
    action = mfa.mfa_verify

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not mfa.is_enrolled(request.user):
            return redirect(f"{reverse('mfa-enrol')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)


class MfaSettingsView(IsmsTemplateView):
    template_name = "auditors/mfa_settings.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs, enrolled=mfa.is_enrolled(user), mandatory=mfa.mfa_mandatory(user),
            verified=user.is_verified(),
        )


@requires("view")
@require_POST
def mfa_disable(request):
    mfa.mfa_disable(request)
    messages.success(request, "Two-factor authentication is off for your account.")
    return redirect("mfa-settings")
