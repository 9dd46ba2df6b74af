"""Celery tasks of the training app: thin wrappers around one service."""

from celery import shared_task

from training.services import send_training_reminders


@shared_task(acks_late=True)
def send_training_reminders_task() -> int:
    """Daily: e-mail people whose training expires within 30 days (once per expiry)."""
    return send_training_reminders()
