"""Background jobs are queued by the name of their Celery task.

A service that queues a job names its task instead of importing it: the task module imports
its service to call it, so an import back would close a circle. Celery finds the task by name
in its registry; every app's tasks module is autodiscovered (isms/celery.py), in a web process
on the first job it queues."""

from celery import current_app
from django.db import transaction


def _task(name: str):
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()  # runs the autodiscovery
    return current_app.tasks[name]


def enqueue_on_commit(task_name: str, *args) -> None:
    """Queue `task_name(*args)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _task(task_name).delay(*args))
