"""Assessments: start (optionally from the last approved one), submit, approve."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from isms.access import require
from isms.models import User
from risks.models import RiskAssessment, RiskCriteria
from risks.services.actions import create_treatment_action
from risks.services.register import create_risk

COPIED_FIELDS = (
    "title", "threat", "vulnerability", "consequence", "inherent_likelihood", "inherent_impact",
    "treatment", "residual_likelihood", "residual_impact", "owner", "status",
)


def _clamp(value: int, labels: list) -> int:
    return max(1, min(value, len(labels)))


def _copy_risk(source, target: RiskAssessment, acting_user) -> None:
    fields = {name: getattr(source, name) for name in COPIED_FIELDS}
    criteria = target.criteria
    for prefix in ("inherent", "residual"):
        fields[f"{prefix}_likelihood"] = _clamp(fields[f"{prefix}_likelihood"], criteria.likelihood_labels)
        fields[f"{prefix}_impact"] = _clamp(fields[f"{prefix}_impact"], criteria.impact_labels)
    risk = create_risk(
        acting_user=acting_user, assessment=target, assets=source.assets.all(),
        controls=source.controls.all(), copied_from=source, **fields,
    )
    for action in source.actions.not_done():
        create_treatment_action(
            acting_user=acting_user, risk=risk, description=action.description,
            owner=action.owner, due_date=action.due_date, status=action.status,
        )


@transaction.atomic
def start_assessment(
    *,
    acting_user: User,
    title: str,
    assessment_date=None,
    scope_notes: str = "",
    copy_from_last_approved: bool = False,
) -> RiskAssessment:
    """A new draft with the current criteria; optionally a copy of the last approved one's risks
    (with their assets, controls and the actions still open), rescored with those criteria."""
    require(acting_user, "add", RiskAssessment)
    source = RiskAssessment.objects.last_approved() if copy_from_last_approved else None
    if copy_from_last_approved and source is None:
        raise ValidationError({"copy_from_last_approved": "There is no approved assessment to copy."})
    assessment = RiskAssessment(
        title=title, assessment_date=assessment_date or timezone.localdate(), assessor=acting_user,
        criteria=RiskCriteria.objects.current(), scope_notes=scope_notes, copied_from=source,
    )
    assessment.full_clean()
    assessment.save()
    if source is not None:
        risks = source.risks.select_related("threat", "owner").prefetch_related("assets", "controls")
        for risk in risks:
            _copy_risk(risk, assessment, acting_user)
    return assessment


def _transition(assessment: RiskAssessment, acting_user, expected: str, new: str) -> RiskAssessment:
    require(acting_user, "change", assessment)
    if assessment.status != expected:
        label = RiskAssessment.Status(expected).label.lower()
        raise ValidationError(f"Only an assessment that is {label} can move on.")
    assessment.status = new
    return assessment


@transaction.atomic
def submit_assessment(assessment: RiskAssessment, *, acting_user: User) -> RiskAssessment:
    _transition(assessment, acting_user, RiskAssessment.Status.DRAFT, RiskAssessment.Status.IN_REVIEW)
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def approve_assessment(assessment: RiskAssessment, *, acting_user: User) -> RiskAssessment:
    """Approval freezes the assessment and all its risks."""
    _transition(assessment, acting_user, RiskAssessment.Status.IN_REVIEW, RiskAssessment.Status.APPROVED)
    assessment.approved_by = acting_user
    assessment.approved_at = timezone.now()
    assessment.full_clean()
    assessment.save()
    return assessment
