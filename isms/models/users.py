from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser, UserManager


class User(AbstractUser):
    """A person who signs in. Their role is the group they belong to (see isms.roles)."""

    objects = UserManager()

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


auditlog.register(
    User,
    exclude_fields=["password", "last_login"],
    m2m_fields={"groups", "user_permissions"},
)
