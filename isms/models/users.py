from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


def user_label(first_name: str | None, last_name: str | None, username: str | None) -> str:
    """How a user is named everywhere (str(user)), from the three columns: the lists that read
    plain values (isms/asset_rows.py and its siblings) name people with it too."""
    return f"{first_name or ''} {last_name or ''}".strip() or username or ""


class User(AbstractUser):
    """A person who signs in. Their role is the group they belong to (see isms.roles)."""

    # Kept by isms.mfa when a TOTP device is confirmed or removed, so that asking "must this
    # user verify a code?" costs no query on each request.
    mfa_enrolled = models.BooleanField(default=False, editable=False)
    # Times are shown in this zone (isms.middleware.UserTimezoneMiddleware); empty: the site's.
    time_zone = models.CharField(max_length=64, blank=True)

    objects = UserManager()

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return user_label(self.first_name, self.last_name, self.username)


auditlog.register(
    User,
    exclude_fields=["password", "last_login"],
    m2m_fields={"groups", "user_permissions"},
)
