"""A real Celery worker process for integration tests, against Redis and the test database.

Skipped where Redis or a server database is not available (the embedded SQLite test database
lives in this process's memory, so another process cannot see it)."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from isms.celery import app as celery_app


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """Start `celery worker` on a private queue; yields once the worker answers a ping."""
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs Redis as the Celery broker (bin/test uses it when reachable)")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL so that the worker process sees the test database")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = os.environ | {
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    hostname = f"{queue}@localhost"
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "isms", "worker", "--pool=solo",
         "--loglevel=WARNING", "-Q", queue, "-n", hostname, "--without-gossip", "--without-mingle"],
        env=env, cwd=settings.BASE_DIR,
    )
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[hostname], timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the Celery worker did not start")
        yield worker
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        worker.terminate()
        worker.wait(timeout=30)
