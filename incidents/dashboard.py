"""Dashboard panel: open incidents and the breach-notification clocks, amber and red first."""

from django.utils import timezone

from incidents import clocks
from incidents.models import Incident, NotificationClock
from isms.access import can, visible

ORDER = {clocks.RED: 0, clocks.AMBER: 1, clocks.OK: 2, clocks.MET: 3, clocks.NOT_REQUIRED: 4}


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", None):
        return []
    now = timezone.now()
    incidents = visible(Incident.objects.open(), user)
    running = NotificationClock.objects.running().filter(incident__in=incidents) \
        .select_related("regime", "incident")
    rows = sorted(
        ({"clock": c, "state": c.state(now), "left": c.time_left_label(now)} for c in running),
        key=lambda row: (ORDER[row["state"]], row["clock"].deadline_at or now),
    )
    return [{
        "template": "incidents/_panel_incidents.html",
        "open_incidents": incidents.incidents().count(),
        "awaiting_triage": incidents.filter(status=Incident.Status.REPORTED).count(),
        "clocks": rows[:8],
        "red": sum(row["state"] == clocks.RED for row in rows),
        "amber": sum(row["state"] == clocks.AMBER for row in rows),
    }]
