"""Celery tasks of the training app: thin wrappers around one service."""

from celery import shared_task

from training.services import training_reminders_send


@shared_task(acks_late=True)
def training_reminders_task() -> int:
    """Daily: e-mail people whose training expires within 30 days (once per expiry)."""
    return training_reminders_send()
