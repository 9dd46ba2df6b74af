"""Audit-pack section: security incidents and personal-data breach notifications (see the
pack contract: plain data, queries done here, rendered by the pack builder)."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from incidents.models import Incident, Notification, NotificationClock


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def pack_sections(as_of: datetime.date) -> list[dict]:
    """Events and incidents reported up to `as_of` with their clocks and notifications."""
    cutoff = _end_of(as_of)
    incidents = Incident.objects.filter(reported_at__lt=cutoff).select_related("owner").prefetch_related(
        "assets",
        Prefetch("clocks", queryset=NotificationClock.objects.select_related("regime")),
        Prefetch("notifications", queryset=Notification.objects.filter(sent_at__lt=cutoff)
                 .select_related("sent_by", "clock__regime", "evidence")),
    ).order_by("reported_at", "pk")
    rows = []
    for incident in incidents:
        rows.append({
            "incident": incident,
            "assets": ", ".join(a.name for a in incident.assets.all()),
            "clocks": [{"regime": c.regime.name, "deadline_at": c.deadline_at, "met_at": c.met_at,
                        "label": c.time_left_label(cutoff)} for c in incident.clocks.all()],
            "notifications": list(incident.notifications.all()),
        })
    summary = {
        "events": len(rows),
        "incidents": sum(r["incident"].is_incident for r in rows),
        "not_incidents": sum(r["incident"].status == Incident.Status.NOT_INCIDENT for r in rows),
        "breaches": sum(r["incident"].personal_data_breach for r in rows),
        "notifications": sum(len(r["notifications"]) for r in rows),
    }
    return [{
        "key": "incidents",
        "title": "Security incidents and breach notifications",
        "template": "incidents/pack/incidents.html",
        "context": {"as_of": as_of, "rows": rows, "summary": summary},
    }]
