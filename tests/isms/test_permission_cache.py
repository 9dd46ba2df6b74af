"""Permission sets and group names kept in a shared cache (isms.permission_cache) are replaced
by any change of memberships, group permissions or object grants, and are not kept at all
without a shared cache."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from guardian.shortcuts import assign_perm, remove_perm

from isms import permission_cache
from isms.access import can, role_of
from isms.models import AuditEntry, User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(settings):
    settings.CACHE_IS_SHARED = True


def _fresh(user) -> User:
    """The user as the next request reads it (no per-request memo on the instance)."""
    return User.objects.get(pk=user.pk)


def test_without_a_shared_cache_nothing_is_kept(officer, settings):
    settings.CACHE_IS_SHARED = False
    calls = []
    for _ in range(2):
        permission_cache.kept_for_user(officer, "probe", lambda: calls.append(1) or "value")
    assert len(calls) == 2


def test_a_kept_value_is_computed_once(shared, officer):
    calls = []
    for _ in range(3):
        assert permission_cache.kept_for_user(officer, "probe", lambda: calls.append(1) or "v") == "v"
    assert len(calls) == 1


def test_users_do_not_share_kept_values(shared, officer, engineer):
    permission_cache.kept_for_user(officer, "probe", lambda: "officer's")
    assert permission_cache.kept_for_user(engineer, "probe", lambda: "engineer's") == "engineer's"


@pytest.mark.parametrize("change", ["leave group", "join group", "group loses permission",
                                    "own permission", "object grant", "object grant removed",
                                    "group renamed"])
def test_every_kind_of_change_starts_a_new_version(shared, officer, change):
    version = permission_cache.version()
    group = officer.groups.get()
    entry = factories.soa_entry("5.2")
    if change == "leave group":
        officer.groups.remove(group)
    elif change == "join group":
        officer.groups.add(Group.objects.create(name="Extra"))
    elif change == "group loses permission":
        group.permissions.remove(Permission.objects.get(codename="view_auditentry"))
    elif change == "own permission":
        officer.user_permissions.add(Permission.objects.get(codename="delete_asset"))
    elif change == "object grant":
        assign_perm("controls.attach_evidence_soaentry", officer, entry)
    elif change == "object grant removed":
        assign_perm("controls.attach_evidence_soaentry", officer, entry)
        version = permission_cache.version()
        remove_perm("controls.attach_evidence_soaentry", officer, entry)
    elif change == "group renamed":
        group.name = "Renamed"
        group.save()
    assert permission_cache.version() != version


def test_the_role_and_permissions_follow_a_change_of_group(shared, officer, engineer):
    assert role_of(_fresh(officer)) == "officer"
    assert can(_fresh(officer), "view", AuditEntry)
    officer.groups.set(engineer.groups.all())
    moved = _fresh(officer)
    assert role_of(moved) == "engineer"
    assert not can(moved, "view", AuditEntry)


def test_a_lost_version_key_is_made_again(shared, officer):
    permission_cache.kept_for_user(officer, "probe", lambda: "before")
    cache.delete(permission_cache.VERSION_KEY)
    assert permission_cache.kept_for_user(officer, "probe", lambda: "after") == "after"


def test_superuser_status_is_part_of_the_key(shared, officer):
    permission_cache.kept_for_user(officer, "probe", lambda: "as officer")
    officer.is_superuser = True
    assert permission_cache.kept_for_user(officer, "probe", lambda: "as superuser") == "as superuser"
