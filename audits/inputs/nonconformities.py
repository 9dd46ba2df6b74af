"""9.3.2 d) 1): nonconformities and corrective actions."""

import datetime

from django.db.models import Q

from audits.models import CorrectiveAction, Nonconformity


def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]:
    ncs = Nonconformity.objects.filter(raised_on__lte=until).filter(
        Q(raised_on__gte=since) | ~Q(status=Nonconformity.Status.CLOSED) | Q(closed_at__date__gte=since)
    ).order_by("raised_on", "pk")
    lines = []
    by_status: dict[str, int] = {}
    for nc in ncs:
        by_status[nc.get_status_display()] = by_status.get(nc.get_status_display(), 0) + 1
        lines.append(f"{nc.reference} {nc.title} ({nc.get_severity_display().lower()}, "
                     f"{nc.get_source_display().lower()}, raised {nc.raised_on}): {nc.get_status_display()}.")
    overdue = CorrectiveAction.objects.overdue(on=until).count()
    summary = ", ".join(f"{count} {label.lower()}" for label, count in sorted(by_status.items()))
    head = [f"{len(lines)} nonconformities in the period or still open"
            + (f": {summary}." if summary else "."),
            f"{overdue} corrective action(s) overdue on {until}."]
    return [{"clause": "9.3.2 d) 1)", "heading": "Nonconformities and corrective actions",
             "lines": head + lines}]
