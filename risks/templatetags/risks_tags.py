from django import template

from risks.coverage import coverage_rows
from risks.models import RiskAssessment

register = template.Library()

LEVEL_CLASSES = {"low": "text-bg-success", "medium": "text-bg-warning", "high": "risk-high",
                 "critical": "text-bg-danger"}


@register.filter
def level_class(level: str) -> str:
    return LEVEL_CLASSES.get(level, "text-bg-secondary")


@register.filter
def verbose_name(obj) -> str:
    return obj._meta.verbose_name


@register.simple_tag
def asset_risk_summary(asset) -> dict:
    """The asset's risks in the current assessment and the applicable threats not assessed yet."""
    assessment = RiskAssessment.objects.current()
    risks = asset.risks.select_related("threat", "assessment")
    if assessment is not None:
        risks = risks.filter(assessment=assessment)
    row = coverage_rows(assessment, assets=[asset])[0]
    return {"assessment": assessment, "risks": list(risks), "missing": row["missing"]}
