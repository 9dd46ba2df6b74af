"""Evidence freshness on the dashboard: expired, expiring within 30 days, current."""

from django.db.models import Count, Q

from evidence.models import Evidence
from isms.access import can, visible
from isms.dates import days_from_today


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", Evidence):
        return []
    today, soon = days_from_today(0), days_from_today(30)
    counts = visible(Evidence.objects.all(), user).aggregate(
        expired=Count("pk", filter=Q(valid_until__lt=today)),
        expiring=Count("pk", filter=Q(valid_until__gte=today, valid_until__lte=soon)),
        current=Count("pk", filter=Q(valid_until__isnull=True) | Q(valid_until__gt=soon)),
        pending=Count("pk", filter=Q(review_status=Evidence.Review.PENDING)),
    )
    return [{"template": "evidence/_panel_freshness.html", "counts": counts}]
