import datetime

import pytest
from django.core import mail
from django.utils import timezone

from incidents.models import ClockReminder, NotificationClock
from incidents.services import record_notification, send_clock_reminders
from tests import factories


def _aware(hours_ago):
    return timezone.now() - datetime.timedelta(hours=hours_ago)


def test_reminder_sent_once_per_point(officer, engineer):
    incident = factories.incident(engineer, officer=officer, breach_aware_at=_aware(30))  # 42 h left
    assert send_clock_reminders() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert incident.reference in message.subject and officer.email in message.to
    assert send_clock_reminders() == 0  # 48 h point already sent
    later = timezone.now() + datetime.timedelta(hours=20)  # 22 h left: the 24 h point
    assert send_clock_reminders(now=later) == 1
    assert sorted(ClockReminder.objects.values_list("hours_before", flat=True)) == [24, 48]


def test_a_clock_started_late_sends_one_email_for_all_passed_points(officer, engineer):
    factories.incident(engineer, officer=officer, breach_aware_at=_aware(70))  # 2 h left
    assert send_clock_reminders() == 1
    assert sorted(ClockReminder.objects.values_list("hours_before", flat=True)) == [6, 24, 48]


def test_no_reminder_for_met_clocks_or_far_deadlines(officer, engineer):
    factories.incident(engineer, officer=officer, title="Fresh", breach_aware_at=_aware(1))
    met = factories.incident(engineer, officer=officer, title="Met", breach_aware_at=_aware(60))
    record_notification(met, acting_user=officer, clock=NotificationClock.objects.get(incident=met),
                        recipient="CNIL", sent_at=timezone.now(), content_summary="Form")
    assert send_clock_reminders() == 0 and mail.outbox == []


@pytest.mark.worker
def test_a_real_worker_sends_each_reminder_once(transactional_db, request, monkeypatch, tmp_path):
    """Through Redis and a worker process: the second run finds the point already claimed."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{mail_dir}")  # environ drops one leading slash
    request.getfixturevalue("celery_worker_process")  # started after EMAIL_URL is set
    from incidents.tasks import send_clock_reminders_task

    officer, engineer = factories.officer(username="olivia"), factories.engineer(username="evan")
    factories.incident(engineer, officer=officer, breach_aware_at=_aware(30))
    assert send_clock_reminders_task.delay().get(timeout=30) == 1
    assert send_clock_reminders_task.delay().get(timeout=30) == 0
    assert ClockReminder.objects.count() == 1
    sent = [p.read_text() for p in mail_dir.iterdir()]
    assert len(sent) == 1 and "GDPR art. 33" in sent[0]


def test_beat_runs_the_reminders_every_15_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["incident-clock-reminders"]
    assert entry["task"] == "incidents.tasks.send_clock_reminders_task"
    assert entry["schedule"].minute == {0, 15, 30, 45}
