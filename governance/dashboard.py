"""Dashboard panel: policies past their review date and open objectives off target."""

from django.utils import timezone

from governance.models import Objective, Policy
from isms.access import can, visible

SHOWN = 8


def off_target(objectives) -> list:
    """Objectives (annotated with_latest) whose latest value misses the target."""
    return [o for o in objectives if o.meets(o.latest_value) is False]


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", Policy):
        return []
    today = timezone.localdate()
    overdue = visible(Policy.objects.overdue(today), user).select_related("owner").order_by(
        "next_review_date")
    objectives = []
    if can(user, "view", Objective):
        open_ = visible(Objective.objects.open().with_latest(), user).select_related("owner")
        objectives = off_target(open_)
    return [{
        "template": "governance/_panel_governance.html",
        "overdue": list(overdue[:SHOWN]), "overdue_count": overdue.count(),
        "off_target": objectives[:SHOWN], "off_target_count": len(objectives),
    }]
