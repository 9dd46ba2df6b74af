from django import template
from django.utils.html import format_html

from risks.coverage import coverage_rows
from risks.models import RiskAssessment

register = template.Library()

LEVEL_CLASSES = {"low": "text-bg-success", "medium": "text-bg-warning", "high": "risk-high",
                 "critical": "text-bg-danger"}


@register.filter
def level_class(level: str) -> str:
    return LEVEL_CLASSES.get(level, "text-bg-secondary")


ACCEPTANCE_BADGES = {
    "stale": ("badge text-bg-danger", "Re-acceptance needed"),
    "needed": ("badge text-bg-warning", "Acceptance required"),
    "accepted": ("badge text-bg-success", "Accepted"),
}


# The markup of the badges lives here only (risks/_level.html and risks/_acceptance_badge.html
# call these too).
@register.simple_tag
def level_badge(level: str, score: int | None = None) -> str:
    if score:
        return format_html('<span class="badge {}">{} · {}</span>', level_class(level), level.title(), score)
    return format_html('<span class="badge {}">{}</span>', level_class(level), level.title())


def acceptance_state_badge(state: str) -> str:
    within = ("text-body-secondary small", "within appetite")
    css, label = ACCEPTANCE_BADGES.get(state, within)
    return format_html('<span class="{}">{}</span>', css, label)


@register.simple_tag
def acceptance_badge(risk) -> str:
    return acceptance_state_badge(risk.acceptance_state)


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
