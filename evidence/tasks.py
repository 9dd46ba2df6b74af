"""Celery tasks of the evidence app: thin wrappers around one service."""

from celery import shared_task

from evidence.orphans import remove_orphan_files


@shared_task(acks_late=True)
def remove_orphan_files_task() -> int:
    """Daily (beat): remove evidence files left in storage by rolled-back transactions."""
    return len(remove_orphan_files())
