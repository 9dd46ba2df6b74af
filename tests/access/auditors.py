"""Audit engagements, the auditor access log, two-factor pages and password reset (issue #10)."""

from tests import factories


def _engagement(personas) -> dict:
    return {"pk": factories.AuditEngagementFactory(name="Surveillance audit").pk}


def _engagement_auditor(personas) -> dict:
    engagement = personas["auditor"].audit_engagements.get()
    return {"pk": engagement.pk, "user_pk": personas["auditor"].pk}


def _bad_reset_link(personas) -> dict:
    return {"uidb64": "MQ", "token": "not-a-token"}


EXPECTED = {
    # Officers manage engagements; auditors read them; engineers never see them (404 on a row).
    "auditors:engagement-list": ("302 403 403 200 200 302", "302 403 403 405 405 302", None),
    "auditors:engagement-create": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
    "auditors:engagement-detail": ("302 403 404 200 200 302", "302 403 405 405 405 302", _engagement),
    "auditors:engagement-edit": ("302 403 404 200 403 302", "302 403 404 200 403 302", _engagement),
    "auditors:engagement-invite": ("302 403 404 200 403 302", "302 403 404 200 403 302", _engagement),
    "auditors:engagement-end": ("302 403 405 405 403 302", "302 403 404 302 403 302", _engagement),
    "auditors:engagement-auditor-mfa-reset": (
        "302 403 405 405 403 302", "302 403 404 302 403 302", _engagement_auditor
    ),
    "auditors:engagement-access": ("302 403 403 200 200 302", "302 403 403 405 405 302", _engagement),
    "auditors:engagement-access-export": ("302 403 403 200 200 302", "302 403 403 405 405 302", _engagement),
    # Two-factor pages only touch the user's own device and session. Engineers and officers have
    # no device here, so verification sends them to enrolment; auditors may never turn it off.
    "mfa-settings": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "mfa-enrol": ("302 403 200 200 200 302", "302 403 200 200 200 302", None),
    "mfa-verify": ("302 302 302 302 200 302", "302 302 302 302 200 302", None),
    "mfa-disable": ("302 403 405 405 405 302", "302 403 302 302 403 302", None),
    # The user's own time zone: any role, auditors too (theirs, no ISMS record).
    "preferences": ("302 403 200 200 200 302", "302 403 302 302 302 302", None),
    # Django's password reset (the auditor invitation link is a reset link).
    "password_reset": ("200 200 200 200 200 302", "200 200 200 200 200 302", None),
    "password_reset_done": ("200 200 200 200 200 302", "405 405 405 405 405 302", None),
    "password_reset_confirm": ("200 200 200 200 200 302", "200 200 200 200 200 302", _bad_reset_link),
    "password_reset_complete": ("200 200 200 200 200 302", "405 405 405 405 405 302", None),
}
# POSTs that change no ISMS data: the user's own OTP device, session and time zone, password reset
# e-mails.
NOT_WRITES = {"mfa-enrol", "mfa-verify", "password_reset", "password_reset_confirm", "preferences"}
