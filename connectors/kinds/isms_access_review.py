"""The ISMS itself: a user access review (who holds which role, last sign-in, and for auditors
the dates of their engagements). Needs no secret and no external system."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from isms.access import role_of

EXAMPLE = {"inactive_days": 90}


def check_config(config: dict) -> list[str]:
    days = config.get("inactive_days", 90)
    if not isinstance(days, int) or days < 1:
        return ["“inactive_days” must be a whole number of days (at least 1)."]
    return []


def _engagements(user) -> list[dict]:
    return [
        {
            "name": e.name,
            "firm": e.audit_firm,
            "start": e.start_date.isoformat(),
            "end": e.end_date.isoformat(),
            "active": e.is_active(),
        }
        for e in user.audit_engagements.all()
    ]


def collect(config: dict, secret: str) -> dict:
    now = timezone.now()
    inactive_days = int(config.get("inactive_days", 90))
    users = get_user_model().objects.prefetch_related("groups", "audit_engagements").order_by("username")
    rows = []
    for user in users:
        days = (now - user.last_login).days if user.last_login else None
        role = "administrator" if user.is_superuser else role_of(user)
        rows.append(
            {
                "username": user.username,
                "name": user.get_full_name(),
                "active": user.is_active,
                "role": role,
                "superuser": user.is_superuser,
                "last_login": user.last_login.isoformat() if user.last_login else None,
                "days_since_login": days,
                "dormant": user.is_active and (days is None or days > inactive_days),
                "engagements": _engagements(user) if role == "auditor" else [],
            }
        )
    return {
        "reviewed_at": now.isoformat(),
        "inactive_days": inactive_days,
        "users": rows,
        "counts": {
            "active": sum(r["active"] for r in rows),
            "superusers": sum(r["superuser"] and r["active"] for r in rows),
            "dormant": sum(r["dormant"] for r in rows),
            "auditors_outside_engagement": sum(
                r["role"] == "auditor" and r["active"] and not any(e["active"] for e in r["engagements"])
                for r in rows
            ),
        },
    }
