"""Pack sections of risk management: criteria and heatmaps, the register, and the treatment
plan with acceptances, all for the assessment in force on the pack date."""

import datetime
from itertools import zip_longest

from django.db.models import Prefetch

from assets.models import Asset
from packs.lines import risk_line
from packs.parts import chunked
from risks.heatmap import heatmaps
from risks.models import Risk, RiskAcceptance, RiskAssessment, RiskCriteria, TreatmentAction

ROWS_PER_PART = 400


def assessment_as_of(as_of: datetime.date) -> RiskAssessment | None:
    """The newest assessment approved by `as_of`, else the one people work on."""
    dated = RiskAssessment.objects.select_related("criteria", "assessor", "approved_by")
    return (
        dated.approved().filter(assessment_date__lte=as_of).order_by("-assessment_date", "-pk").first()
        or dated.current()
    )


def _scales(criteria) -> list[tuple]:
    pairs = zip_longest(criteria.likelihood_labels, criteria.impact_labels, fillvalue="")
    return [(value, likelihood, impact) for value, (likelihood, impact) in enumerate(pairs, start=1)]


def _criteria_section(assessment):
    criteria = assessment.criteria if assessment else RiskCriteria.objects.current()
    risks = Risk.objects.filter(assessment=assessment) if assessment else Risk.objects.none()
    return {
        "key": "risk-criteria", "title": "Risk criteria and heatmap",
        "template": "packs/pack/risk_criteria.html",
        "context": {
            "assessment": assessment, "criteria": criteria,
            "heatmaps": heatmaps(risks, criteria) if criteria else [],
            "scales": _scales(criteria) if criteria else [],
        },
    }


def _register_section(assessment):
    risks = []
    if assessment:
        risks = list(
            Risk.objects.filter(assessment=assessment)
            .select_related("threat", "owner", "assessment__criteria")
            .prefetch_related(
                Prefetch("assets", queryset=Asset.objects.only(
                    "name", "kind", "model_version", "artefact_sha256").order_by("name")),
                Prefetch("acceptances", queryset=RiskAcceptance.objects.select_related("accepted_by")),
            ).order_by("-residual_score", "title", "pk")
        )
    return {
        "key": "risk-register", "title": "Risk register", "template": "packs/pack/risk_register.html",
        "legend": "Risk · threat · assets · inherent score → treatment → residual score · owner · acceptance",
        "context": {"assessment": assessment, "total": len(risks)},
        "parts": [{"lines": [risk_line(risk) for risk in rows]} for rows in chunked(risks, ROWS_PER_PART)],
    }


def _treatment_section(assessment):
    actions, acceptances = [], []
    if assessment:
        actions = list(
            TreatmentAction.objects.filter(risk__assessment=assessment)
            .select_related("risk", "owner").order_by("due_date", "pk")
        )
        acceptances = list(
            RiskAcceptance.objects.filter(risk__assessment=assessment)
            .select_related("risk", "accepted_by").prefetch_related("risk__assets")
            .order_by("-accepted_at", "-pk")
        )
    runs = chunked(actions, ROWS_PER_PART)
    return {
        "key": "treatment", "title": "Risk treatment plan and acceptances",
        "template": "packs/pack/treatment.html",
        "legend": "Treatment action: risk · action · owner · due date · status",
        "context": {"acceptances": acceptances},
        # Actions in runs laid out in parallel; the acceptances close the last part.
        "parts": [{"actions": run, "last_part": n == len(runs) - 1} for n, run in enumerate(runs)],
    }


def pack_sections(as_of: datetime.date) -> list[dict]:
    assessment = assessment_as_of(as_of)
    return [_criteria_section(assessment), _register_section(assessment), _treatment_section(assessment)]
