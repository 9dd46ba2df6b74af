import datetime

from django.utils import timezone


def days_from_today(days: int) -> datetime.date:
    """Today in the ISMS's time zone, moved by `days` (negative for the past)."""
    return timezone.localdate() + datetime.timedelta(days=days)
