"""One connector run through a real Celery worker process on Redis, against the test database."""

import time

import pytest

from connectors.models import ConnectorRun
from connectors.runs import request_connector_run
from tests import factories
from tests.connectors.builders import connector

pytestmark = pytest.mark.worker


def _wait_for(run_pk: int, timeout: float = 60) -> ConnectorRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = ConnectorRun.objects.get(pk=run_pk)
        if not run.is_active:
            return run
        time.sleep(0.2)
    pytest.fail(f"run {run_pk} did not finish: {run.status}")


def test_connector_runs_through_the_celery_worker(celery_worker_process, api_server):
    officer = factories.officer(username="worker-officer")
    entry = factories.soa_entry("8.5")
    c = connector(
        officer,
        name="Public settings",
        kind="http_json",
        controls=[entry.control],
        config={"url": api_server.url("/public"), "fields": ["settings.mfa_required"]},
        policy="package p\n\n"
        'deny contains "MFA is optional" if not input.data.data["settings.mfa_required"]\n',
    )
    run = request_connector_run(c, acting_user=officer)  # autocommit: enqueued at once
    run = _wait_for(run.pk)
    assert run.status == "succeeded", run.error
    assert run.policy_allow is True and run.evidence is not None
    assert api_server.hits[0][1] == "/public"
    entry.refresh_from_db()
    assert entry.automated_check_status == "pass"


@pytest.fixture
def fast_retries(monkeypatch):
    """Read by the worker process that celery_worker_process starts next."""
    monkeypatch.setenv("CONNECTOR_RETRY_BACKOFF", "0")
    monkeypatch.setenv("CONNECTOR_MAX_RETRIES", "2")


def test_worker_retries_transient_errors_then_fails(fast_retries, celery_worker_process, api_server):
    officer = factories.officer(username="worker-officer")
    c = connector(officer, name="Flaky", kind="http_json", config={"url": api_server.url("/error")})
    run = _wait_for(request_connector_run(c, acting_user=officer).pk)
    assert run.status == "failed" and run.attempts == 3
    assert len(api_server.hits) == 3 and "gave up after 3 attempts" in run.error
    assert run.evidence is None
