"""Demo data for the auditor's experience: a TOTP device with a published secret for the demo
auditor, so the demo stays usable (add the secret to any authenticator app, or run
`manage.py demo_totp` for the current code). Never do this outside a demo."""

from base64 import b32decode

from django_otp.plugins.otp_totp.models import TOTPDevice

DEMO_TOTP_SECRET = "DEMOAUDITORTOTPSECRETKEY234567AB"  # noqa: S105 (public demo secret, base32)
DEMO_DEVICE_NAME = "Demo authenticator"


def demo_totp_key() -> str:
    return b32decode(DEMO_TOTP_SECRET).hex()


def seed(users: dict) -> None:
    auditor = users["auditor"]
    TOTPDevice.objects.filter(user=auditor).exclude(name=DEMO_DEVICE_NAME).delete()
    TOTPDevice.objects.update_or_create(
        user=auditor, name=DEMO_DEVICE_NAME, defaults={"key": demo_totp_key(), "confirmed": True}
    )
    auditor.mfa_enrolled = True
    auditor.save(update_fields=["mfa_enrolled"])
