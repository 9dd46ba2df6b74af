"""9.3.2 d) 3): internal audit results (reported audits that ended in the period)."""

import datetime

from django.db.models import Count, Q

from audits.models import ChecklistItem, InternalAudit


def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]:
    results = {key: Count("items", filter=Q(items__result=key)) for key in ChecklistItem.Result.values}
    audits = InternalAudit.objects.filter(
        status=InternalAudit.Status.REPORTED, actual_end__gte=since, actual_end__lte=until
    ).annotate(**results).order_by("actual_end", "pk")
    lines = []
    for audit in audits:
        counts = ", ".join(f"{getattr(audit, key)} {label.lower()}"
                           for key, label in ChecklistItem.Result.choices if getattr(audit, key))
        lines.append(f"{audit.title} (held until {audit.actual_end}): {counts or 'no findings'}. "
                     f"Conclusion: {audit.conclusion}")
    planned = InternalAudit.objects.exclude(status=InternalAudit.Status.REPORTED).filter(
        planned_start__lte=until).count()
    lines.append(f"{planned} planned audit(s) not reported yet.")
    return [{"clause": "9.3.2 d) 3)", "heading": "Audit results", "lines": lines}]
