"""9.3.2 g): opportunities for continual improvement, from audit findings."""

import datetime

from audits.models import ChecklistItem


def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]:
    items = ChecklistItem.objects.filter(
        result=ChecklistItem.Result.OFI, audit__status="reported", audit__actual_end__gte=since,
        audit__actual_end__lte=until,
    ).select_related("audit", "control").order_by("audit__actual_end", "position")
    lines = [f"{item.subject} ({item.audit.title}): {item.notes or 'no notes'}" for item in items]
    return [{"clause": "9.3.2 g)", "heading": "Opportunities for continual improvement",
             "lines": lines or ["No opportunities for improvement recorded by audits in the period."]}]
