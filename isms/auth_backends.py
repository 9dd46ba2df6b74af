"""Django's ModelBackend, with a user's own and group permissions read in one plain query.

Every page asks for them (isms.access.can on the view, the navigation bar). ModelBackend reads
them with two ORM queries; one ORM query with Q(user=...) | Q(group__user=...) costs more to
build than to run (join promotion over two many-to-many relations: about 2 ms per request on
the benchmark machine). This one statement, built once from the models' tables, costs a tenth.
Everything else (sign-in, the per-kind sets the admin reads) is ModelBackend's; the test
tests/bench/test_fast_rows.py checks that both give the same permissions for every role."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


@cache
def _permissions_sql() -> str:
    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    def column(model, field: str) -> str:
        return connection.ops.quote_name(model._meta.get_field(field).column)

    user = get_user_model()
    own, groups, granted = user.user_permissions.through, user.groups.through, Group.permissions.through
    permission, codename = column(own, "permission"), column(Permission, "codename")
    app_label = column(ContentType, "app_label")
    # Only quoted table and column names of the models go into the text; the user is a parameter.
    return (
        f"SELECT ct.{app_label}, p.{codename} FROM {table(Permission)} p "  # noqa: S608
        f"JOIN {table(ContentType)} ct ON ct.id = p.{column(Permission, 'content_type')} "
        f"WHERE p.id IN (SELECT {permission} FROM {table(own)} WHERE {column(own, 'user')} = %s "
        f"UNION SELECT g.{column(granted, 'permission')} FROM {table(granted)} g "
        f"JOIN {table(groups)} m ON m.{column(groups, 'group')} = g.{column(granted, 'group')} "
        f"WHERE m.{column(groups, 'user')} = %s)"
    )


class ModelPermissionBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = Permission.objects.values_list("content_type__app_label", "codename")
            else:
                with connection.cursor() as cursor:
                    cursor.execute(_permissions_sql(), [user_obj.pk, user_obj.pk])
                    rows = cursor.fetchall()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
