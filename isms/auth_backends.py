"""Django's ModelBackend, with a user's own and group permissions read in one plain query
(isms.permission_rows, which says why).

Every page asks for them (isms.access.can on the view, the navigation bar). Everything else
(sign-in, the per-kind sets the admin reads) is ModelBackend's; the test
tests/bench/test_fast_rows.py checks that both give the same permissions for every role."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from isms.permission_rows import read_groups_and_permissions


class ModelPermissionBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = Permission.objects.values_list("content_type__app_label", "codename")
                user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
            else:
                read_groups_and_permissions(user_obj)
        return user_obj._perm_cache
