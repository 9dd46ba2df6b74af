"""9.3.2 f): results of risk assessment and status of the risk treatment plan."""

import datetime

from django.db.models import Count, F, Q

from risks.models import Risk, RiskAssessment, TreatmentAction


def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]:
    assessment = RiskAssessment.objects.select_related("criteria").filter(
        assessment_date__lte=until).order_by("-assessment_date", "-pk").first()
    if assessment is None:
        return [{"clause": "9.3.2 f)", "heading": "Risk assessment results and risk treatment plan",
                 "lines": ["No risk assessment yet."]}]
    risks = Risk.objects.filter(assessment=assessment)
    counts = risks.aggregate(
        total=Count("pk"),
        above=Count("pk", filter=Q(residual_score__gt=F("assessment__criteria__appetite"))),
        closed=Count("pk", filter=Q(status="closed")),
    )
    levels = dict(risks.order_by().values_list("residual_level").annotate(n=Count("pk")))
    actions = TreatmentAction.objects.filter(risk__assessment=assessment).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status="done")),
        overdue=Count("pk", filter=~Q(status="done") & Q(due_date__lt=until)),
    )
    by_level = ", ".join(f"{levels[level]} {level}" for level in ("critical", "high", "medium", "low")
                         if levels.get(level))
    lines = [
        f"{assessment} ({assessment.get_status_display().lower()}): {counts['total']} risks"
        + (f" (residual: {by_level})" if by_level else "") + ".",
        f"{counts['above']} risk(s) above the appetite of {assessment.criteria.appetite}; "
        f"{counts['closed']} closed.",
        f"Treatment plan: {actions['done']} of {actions['total']} actions done, "
        f"{actions['overdue']} overdue on {until}.",
    ]
    return [{"clause": "9.3.2 f)", "heading": "Risk assessment results and risk treatment plan",
             "lines": lines}]
