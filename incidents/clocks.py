"""Notification-clock arithmetic, free of the database so it can be tested on its own.

Times are timezone-aware and compared as instants: a 72-hour deadline is 72 elapsed hours,
so across a daylight-saving change the local wall-clock time of the deadline moves by an hour.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

OK, AMBER, RED, MET, NOT_REQUIRED = "ok", "amber", "red", "met", "not_required"
# A clock turns amber when less than this share of its window is left.
AMBER_FRACTION = 0.25


def _aware(value: datetime.datetime, name: str) -> datetime.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return value


def deadline(start: datetime.datetime, hours: int | None) -> datetime.datetime | None:
    """The deadline in UTC, `hours` after `start`; None means "without undue delay"."""
    if hours is None:
        return None
    return _aware(start, "start").astimezone(datetime.UTC) + datetime.timedelta(hours=hours)


def state(
    *,
    now: datetime.datetime,
    start: datetime.datetime | None,
    deadline: datetime.datetime | None,
    met_at: datetime.datetime | None = None,
    amber_hours: int | None = None,
    amber_fraction: float = AMBER_FRACTION,
    not_required: bool = False,
) -> str:
    """ok, amber (little time left, or "without undue delay" and not met yet), red (overdue), met,
    or not_required (an officer decided, with a reason, that this notification is not needed)."""
    if met_at is not None:
        return MET
    if not_required:
        return NOT_REQUIRED
    if deadline is None:
        return AMBER  # no fixed deadline: due now, so it stays visible until done
    left = _aware(deadline, "deadline") - _aware(now, "now")
    if left < datetime.timedelta(0):
        return RED
    if amber_hours is not None and left < datetime.timedelta(hours=amber_hours):
        return AMBER
    if start is not None and left < (deadline - _aware(start, "start")) * amber_fraction:
        return AMBER
    return OK


def is_late(sent_at: datetime.datetime, deadline: datetime.datetime | None) -> bool:
    return deadline is not None and _aware(sent_at, "sent_at") > deadline


def duration_label(delta: datetime.timedelta) -> str:
    """"2 d 5 h", "5 h 12 min", "12 min" (always positive; the caller says left/overdue)."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


def time_left_label(now: datetime.datetime, deadline: datetime.datetime | None,
                    met_at: datetime.datetime | None = None) -> str:
    if met_at is not None:
        return "met" + (" (late)" if is_late(met_at, deadline) else "")
    if deadline is None:
        return "without undue delay"
    left = deadline - now
    if left < datetime.timedelta(0):
        return f"overdue by {duration_label(left)}"
    return f"{duration_label(left)} left"


def window_label(hours: int | None) -> str:
    if hours is None:
        return "without undue delay"
    if hours >= 48 and hours % 24 == 0:
        return f"{hours // 24} days ({hours} h)"
    return f"{hours} h"


def reminder_points_due(
    *, now: datetime.datetime, deadline: datetime.datetime | None, points: Iterable[int],
    already_sent: Iterable[int] = (),
) -> list[int]:
    """Reminder points (hours before the deadline) reached by `now` and not sent yet,
    largest first. A clock that starts late has several points due at once."""
    if deadline is None:
        return []
    sent = set(already_sent)
    return sorted(
        {h for h in points if h not in sent and now >= deadline - datetime.timedelta(hours=h)},
        reverse=True,
    )
