import pytest
from django.contrib.auth.models import Group

from isms.roles import GROUP_NAMES, roles_sync


@pytest.mark.django_db
def test_roles_sync_is_idempotent():
    before = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    roles_sync()
    roles_sync()
    after = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert before == after
    assert set(GROUP_NAMES.values()) <= after.keys()


@pytest.mark.django_db
def test_auditor_group_holds_only_view_permissions():
    perms = Group.objects.get(name=GROUP_NAMES["auditor"]).permissions.values_list("codename", flat=True)
    assert perms and all(p.startswith("view_") for p in perms)


@pytest.mark.django_db
def test_nobody_may_change_the_audit_trail():
    for group in Group.objects.all():
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert not codenames & {"add_auditentry", "change_auditentry", "delete_auditentry"}
