"""Nonconformities: raise from a finding, actions, effectiveness check, the close rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audits import services
from audits.models import Nonconformity
from isms.access import can
from isms.models import AuditEntry
from tests import factories
from tests.audits import make

Status = Nonconformity.Status


def _done(officer, nc, owner=None):
    action = make.corrective_action(officer, nc, owner=owner or officer)
    services.update_corrective_action(acting_user=owner or officer, action=action, status="done")
    nc.refresh_from_db()
    return action


def test_nc_raise_from_a_major_finding_links_it_and_takes_its_severity(officer):
    _, item = make.audit_with_finding(officer, result="major_nc")
    nc = services.raise_nonconformity(
        acting_user=officer, checklist_item=item, title="No review", description="d",
                           source="other", severity="minor")
    assert nc.source == "internal_audit" and nc.severity == "major" and item.nonconformity == nc
    assert AuditEntry.objects.filter(content_type__model="nonconformity", object_pk=str(nc.pk)).exists()


def test_nc_raise_refuses_a_conforming_finding(officer):
    _, item = make.audit_with_finding(officer, result="conforming")
    with pytest.raises(ValidationError, match="minor or major"):
        services.raise_nonconformity(acting_user=officer, checklist_item=item, title="x", description="d",
                          source="internal_audit")


def test_nc_from_internal_audit_needs_its_checklist_item(officer):
    with pytest.raises(ValidationError, match="checklist item"):
        make.nonconformity(officer, source="internal_audit")


def test_action_moves_the_nc_to_action_planned_then_awaiting_check(officer):
    nc = make.nonconformity(officer)
    action = make.corrective_action(officer, nc, owner=officer)
    nc.refresh_from_db()
    assert nc.status == Status.ACTION_PLANNED
    services.update_corrective_action(acting_user=officer, action=action, status="done")
    nc.refresh_from_db()
    action.refresh_from_db()
    assert nc.status == Status.AWAITING_CHECK and action.completed_at is not None


def test_nc_close_is_refused_without_an_effectiveness_check(officer):
    nc = make.nonconformity(officer)
    _done(officer, nc)
    with pytest.raises(ValidationError, match="effectiveness check"):
        services.close_nonconformity(nc, acting_user=officer)
    nc.refresh_from_db()
    assert nc.status == Status.AWAITING_CHECK


def test_nc_close_is_refused_without_any_action(officer):
    nc = make.nonconformity(officer)
    with pytest.raises(ValidationError, match="corrective action"):
        services.close_nonconformity(nc, acting_user=officer)


def test_effectiveness_check_is_refused_while_actions_are_open(officer):
    nc = make.nonconformity(officer)
    make.corrective_action(officer, nc, owner=officer)
    with pytest.raises(ValidationError, match="all done"):
        services.record_effectiveness_check(acting_user=officer, nonconformity=nc, effective=True)


def test_nc_closes_after_actions_done_and_an_effective_check(officer):
    nc = make.nonconformity(officer)
    _done(officer, nc)
    services.record_effectiveness_check(acting_user=officer, nonconformity=nc, effective=True, notes="ok")
    services.close_nonconformity(nc, acting_user=officer)
    nc.refresh_from_db()
    assert nc.status == Status.CLOSED and nc.closed_by == officer and nc.closed_at


def test_ineffective_check_reopens_and_requires_a_new_action(officer):
    nc = make.nonconformity(officer)
    _done(officer, nc)
    services.record_effectiveness_check(acting_user=officer, nonconformity=nc, effective=False,
                                        notes="It happened again in March.")
    nc.refresh_from_db()
    assert nc.status == Status.OPEN
    with pytest.raises(ValidationError, match="not effective"):
        services.close_nonconformity(nc, acting_user=officer)
    with pytest.raises(ValidationError):  # no new action yet: nothing to check
        services.record_effectiveness_check(acting_user=officer, nonconformity=nc, effective=True)
    _done(officer, nc)
    assert nc.status == Status.AWAITING_CHECK
    services.record_effectiveness_check(acting_user=officer, nonconformity=nc, effective=True)
    services.close_nonconformity(nc, acting_user=officer)
    nc.refresh_from_db()
    assert nc.status == Status.CLOSED


def test_ineffective_check_needs_a_reason(officer):
    nc = make.nonconformity(officer)
    _done(officer, nc)
    with pytest.raises(ValidationError, match="why"):
        services.record_effectiveness_check(acting_user=officer, nonconformity=nc, effective=False)


def test_closed_nc_refuses_new_actions_and_edits(officer):
    nc = make.nonconformity(officer)
    _done(officer, nc)
    services.record_effectiveness_check(acting_user=officer, nonconformity=nc, effective=True)
    services.close_nonconformity(nc, acting_user=officer)
    with pytest.raises(ValidationError, match="closed"):
        make.corrective_action(officer, nc, owner=officer)
    with pytest.raises(ValidationError, match="closed"):
        services.update_nonconformity(acting_user=officer, nonconformity=nc, title="Rewritten")


def test_engineer_owning_an_action_can_update_its_status(officer, engineer):
    nc = make.nonconformity(officer)
    action = _done(officer, nc, owner=engineer)
    assert action.status == "done"
    assert can(engineer, "change", action)
    assert not can(engineer, "change", nc)


def test_engineer_cannot_update_someone_elses_action(officer, engineer):
    action = make.corrective_action(officer, owner=officer)
    with pytest.raises(PermissionDenied):
        services.update_corrective_action(acting_user=engineer, action=action, status="done")


def test_reassigning_an_action_moves_the_grant(officer, engineer):
    action = make.corrective_action(officer, owner=engineer)
    other = factories.engineer(username="priya")
    services.update_corrective_action(acting_user=officer, action=action, owner=other)
    assert not can(engineer, "change", action) and can(other, "change", action)


def test_auditor_cannot_record_an_effectiveness_check(officer, auditor):
    nc = make.nonconformity(officer)
    _done(officer, nc)
    with pytest.raises(PermissionDenied):
        services.record_effectiveness_check(acting_user=auditor, nonconformity=nc, effective=True)


def test_overdue_filter_finds_ncs_with_overdue_actions(officer):
    late = make.nonconformity(officer, title="Late")
    make.corrective_action(officer, late, owner=officer, due=-3)
    make.corrective_action(officer, make.nonconformity(officer, title="On time"), owner=officer, due=3)
    assert list(Nonconformity.objects.with_overdue_actions()) == [late]
