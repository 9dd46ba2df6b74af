"""Django's ModelBackend, with the signed-in user and their own and group permissions each read
in one plain query (isms.permission_rows says why).

Every page asks for them (isms.access.can on the view, the navigation bar). Everything else
(sign-in, the per-kind sets the admin reads) is ModelBackend's; the test
tests/bench/test_fast_rows.py checks that both give the same permissions for every role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection

from isms.permission_rows import read_groups_and_permissions


class ModelPermissionBackend(ModelBackend):
    def get_user(self, user_id):
        """ModelBackend.get_user with the user read by a plain SELECT: every request reads it,
        and building the ORM query cost twice as much as the rest of the read."""
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        table, column = model._meta.db_table, model._meta.pk.column
        quote = connection.ops.quote_name
        found = list(model._default_manager.raw(
            f"SELECT * FROM {quote(table)} WHERE {quote(column)} = %s", [pk]))  # noqa: S608
        return found[0] if found and self.user_can_authenticate(found[0]) else None

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
