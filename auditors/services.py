"""Writes to audit engagements and their auditor accounts. Officers manage them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from auditors.models import AuditEngagement
from isms.access import require as _check
from isms.access import role_of
from isms.models import User
from isms.roles import AUDITOR, GROUP_NAMES


def _auditors_only(users) -> None:
    others = [str(user) for user in users if role_of(user) != AUDITOR]
    if others:
        raise ValidationError({"auditors": f"Not external auditors: {', '.join(others)}."})


def _save(engagement: AuditEngagement, fields: dict) -> AuditEngagement:
    auditors = fields.pop("auditors", None)
    for name, value in fields.items():
        setattr(engagement, name, value)
    engagement.full_clean()
    engagement.save()
    if auditors is not None:
        _auditors_only(auditors)
        engagement.auditors.set(auditors)
    return engagement


@transaction.atomic
def create_engagement(*, acting_user: User, **fields) -> AuditEngagement:
    _check(acting_user, "add", AuditEngagement)
    return _save(AuditEngagement(), fields)


@transaction.atomic
def update_engagement(engagement: AuditEngagement, *, acting_user: User, **fields) -> AuditEngagement:
    _check(acting_user, "change", engagement)
    if engagement.ended_at is not None:
        raise ValidationError("This engagement was ended early; it can no longer change.")
    return _save(engagement, fields)


@transaction.atomic
def end_engagement(engagement: AuditEngagement, *, acting_user: User) -> AuditEngagement:
    """End the engagement now: its auditors are signed out at their next request."""
    _check(acting_user, "change", engagement)
    if engagement.status == "ended":
        raise ValidationError("This engagement has already ended.")
    engagement.ended_at = timezone.now()
    engagement.ended_by = acting_user
    engagement.save(update_fields=["ended_at", "ended_by"])
    return engagement


def _auditor_account(*, email: str, first_name: str, last_name: str) -> tuple[User, bool]:
    """The account with this e-mail (it must be an auditor's or have no role) or a new one."""
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        if role_of(user) not in (None, AUDITOR) or user.is_superuser:
            raise ValidationError({"email": "This address belongs to a staff account, not an auditor."})
        created = False
    else:
        username = email.lower()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"email": "An account with this user name already exists."})
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()  # the invitation link sets the password
        user.full_clean()
        user.save()
        created = True
    user.groups.add(Group.objects.get(name=GROUP_NAMES[AUDITOR]))
    return user, created


def invitation_link(user: User, base_url: str) -> str:
    """A one-time set-password link (Django's password reset token: void once used)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return base_url.rstrip("/") + path


@transaction.atomic
def invite_auditor(
    engagement: AuditEngagement,
    *,
    acting_user: User,
    email: str,
    first_name: str = "",
    last_name: str = "",
    base_url: str,
) -> User:
    """Create (or reuse by e-mail) an auditor account, add it to the engagement and e-mail an
    invitation with a set-password link once the transaction commits."""
    _check(acting_user, "change", engagement)
    if engagement.status == "ended":
        raise ValidationError("This engagement has ended; start a new one.")
    user, created = _auditor_account(email=email, first_name=first_name, last_name=last_name)
    engagement.auditors.add(user)
    context = {
        "user": user, "engagement": engagement, "invited_by": acting_user, "created": created,
        "link": invitation_link(user, base_url), "organisation": settings.ORGANISATION_NAME,
        "login_url": base_url.rstrip("/") + reverse("login"),
    }
    subject = f"{settings.ORGANISATION_NAME}: invitation to the audit {engagement.name}"
    body = render_to_string("auditors/email/auditor_invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    return user


@transaction.atomic
def reset_auditor_mfa(engagement: AuditEngagement, *, acting_user: User, auditor: User) -> User:
    """Remove an auditor's authenticator (lost phone): at their next log-in they enrol a new one.
    Confirm the auditor's identity out of band first."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _check(acting_user, "change", engagement)
    if not engagement.auditors.filter(pk=auditor.pk).exists():
        raise ValidationError("This person is not an auditor of this engagement.")
    TOTPDevice.objects.filter(user=auditor).delete()
    auditor.mfa_enrolled = False
    auditor.save(update_fields=["mfa_enrolled"])
    return auditor
