"""9.3.2 d) 2): monitoring and measurement results: SoA implementation progress and evidence
freshness (as of the review date)."""

import datetime

from django.db.models import Count, Q

from controls.models import SoAEntry
from evidence.models import Evidence


def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]:
    soa = SoAEntry.objects.aggregate(
        total=Count("pk"), excluded=Count("pk", filter=Q(applicable=False)),
        undecided=Count("pk", filter=Q(applicable__isnull=True)),
        implemented=Count("pk", filter=~Q(applicable=False) & Q(implementation_status="implemented")),
        partial=Count("pk", filter=~Q(applicable=False) & Q(implementation_status="partial")),
        failing=Count("pk", filter=Q(automated_check_status="fail")),
    )
    included = soa["total"] - soa["excluded"]
    percent = round(100 * soa["implemented"] / included) if included else 0
    soon = until + datetime.timedelta(days=30)
    evidence = Evidence.objects.aggregate(
        total=Count("pk"), expired=Count("pk", filter=Q(valid_until__lt=until)),
        expiring=Count("pk", filter=Q(valid_until__gte=until, valid_until__lte=soon)),
        collected=Count("pk", filter=Q(effective_date__gte=since, effective_date__lte=until)),
    )
    lines = [
        f"Statement of Applicability: {soa['implemented']} of {included} applicable controls "
        f"implemented ({percent} %), {soa['partial']} partially; {soa['excluded']} excluded, "
        f"{soa['undecided']} undecided.",
        f"Automated control checks failing: {soa['failing']}.",
        f"Evidence: {evidence['total']} items, {evidence['expired']} expired and {evidence['expiring']} "
        f"expiring within 30 days of {until}; {evidence['collected']} collected since {since}.",
    ]
    return [{"clause": "9.3.2 d) 2)", "heading": "Monitoring and measurement results", "lines": lines}]
