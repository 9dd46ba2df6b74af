"""Per-user values derived from groups and permissions (the permission set, the group names),
kept in the shared cache between requests.

Every page asks for them: the view's permission check and the navigation bar. They change only
when someone changes a group, a permission or a user's memberships, so they are kept under a
version that isms.auth's signal handlers replace on every such change. A per-process cache
could not be told of a change made by another process, so without a shared cache (Redis,
settings.CACHE_IS_SHARED) the values are computed on every request, as Django does."""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "permissions:version"
TIMEOUT = 3600


def version() -> str:
    """The current version of all users' permissions; a new one when none is kept."""
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, current, timeout=None):  # another process was first
            current = cache.get(VERSION_KEY, current)
    return current


def invalidate() -> None:
    """Every kept value becomes unreachable: the next read computes it again."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def kept_for_user(user, name: str, compute: Callable[[], object]):
    """compute() for `user`, kept until the permissions version changes."""
    if not settings.CACHE_IS_SHARED:
        return compute()
    key = f"permissions:{version()}:{user.pk}:{int(user.is_superuser)}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    return value


def group_names(user) -> list[str]:
    """The names of `user`'s groups (the role comes from them: isms.access.role_of)."""
    if "groups" in getattr(user, "_prefetched_objects_cache", {}):
        return [group.name for group in user.groups.all()]
    return kept_for_user(user, "groups", lambda: list(user.groups.values_list("name", flat=True)))
