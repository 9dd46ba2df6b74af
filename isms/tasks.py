from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task(acks_late=True)
def isms_health_task() -> dict:
    """Round trip through broker, worker and database; used by the health check and tests."""
    return {"users": get_user_model().objects.count()}
