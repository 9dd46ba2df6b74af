"""The risks panel of the dashboard: residual heatmap of the current assessment and what needs doing."""

from isms.access import can, visible
from risks.heatmap import heatmap_counts, heatmap_svg
from risks.models import Risk, RiskAssessment, TreatmentAction


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", Risk):
        return []
    assessment = RiskAssessment.objects.select_related("criteria").current()
    panel = {"template": "risks/_panel_risks.html", "assessment": assessment}
    if assessment is not None:
        risks = visible(Risk.objects.filter(assessment=assessment), user)
        counts = heatmap_counts(risks, assessment.criteria)["residual"]
        panel.update(
            heatmap=heatmap_svg(counts, assessment.criteria, "Residual risk"),
            above_appetite=risks.above_appetite().count(),
            stale=risks.with_stale_acceptance().count(),
            overdue=visible(TreatmentAction.objects.overdue(), user)
            .filter(risk__assessment=assessment).count(),
        )
    return [panel]
