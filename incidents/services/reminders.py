"""Reminder e-mails before notification deadlines, each reminder point at most once per clock."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from incidents import clocks
from incidents.models import ClockReminder, NotificationClock
from isms.roles import GROUP_NAMES, OFFICER


def _recipients(clock: NotificationClock) -> list[str]:
    officers = get_user_model().objects.filter(groups__name=GROUP_NAMES[OFFICER], is_active=True)
    emails = {u.email for u in officers if u.email}
    if clock.incident.owner and clock.incident.owner.email:
        emails.add(clock.incident.owner.email)
    return sorted(emails)


def _claim(clock: NotificationClock, points: list[int], now) -> list[int]:
    """Insert one row per point; a point another run already inserted is skipped. The insert
    commits before the e-mail goes out: at most once, even with two workers at the same time."""
    claimed = []
    for hours in points:
        try:
            with transaction.atomic():
                ClockReminder.objects.create(clock=clock, hours_before=hours, sent_at=now)
        except IntegrityError:
            continue
        claimed.append(hours)
    return claimed


def send_clock_reminders(now=None) -> int:
    """E-mail officers and the incident owner when a running clock passes a reminder point.
    Several points passed at once (a clock started late) give one e-mail. Returns e-mails sent."""
    now = now or timezone.now()
    sent = 0
    running = NotificationClock.objects.running().filter(deadline_at__isnull=False).select_related(
        "regime", "incident__owner").prefetch_related("reminders")
    for clock in running:
        due = clocks.reminder_points_due(
            now=now, deadline=clock.deadline_at, points=clock.regime.reminder_hours,
            already_sent=[r.hours_before for r in clock.reminders.all()],
        )
        if not due or not _claim(clock, due, now):
            continue
        incident = clock.incident
        deadline = timezone.localtime(clock.deadline_at)
        link = reverse("incidents:incident-detail", args=[incident.pk])
        send_mail(
            f"[{clocks.time_left_label(now, clock.deadline_at)}] {clock.regime} — {incident.reference}",
            f"The notification deadline of “{clock.regime}” for {incident.reference} "
            f"({incident.title}) is {deadline:%Y-%m-%d %H:%M %Z}: "
            f"{clocks.time_left_label(now, clock.deadline_at)}.\n\n"
            f"Record the notification when it is made: {link}\n",
            settings.DEFAULT_FROM_EMAIL, _recipients(clock),
        )
        sent += 1
    return sent
