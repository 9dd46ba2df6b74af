"""Django's ModelBackend with each user's permission set kept between requests
(isms.permission_cache), and the signals that make a change of groups or permissions seen at
once."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models.signals import m2m_changed, post_delete, post_save

from isms.permission_cache import invalidate, kept_for_user


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if (obj is None and user_obj.is_active and not user_obj.is_anonymous
                and not hasattr(user_obj, "_perm_cache")):
            user_obj._perm_cache = kept_for_user(
                user_obj, "permissions", lambda: super(CachedModelBackend, self).get_all_permissions(user_obj)
            )
        return super().get_all_permissions(user_obj, obj)


def _changed(sender, **kwargs) -> None:
    invalidate()


def connect_signals() -> None:
    """Any change to memberships, groups, permissions or per-object grants (guardian's, which
    the audit trail does not record) starts a new version."""
    user, group = get_user_model(), apps.get_model("auth", "Group")
    for through in (user.groups.through, user.user_permissions.through, group.permissions.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"isms-perms-{through._meta.label}")
    for label in ("auth.Group", "auth.Permission", "guardian.UserObjectPermission",
                  "guardian.GroupObjectPermission"):
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"isms-perms-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"isms-perms-delete-{model._meta.label}")
