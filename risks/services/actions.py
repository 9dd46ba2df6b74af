"""Treatment actions: their owners may update them (guardian grant)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from isms.access import can
from risks.models import Risk, TreatmentAction
from risks.services.rules import check_not_frozen

CHANGE_PERM = "risks.change_treatmentaction"


def _owner_grant(action: TreatmentAction, previous_owner) -> None:
    if previous_owner is not None and previous_owner != action.owner:
        remove_perm(CHANGE_PERM, previous_owner, action)
    assign_perm(CHANGE_PERM, action.owner, action)


@transaction.atomic
def action_create(*, acting_user, risk: Risk, **fields) -> TreatmentAction:
    """A step of the risk's treatment plan; its owner may then update it."""
    if not can(acting_user, "add", TreatmentAction) or not can(acting_user, "change", risk):
        raise PermissionDenied
    check_not_frozen(risk.assessment)
    action = TreatmentAction(risk=risk, **fields)
    action.full_clean()
    action.save()
    _owner_grant(action, None)
    return action


@transaction.atomic
def action_update(*, acting_user, instance: TreatmentAction, **fields) -> TreatmentAction:
    """Officers change anything; the action's owner (guardian grant) updates its progress."""
    if not can(acting_user, "change", instance):
        raise PermissionDenied
    previous_owner = instance.owner
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    _owner_grant(instance, previous_owner)
    return instance
