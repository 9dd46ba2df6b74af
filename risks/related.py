"""What the risks app adds to other apps' pages (isms.related): an asset's risks and the
applicable threats not assessed for it yet; the risks a control treats, and their number
(controls.counts)."""

from django.db.models import Count

from controls.counts import RISKS, register_control_count
from isms.access import can, visible
from isms.related import RelatedSection, register_section
from risks.coverage import coverage_rows
from risks.models import Risk, RiskAssessment


def asset_risks(asset, user) -> dict | None:
    """The asset's risks in the current assessment and the applicable threats not assessed."""
    if not can(user, "view", Risk):
        return None
    assessment = RiskAssessment.objects.current()
    risks = visible(asset.risks.select_related("threat", "assessment"), user)
    if assessment is not None:
        risks = risks.filter(assessment=assessment)
    row = coverage_rows(assessment, assets=[asset])[0]
    return {"assessment": assessment, "risks": list(risks), "missing": row["missing"]}


def control_risks(control, user) -> dict | None:
    if not can(user, "view", Risk):
        return None
    risks = visible(control.risks.select_related("assessment"), user)
    return {"risks": list(risks), "may_link": can(user, "change", Risk)}


def register() -> None:
    register_section("assets.asset", RelatedSection("risks/_asset_risks.html", asset_risks, position=10))
    register_section("controls.control", RelatedSection(
        "risks/_control_risks.html", control_risks, position=20))
    register_control_count(RISKS, risk_counts)


def risk_counts(control_ids: list[int]) -> dict[int, int]:
    """{control id: number of linked risks} (controls.counts)."""
    links = Risk.controls.through.objects.filter(control_id__in=control_ids)
    return dict(links.values("control_id").annotate(n=Count("risk_id")).values_list("control_id", "n"))
