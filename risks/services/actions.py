"""Treatment actions: their owners may update them (guardian grant)."""

from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from isms.access import require
from isms.models import User
from risks.models import Risk, TreatmentAction
from risks.services.rules import check_not_frozen

CHANGE_PERM = "risks.change_treatmentaction"


def _owner_grant(action: TreatmentAction, previous_owner) -> None:
    if previous_owner is not None and previous_owner != action.owner:
        remove_perm(CHANGE_PERM, previous_owner, action)
    assign_perm(CHANGE_PERM, action.owner, action)


@transaction.atomic
def create_treatment_action(risk: Risk, *, acting_user: User, **fields) -> TreatmentAction:
    """A step of the risk's treatment plan; its owner may then update it."""
    require(acting_user, "add", TreatmentAction)
    require(acting_user, "change", risk)
    check_not_frozen(risk.assessment)
    action = TreatmentAction(risk=risk, **fields)
    action.full_clean()
    action.save()
    _owner_grant(action, None)
    return action


@transaction.atomic
def update_treatment_action(action: TreatmentAction, *, acting_user: User, **fields) -> TreatmentAction:
    """Officers change anything; the action's owner (guardian grant) updates its progress."""
    require(acting_user, "change", action)
    previous_owner = action.owner
    for name, value in fields.items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    _owner_grant(action, previous_owner)
    return action
