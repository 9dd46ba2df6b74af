"""Risks: scoring, ownership, acceptance and closing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from isms.access import require
from isms.access import require as _require
from isms.models import User
from risks.models import Risk, RiskAcceptance, RiskAssessment
from risks.models.treatment import asset_snapshot
from risks.scoring import rate
from risks.services.rules import check_not_frozen as _check_not_frozen

ACCEPT_PERM = "risks.accept_risk"


def _score(risk: Risk) -> None:
    """Stores scores and levels computed with the assessment's own criteria version."""
    criteria = risk.assessment.criteria
    risk.inherent_score, risk.inherent_level = rate(criteria, risk.inherent_likelihood, risk.inherent_impact)
    risk.residual_score, risk.residual_level = rate(criteria, risk.residual_likelihood, risk.residual_impact)


def _owner_grant(risk: Risk, previous_owner) -> None:
    if previous_owner is not None and previous_owner != risk.owner:
        remove_perm(ACCEPT_PERM, previous_owner, risk)
    assign_perm(ACCEPT_PERM, risk.owner, risk)


def _save(risk: Risk, previous_owner, assets, controls) -> Risk:
    risk.full_clean()
    _score(risk)
    risk.save()
    if assets is not None:
        risk.assets.set(assets)
    if controls is not None:
        risk.controls.set(controls)
    _owner_grant(risk, previous_owner)
    return risk


@transaction.atomic
def create_risk(assessment: RiskAssessment, *, acting_user: User, assets=(), controls=(), **fields) -> Risk:
    """A new risk in `assessment`, scored with its criteria; the owner may accept it."""
    _require(acting_user, "add", Risk)
    _check_not_frozen(assessment)
    risk = Risk(assessment=assessment, **fields)
    return _save(risk, None, assets, controls)


@transaction.atomic
def update_risk(risk: Risk, *, acting_user: User, assets=None, controls=None, **fields) -> Risk:
    """Change a risk and rescore it; reassigning the owner moves the right to accept."""
    _require(acting_user, "change", risk)
    _check_not_frozen(risk.assessment)
    previous_owner = risk.owner
    fields.pop("assessment", None)
    for name, value in fields.items():
        setattr(risk, name, value)
    return _save(risk, previous_owner, assets, controls)


@transaction.atomic
def accept_risk(risk: Risk, *, acting_user: User, justification: str) -> RiskAcceptance:
    """The risk owner accepts the residual risk (ISO 27001 6.1.3 f): only the owner, whatever
    their role. The acceptance freezes the residual score and the affected models' versions."""
    require(acting_user, "accept", risk)
    if acting_user.pk != risk.owner_id:
        raise PermissionDenied("Only the risk owner can accept this risk.")
    _check_not_frozen(risk.assessment)
    acceptance = RiskAcceptance(
        risk=risk, accepted_by=acting_user, justification=justification,
        residual_score_at_acceptance=risk.residual_score,
        asset_snapshot=asset_snapshot(risk.assets.all()),
    )
    acceptance.full_clean()
    acceptance.save()
    return acceptance


@transaction.atomic
def close_risk(risk: Risk, *, acting_user: User) -> Risk:
    """Close a risk; above appetite it needs a current (not stale) acceptance first."""
    _require(acting_user, "change", risk)
    _check_not_frozen(risk.assessment)
    if risk.acceptance_state in ("needed", "stale"):
        raise ValidationError(
            "The residual risk is above appetite: the risk owner must accept it before it is closed."
        )
    risk.status = Risk.Status.CLOSED
    risk.full_clean()
    risk.save()
    return risk


@transaction.atomic
def set_control_risks(control, *, acting_user: User, risks) -> None:
    """From the control's side: `control` treats exactly `risks` among the risks that can still
    change. Links of risks in approved (frozen) assessments are history and stay as they are."""
    _require(acting_user, "change", Risk)
    wanted = {risk.pk for risk in risks}
    for risk in Risk.objects.open_for_change().filter(pk__in=wanted):
        risk.controls.add(control)
    for risk in Risk.objects.open_for_change().filter(controls=control).exclude(pk__in=wanted):
        risk.controls.remove(control)
