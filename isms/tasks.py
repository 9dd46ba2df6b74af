from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task(acks_late=True)
def isms_health_task() -> dict:
    """Round trip through broker, worker and database; used by the health check and tests."""
    return {"users": get_user_model().objects.count()}


@shared_task(acks_late=True)
def training_reminders_task() -> int:
    """Daily: e-mail people whose training expires within 30 days (once per expiry)."""
    from isms.services.training import training_reminders_send

    return training_reminders_send()
