"""Two-factor authentication (TOTP, django-otp): who must use it, enrolment and verification.

Auditors must enrol and verify a TOTP token before they see anything; officers and engineers
may enrol voluntarily (and then verify at every sign-in); REQUIRE_MFA_FOR_ALL forces everyone.
Whether a user has a confirmed device is kept on the user row (User.mfa_enrolled), so
ordinary requests cost no extra query."""

from __future__ import annotations

import io
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from isms.access import role_of
from isms.roles import AUDITOR

DEVICE_NAME = "Authenticator app"


def mfa_mandatory(user) -> bool:
    """Must this user use two-factor authentication (they may not turn it off)?"""
    return role_of(user) == AUDITOR or settings.REQUIRE_MFA_FOR_ALL


def mfa_pending(request) -> bool:
    """True when the signed-in user must verify a token before going on."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return user.mfa_enrolled or mfa_mandatory(user)


def is_enrolled(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device for enrolment (a new secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The base32 secret people type into an authenticator app."""
    return b32encode(device.bin_key).decode()


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as inline SVG markup (the CSP allows no inline scripts or styles)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg"):]  # drop the XML declaration: the markup goes inside HTML


def mfa_enrol_confirm(request, *, token: str) -> TOTPDevice:
    """Confirm the pending device with a first token; it replaces any older device and the
    session counts as verified."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None or not device.verify_token(token):
            raise ValidationError({"token": "That code is not right. Check the clock of your device."})
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _set_enrolled(user, True)
    otp_login(request, device)
    return device


def mfa_verify(request, *, token: str) -> TOTPDevice:
    """Verify a token against the user's confirmed device and mark the session verified."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None or not device.verify_token(token):
        raise ValidationError({"token": "That code is not right, or was already used."})
    otp_login(request, device)
    return device


def mfa_disable(request) -> None:
    """Remove the user's devices; refused when two-factor is mandatory for them."""
    if mfa_mandatory(request.user):
        raise PermissionDenied("Two-factor authentication is required for your account.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
        _set_enrolled(request.user, False)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


def _set_enrolled(user, enrolled: bool) -> None:
    user.mfa_enrolled = enrolled
    user.save(update_fields=["mfa_enrolled"])
