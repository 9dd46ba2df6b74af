from celery import shared_task
from django.db import OperationalError


# Safe to retry: each objective is measured in its own transaction, once per day.
@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def measure_all_objectives_task() -> int:
    """Daily: record today's value of every open objective bound to a product metric."""
    from governance.services.objectives import measure_all_objectives

    return measure_all_objectives()
