"""Celery tasks of the connectors app: thin wrappers that load by id and call one service."""

from celery import shared_task
from django.conf import settings

from connectors.kinds import TransientError
from connectors.runs import enqueue_due_connectors, execute_connector_run


@shared_task(bind=True, acks_late=True)
def execute_connector_run_task(self, run_id: int) -> str | None:
    """Carry out one connector run; transient errors retry with exponential backoff
    (CONNECTOR_RETRY_BACKOFF seconds, doubled each time) up to CONNECTOR_MAX_RETRIES, after
    which the service records the run as failed."""
    max_retries = settings.CONNECTOR_MAX_RETRIES
    try:
        run = execute_connector_run(run_id, final_attempt=self.request.retries >= max_retries)
    except TransientError as error:
        countdown = settings.CONNECTOR_RETRY_BACKOFF * 2**self.request.retries
        if self.request.is_eager:  # eager (no broker): apply() re-runs a returned Retry inline
            return self.retry(exc=error, countdown=countdown, max_retries=max_retries, throw=False)
        raise self.retry(exc=error, countdown=countdown, max_retries=max_retries) from error
    return run.status if run else None


@shared_task(acks_late=True)
def enqueue_due_connectors_task() -> int:
    """Every minute (beat): enqueue the connectors that are due; returns how many."""
    return len(enqueue_due_connectors())
