"""Internal audits: planning, the independence rule, the checklist and the report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from audits.models import AuditProgramme, ChecklistItem, InternalAudit
from controls.models import SoAEntry
from isms.access import require as _require
from isms.models import User

ITEM_CHANGE_PERM = "audits.change_checklistitem"



def check_not_frozen(audit: InternalAudit) -> None:
    if audit.is_frozen:
        raise ValidationError("The audit report has been issued: the audit is frozen.")


def independence_conflicts(*, lead_auditor, auditee, controls) -> list[str]:
    """Why `lead_auditor` would be auditing their own work, one message per conflict.

    Own work: being the owner or an assignee of an audited control's SoA entry, or the owner of
    the audited process (the auditee)."""
    if lead_auditor is None:
        return []
    conflicts = []
    if auditee is not None and auditee.pk == lead_auditor.pk:
        conflicts.append(f"{lead_auditor} is the owner of the audited process and cannot audit it.")
    control_ids = [control.pk for control in controls]
    entries = (
        SoAEntry.objects.filter(control_id__in=control_ids)
        .filter(Q(owner=lead_auditor) | Q(assignees=lead_auditor))
        .select_related("control").distinct().order_by("control__position")
    )
    for entry in entries:
        role = "owner" if entry.owner_id == lead_auditor.pk else "an assignee"
        conflicts.append(
            f"{lead_auditor} is {role} of control {entry.control.ref} ({entry.control.title}) "
            "in the Statement of Applicability and cannot audit their own work."
        )
    return conflicts


def _check_independence(audit: InternalAudit, controls) -> None:
    conflicts = independence_conflicts(
        lead_auditor=audit.lead_auditor, auditee=audit.auditee, controls=controls
    )
    if conflicts:
        raise ValidationError({"lead_auditor": conflicts})


def _checklist_sync(audit: InternalAudit, controls) -> None:
    """One item per clause and per control in scope; unassessed items out of scope go."""
    existing = list(audit.items.all())
    have_clauses = {item.clause for item in existing if not item.control_id}
    have_controls = {item.control_id for item in existing if item.control_id}
    wanted_controls = {control.pk for control in controls}
    for item in existing:
        out_of_scope = (item.control_id not in wanted_controls) if item.control_id else (
            item.clause not in audit.clauses)
        if out_of_scope and not item.result and not hasattr(item, "nonconformity"):
            item.delete()
    position = max((item.position for item in existing), default=0)
    for clause in audit.clauses:
        if clause not in have_clauses:
            position += 1
            ChecklistItem.objects.create(audit=audit, clause=clause, position=position)
    for control in sorted(controls, key=lambda c: c.position):
        if control.pk not in have_controls:
            position += 1
            ChecklistItem.objects.create(audit=audit, control=control, position=position)


def _lead_auditor_grant(audit: InternalAudit, previous_lead) -> None:
    """The lead auditor records the checklist results (guardian grant on each item)."""
    items = audit.items.all()
    if previous_lead is not None and previous_lead.pk != audit.lead_auditor_id:
        remove_perm(ITEM_CHANGE_PERM, previous_lead, items)
    assign_perm(ITEM_CHANGE_PERM, audit.lead_auditor, items)


@transaction.atomic
def create_audit_programme(*, acting_user: User, **fields) -> AuditProgramme:
    _require(acting_user, "add", AuditProgramme)
    programme = AuditProgramme(created_by=acting_user, **fields)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def update_audit_programme(programme: AuditProgramme, *, acting_user: User, **fields) -> AuditProgramme:
    _require(acting_user, "change", programme)
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def create_internal_audit(*, acting_user: User, controls=(), **fields) -> InternalAudit:
    """Plan an audit; refused when the lead auditor would audit their own work."""
    _require(acting_user, "add", InternalAudit)
    audit = InternalAudit(**fields)
    audit.full_clean()
    _check_independence(audit, controls)
    audit.save()
    audit.controls.set(controls)
    _checklist_sync(audit, controls)
    _lead_auditor_grant(audit, None)
    return audit


@transaction.atomic
def update_internal_audit(
    audit: InternalAudit, *, acting_user: User, controls=None, **fields
) -> InternalAudit:
    _require(acting_user, "change", audit)
    check_not_frozen(audit)
    previous_lead = audit.lead_auditor
    for name, value in fields.items():
        setattr(audit, name, value)
    controls = list(audit.controls.all()) if controls is None else list(controls)
    audit.full_clean()
    _check_independence(audit, controls)
    audit.save()
    audit.controls.set(controls)
    _checklist_sync(audit, controls)
    _lead_auditor_grant(audit, previous_lead)
    return audit


@transaction.atomic
def start_internal_audit(audit: InternalAudit, *, acting_user: User) -> InternalAudit:
    """planned -> in progress; independence is checked again (SoA owners may have changed)."""
    _require(acting_user, "change", audit)
    if audit.status != InternalAudit.Status.PLANNED:
        raise ValidationError("Only a planned audit can be started.")
    _check_independence(audit, list(audit.controls.all()))
    audit.status = InternalAudit.Status.IN_PROGRESS
    audit.actual_start = audit.actual_start or timezone.localdate()
    audit.save()
    return audit


@transaction.atomic
def update_checklist_item(item: ChecklistItem, *, acting_user: User, **fields) -> ChecklistItem:
    _require(acting_user, "change", item)
    check_not_frozen(item.audit)
    if item.audit.status == InternalAudit.Status.PLANNED:
        raise ValidationError("Start the audit before recording results.")
    if hasattr(item, "nonconformity") and fields.get("result", item.result) not in (
            ChecklistItem.NC_RESULTS):
        raise ValidationError(
            {"result": "A nonconformity was raised from this finding; it stays a nonconformity."}
        )
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def report_internal_audit(
    audit: InternalAudit, *, acting_user: User, summary: str, conclusion: str
) -> InternalAudit:
    """Issue the report: every checklist item must have a result; the audit is frozen after."""
    _require(acting_user, "change", audit)
    check_not_frozen(audit)
    if audit.status != InternalAudit.Status.IN_PROGRESS:
        raise ValidationError("Start the audit before issuing its report.")
    pending = [item.subject for item in audit.items.select_related("control") if not item.result]
    if pending:
        raise ValidationError(f"Record a result for every checklist item first: {'; '.join(pending)}.")
    if not summary.strip() or not conclusion.strip():
        raise ValidationError("The report needs a summary and a conclusion.")
    audit.summary, audit.conclusion = summary, conclusion
    audit.status = InternalAudit.Status.REPORTED
    audit.actual_end = audit.actual_end or timezone.localdate()
    audit.reported_by, audit.reported_at = acting_user, timezone.now()
    audit.save()
    return audit
