"""Nonconformities, corrective actions and effectiveness checks (clause 10.2).

The life cycle: open -> action planned (an action exists) -> awaiting effectiveness check (every
action done) -> closed (the latest check found the actions effective). An ineffective check
sends it back to open: a new corrective action is needed before it can be checked again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from audits.models import ChecklistItem, CorrectiveAction, EffectivenessCheck, Nonconformity
from audits.models.nonconformities import ActionStatus
from isms.access import require as _require
from isms.models import User

Status = Nonconformity.Status
ACTION_CHANGE_PERM = "audits.change_correctiveaction"



def _locked(nc: Nonconformity) -> Nonconformity:
    """The row as stored, locked until the transaction ends (status checks see the truth)."""
    return Nonconformity.objects.select_for_update().get(pk=nc.pk)


def _check_open(nc: Nonconformity) -> None:
    if nc.status == Status.CLOSED:
        raise ValidationError(f"{nc.reference} is closed.")


def owner_grant(action, previous_owner, perm: str) -> None:
    """The owner of an action may update it (guardian object permission)."""
    if previous_owner is not None and previous_owner != action.owner:
        remove_perm(perm, previous_owner, action)
    assign_perm(perm, action.owner, action)


def apply_action_status(action, status: str) -> None:
    """Keep completed_at in step with the status."""
    if status == ActionStatus.DONE and action.completed_at is None:
        action.completed_at = timezone.now()
    elif status != ActionStatus.DONE:
        action.completed_at = None
    action.status = status


def _status_sync(nc: Nonconformity) -> None:
    """Move between action planned and awaiting check as actions are added and completed."""
    if nc.status not in (Status.ACTION_PLANNED, Status.AWAITING_CHECK):
        return
    all_done = not nc.actions.not_done().exists()
    nc.status = Status.AWAITING_CHECK if all_done else Status.ACTION_PLANNED
    nc.save()


@transaction.atomic
def raise_nonconformity(*, acting_user: User, **fields) -> Nonconformity:
    """Record a nonconformity; from an audit finding it takes the finding's severity."""
    _require(acting_user, "add", Nonconformity)
    item: ChecklistItem | None = fields.get("checklist_item")
    if item is not None:
        fields["source"] = Nonconformity.Source.INTERNAL_AUDIT
        if item.result == ChecklistItem.Result.MAJOR_NC:
            fields["severity"] = Nonconformity.Severity.MAJOR
        elif item.result == ChecklistItem.Result.MINOR_NC:
            fields["severity"] = Nonconformity.Severity.MINOR
    nc = Nonconformity(raised_by=acting_user, **fields)
    nc.full_clean()
    nc.save()
    return nc


@transaction.atomic
def update_nonconformity(nonconformity: Nonconformity, *, acting_user: User, **fields) -> Nonconformity:
    _require(acting_user, "change", nonconformity)
    _check_open(_locked(nonconformity))
    for name, value in fields.items():
        setattr(nonconformity, name, value)
    nonconformity.full_clean()
    nonconformity.save()
    return nonconformity


@transaction.atomic
def create_corrective_action(
    nonconformity: Nonconformity, *, acting_user: User, **fields
) -> CorrectiveAction:
    """Plan an action; its owner may then update its status."""
    _require(acting_user, "add", CorrectiveAction)
    nonconformity = _locked(nonconformity)
    _check_open(nonconformity)
    status = fields.pop("status", ActionStatus.OPEN)
    action = CorrectiveAction(nonconformity=nonconformity, **fields)
    apply_action_status(action, status)
    action.full_clean()
    action.save()
    owner_grant(action, None, ACTION_CHANGE_PERM)
    if nonconformity.status in (Status.OPEN, Status.AWAITING_CHECK):
        nonconformity.status = Status.ACTION_PLANNED
        nonconformity.save()
    _status_sync(nonconformity)
    return action


@transaction.atomic
def update_corrective_action(action: CorrectiveAction, *, acting_user: User, **fields) -> CorrectiveAction:
    """Officers change anything; the action's owner (guardian grant) updates its status."""
    _require(acting_user, "change", action)
    nc = _locked(action.nonconformity)
    _check_open(nc)
    previous_owner = action.owner
    status = fields.pop("status", action.status)
    for name, value in fields.items():
        setattr(action, name, value)
    apply_action_status(action, status)
    action.full_clean()
    action.save()
    owner_grant(action, previous_owner, ACTION_CHANGE_PERM)
    _status_sync(nc)
    return action


@transaction.atomic
def record_effectiveness_check(
    nonconformity: Nonconformity, *, acting_user: User, effective: bool, notes: str = ""
) -> EffectivenessCheck:
    """Verify the actions worked. Not effective: the nonconformity reopens and needs a new action."""
    _require(acting_user, "add", EffectivenessCheck)
    nc = _locked(nonconformity)
    if nc.status != Status.AWAITING_CHECK:
        raise ValidationError(
            "An effectiveness check is recorded once corrective actions are planned and all done."
        )
    if not effective and not notes.strip():
        raise ValidationError({"notes": "Say why the actions were not effective."})
    check = EffectivenessCheck(nonconformity=nc, checked_by=acting_user, effective=effective, notes=notes)
    check.full_clean()
    check.save()
    if not effective:
        nc.status = Status.OPEN
        nc.save()
    return check


def close_blockers(nc: Nonconformity) -> list[str]:
    """Why the nonconformity cannot be closed yet (empty when it can)."""
    reasons = []
    actions = list(nc.actions.all())
    if not actions:
        reasons.append("Plan at least one corrective action.")
    undone = [a for a in actions if a.status != ActionStatus.DONE]
    if undone:
        reasons.append(f"{len(undone)} corrective action(s) not done.")
    latest = nc.checks.order_by("-checked_at", "-pk").first()
    if latest is None:
        reasons.append("Record an effectiveness check first.")
    elif not latest.effective:
        reasons.append("The latest effectiveness check found the actions not effective.")
    elif any(a.completed_at and a.completed_at > latest.checked_at for a in actions):
        reasons.append("An action was completed after the last effectiveness check: check again.")
    return reasons


@transaction.atomic
def close_nonconformity(nc: Nonconformity, *, acting_user: User) -> Nonconformity:
    """Close only with every action done and an effectiveness check that found them effective."""
    _require(acting_user, "change", nc)
    nc = _locked(nc)
    _check_open(nc)
    reasons = close_blockers(nc)
    if reasons:
        raise ValidationError([f"{nc.reference} cannot be closed: {reason}" for reason in reasons])
    nc.status = Status.CLOSED
    nc.closed_by, nc.closed_at = acting_user, timezone.now()
    nc.save()
    return nc
