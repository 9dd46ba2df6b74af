"""A user's group names and permissions, read in one plain SQL statement per request.

ModelBackend reads permissions with two ORM queries, and one ORM query with
Q(user=...) | Q(group__user=...) costs more to build than to run (join promotion over two
many-to-many relations: about 2 ms per request on the benchmark machine). This statement is
built once from the models' tables and also returns the group names, which give the role
(isms.access.role_of): every request asks for both. Kept apart from isms.auth_backends, which
cannot be imported while the models load (django.contrib.auth.backends reads the user model)."""

from functools import cache

from django.contrib.auth import get_user_model
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
    group_name = column(Group, "name")
    # Only quoted table and column names of the models go into the text; the user is a parameter.
    # The user's group names come first, marked by an empty app label (no app has one).
    return (
        f"SELECT '', g.{group_name} FROM {table(Group)} g "  # noqa: S608
        f"JOIN {table(groups)} m ON m.{column(groups, 'group')} = g.id WHERE m.{column(groups, 'user')} = %s "
        f"UNION ALL SELECT ct.{app_label}, p.{codename} FROM {table(Permission)} p "
        f"JOIN {table(ContentType)} ct ON ct.id = p.{column(Permission, 'content_type')} "
        f"WHERE p.id IN (SELECT {permission} FROM {table(own)} WHERE {column(own, 'user')} = %s "
        f"UNION SELECT g.{column(granted, 'permission')} FROM {table(granted)} g "
        f"JOIN {table(groups)} m ON m.{column(groups, 'group')} = g.{column(granted, 'group')} "
        f"WHERE m.{column(groups, 'user')} = %s)"
    )


def read_groups_and_permissions(user) -> list[str]:
    """The names of `user`'s groups; their permissions are read by the same statement and kept
    on the user for ModelPermissionBackend (isms.access.role_of asks first on every request)."""
    with connection.cursor() as cursor:
        cursor.execute(_permissions_sql(), [user.pk] * 3)
        rows = cursor.fetchall()
    if not user.is_superuser:
        user._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows if app_label}
    return [name for app_label, name in rows if not app_label]
