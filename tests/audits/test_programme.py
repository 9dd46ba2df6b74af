"""Internal audits: independence, checklist, report freeze."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audits import services
from audits.models import InternalAudit
from controls.services import update_soa_entry
from isms.models import AuditEntry
from tests import factories
from tests.audits import make


def _own(officer, ref: str, *, owner=None, assignees=()):
    entry = factories.soa_entry(ref)
    update_soa_entry(acting_user=officer, entry=entry, owner=owner, assignees=list(assignees),
                     applicable=True, justification="Needed.", implementation_status="partial")
    return entry


def test_audit_create_builds_one_checklist_item_per_clause_and_control(officer):
    audit = make.audit(officer, clauses=("9.2", "10.2"), refs=("8.28", "8.25"))
    subjects = [item.subject for item in audit.items.select_related("control")]
    assert subjects[:2] == ["9.2 Internal audit", "10.2 Nonconformity and corrective action"]
    assert {s.split(" ")[0] for s in subjects[2:]} == {"8.25", "8.28"}
    assert AuditEntry.objects.filter(content_type__model="internalaudit", object_pk=str(audit.pk)).exists()


def test_audit_create_refuses_a_lead_auditor_who_owns_an_audited_control(officer, engineer):
    _own(officer, "8.28", owner=engineer)
    with pytest.raises(ValidationError) as error:
        make.audit(officer, lead_auditor=engineer, refs=("8.25", "8.28"))
    message = " ".join(error.value.message_dict["lead_auditor"])
    assert "8.28" in message and "owner" in message and "own work" in message
    assert not InternalAudit.objects.exists()


def test_audit_create_refuses_a_lead_auditor_assigned_to_an_audited_control(officer, engineer):
    _own(officer, "8.25", owner=officer, assignees=[engineer])
    with pytest.raises(ValidationError) as error:
        make.audit(officer, lead_auditor=engineer, refs=("8.25",))
    assert "control 8.25" in " ".join(error.value.message_dict["lead_auditor"])


def test_audit_create_refuses_the_process_owner_as_lead_auditor(officer, engineer):
    with pytest.raises(ValidationError) as error:
        make.audit(officer, lead_auditor=engineer, auditee=engineer, refs=())
    assert "owner of the audited process" in " ".join(error.value.message_dict["lead_auditor"])


def test_audit_create_accepts_an_independent_lead_auditor(officer, engineer):
    other = factories.engineer(username="priya")
    _own(officer, "8.28", owner=officer, assignees=[other])
    audit = make.audit(officer, lead_auditor=engineer, auditee=other, refs=("8.28",))
    assert audit.lead_auditor == engineer


def test_audit_start_rechecks_independence_after_soa_changes(officer, engineer):
    audit = make.audit(officer, lead_auditor=engineer, refs=("8.28",))
    _own(officer, "8.28", owner=engineer)
    with pytest.raises(ValidationError, match="8.28"):
        services.start_internal_audit(audit, acting_user=officer)
    audit.refresh_from_db()
    assert audit.status == InternalAudit.Status.PLANNED


def test_audit_update_adds_items_for_new_scope_and_drops_unassessed_ones(officer):
    audit = make.audit(officer, clauses=("9.2",), refs=("8.28",))
    services.update_internal_audit(acting_user=officer, audit=audit, clauses=["9.3"], controls=[])
    assert [item.clause for item in audit.items.all()] == ["9.3"]


def test_checklist_results_wait_for_the_audit_to_start(officer):
    audit = make.audit(officer)
    with pytest.raises(ValidationError, match="Start the audit"):
        services.update_checklist_item(acting_user=officer, item=audit.items.first(), result="conforming")


def test_audit_report_needs_every_item_assessed(officer):
    audit, _ = make.audit_with_finding(officer)
    with pytest.raises(ValidationError, match="9.2 Internal audit"):
        services.report_internal_audit(audit, acting_user=officer, summary="S", conclusion="C")


def test_audit_report_freezes_the_audit_and_its_checklist(officer):
    audit, item = make.audit_with_finding(officer)
    for other in audit.items.exclude(pk=item.pk):
        services.update_checklist_item(acting_user=officer, item=other, result="conforming")
    services.report_internal_audit(
        audit, acting_user=officer, summary="Mostly fine.", conclusion="One minor NC.")
    audit.refresh_from_db()
    assert audit.status == InternalAudit.Status.REPORTED and audit.reported_by == officer
    with pytest.raises(ValidationError, match="frozen"):
        services.update_checklist_item(acting_user=officer, item=item, result="conforming")
    with pytest.raises(ValidationError, match="frozen"):
        services.update_internal_audit(acting_user=officer, audit=audit, title="Rewritten")


def test_engineer_cannot_plan_an_audit(engineer, officer):
    with pytest.raises(PermissionDenied):
        services.create_internal_audit(acting_user=engineer, programme=make.programme(officer), title="x",
                              clauses=["9.2"], lead_auditor=officer, planned_start=make.today(),
                              planned_end=make.today())


def test_auditor_cannot_record_a_result(officer, auditor):
    audit, item = make.audit_with_finding(officer)
    with pytest.raises(PermissionDenied):
        services.update_checklist_item(acting_user=auditor, item=item, result="conforming")
