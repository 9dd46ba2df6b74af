"""Runs: retries with backoff through the Celery task, idempotent scheduling, the SoA check
status, nothing half-written, the collect_evidence command."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from connectors.models import ConnectorRun
from connectors.policies import EXAMPLE as SUPERUSER_POLICY
from connectors.runs import (
    enqueue_due_connectors,
    execute_connector_run,
    request_connector_run,
    run_connector,
)
from controls.models import SoAEntry
from evidence.models import Evidence, EvidenceFile
from tests import factories
from tests.connectors.builders import connector
from tests.connectors.builders import run as make_run


def test_transient_errors_retry_then_fail(officer, api_server, settings, django_capture_on_commit_callbacks):
    settings.CONNECTOR_MAX_RETRIES = 2
    c = connector(officer, name="Flaky", kind="http_json", config={"url": api_server.url("/error")})
    with django_capture_on_commit_callbacks(execute=True):
        run = request_connector_run(c, acting_user=officer)  # eager Celery in tests: runs inline
    run.refresh_from_db()
    assert len(api_server.hits) == 3  # first try and two retries
    assert run.status == "failed" and run.attempts == 3
    assert "HTTP 500" in run.error and "gave up after 3 attempts" in run.error
    assert not Evidence.objects.exists()


def test_transient_error_leaves_the_run_waiting_to_retry(officer):
    c = connector(officer, name="Down", kind="http_json", config={"url": "http://127.0.0.1:9/x"})
    run = make_run(c)
    from connectors.kinds import TransientError

    with pytest.raises(TransientError):
        execute_connector_run(run.pk, final_attempt=False)
    run.refresh_from_db()
    assert run.status == "retrying" and run.attempts == 1 and "Cannot connect" in run.error


def test_a_finished_run_is_not_run_again(officer):
    c = connector(officer)
    run = make_run(c)
    assert execute_connector_run(run.pk).status == "succeeded"
    assert execute_connector_run(run.pk) is None  # a redelivered task does nothing
    assert Evidence.objects.count() == 1


def test_run_request_is_idempotent_while_a_run_is_active(officer):
    c = connector(officer)
    first = request_connector_run(c, acting_user=officer)
    assert request_connector_run(c, acting_user=officer) == first
    assert ConnectorRun.objects.count() == 1


def test_due_connectors_are_enqueued_once(officer):
    due = connector(officer, name="Due")
    later = connector(officer, name="Later")
    later.next_due_at = timezone.now() + datetime.timedelta(hours=1)
    later.save()
    off = connector(officer, name="Off", enabled=False)
    runs = enqueue_due_connectors()
    assert [r.connector for r in runs] == [due]
    assert enqueue_due_connectors() == []  # pending run, and now no longer due
    due.refresh_from_db()
    assert due.next_due_at > timezone.now() + datetime.timedelta(minutes=due.interval_minutes - 1)
    assert not off.runs.exists() and runs[0].trigger == "schedule"


def test_policy_results_set_the_soa_automated_check(officer, client):
    entry = factories.soa_entry("5.18")
    c = connector(officer, policy=SUPERUSER_POLICY, controls=[entry.control])
    assert run_connector(c, acting_user=officer).policy_allow is True
    entry.refresh_from_db()
    assert entry.automated_check_status == SoAEntry.CheckStatus.PASS
    factories.UserFactory(username="root2", is_superuser=True)
    run = run_connector(c, acting_user=officer)
    assert run.policy_reasons == ["root2 is a superuser"]
    entry.refresh_from_db()
    assert entry.automated_check_status == SoAEntry.CheckStatus.FAIL
    assert run.evidence.controls.get() == entry.control
    client.force_login(officer)
    page = client.get(reverse("controls:soa-list"), {"q": entry.control.ref}).content.decode()
    assert 'data-testid="check-fail"' in page


def test_storage_failure_leaves_no_evidence(officer, settings):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 10  # every collected document is now too large
    entry = factories.soa_entry("5.18")
    c = connector(officer, policy=SUPERUSER_POLICY, controls=[entry.control])
    run = run_connector(c, acting_user=officer)
    assert run.status == "failed" and "The evidence could not be stored" in run.error
    assert not Evidence.objects.exists() and not EvidenceFile.objects.exists()
    entry.refresh_from_db()
    assert entry.automated_check_status == SoAEntry.CheckStatus.UNKNOWN


def test_collect_evidence_command(officer, capsys):
    connector(officer, policy=SUPERUSER_POLICY)
    call_command("collect_evidence", "ISMS access review")
    out = capsys.readouterr().out
    assert "succeeded" in out and "policy passed" in out
    assert ConnectorRun.objects.get().trigger == "command"


def test_collect_evidence_command_errors(officer):
    with pytest.raises(CommandError, match="No connector named “nope”"):
        call_command("collect_evidence", "nope")
    connector(officer, name="Down", kind="http_json", config={"url": "http://127.0.0.1:9/x"})
    with pytest.raises(CommandError, match="Cannot connect"):
        call_command("collect_evidence", "Down")


def test_stale_runs_are_failed_so_the_connector_is_scheduled_again(officer):
    c = connector(officer)
    old = timezone.now() - datetime.timedelta(hours=2)
    stuck = make_run(c, status="running", started_at=old, created_at=old)
    lost = make_run(connector(officer, name="Other"), created_at=old)  # pending, message lost
    runs = enqueue_due_connectors()
    stuck.refresh_from_db()
    lost.refresh_from_db()
    assert stuck.status == lost.status == "failed" and "did not finish within an hour" in stuck.error
    assert {r.connector.name for r in runs} == {"ISMS access review", "Other"}
    assert execute_connector_run(stuck.pk) is None  # a late redelivery does not resurrect it


def test_unlinking_or_disabling_a_connector_updates_the_soa(officer):
    from connectors.services import update_connector

    entry = factories.soa_entry("5.18")
    c = connector(officer, policy=SUPERUSER_POLICY, controls=[entry.control])
    factories.UserFactory(username="root2", is_superuser=True)
    run_connector(c, acting_user=officer)
    entry.refresh_from_db()
    assert entry.automated_check_status == SoAEntry.CheckStatus.FAIL
    update_connector(acting_user=officer, connector=c, enabled=False)
    entry.refresh_from_db()
    assert entry.automated_check_status == SoAEntry.CheckStatus.UNKNOWN
    update_connector(acting_user=officer, connector=c, enabled=True, controls=[])
    entry.refresh_from_db()
    assert entry.automated_check_status == SoAEntry.CheckStatus.UNKNOWN


def test_a_shorter_interval_brings_the_next_run_forward(officer):
    from connectors.services import update_connector

    c = connector(officer, interval_minutes=7 * 24 * 60)
    run_connector(c, acting_user=officer)
    c.refresh_from_db()
    update_connector(acting_user=officer, connector=c, interval_minutes=60)
    assert c.next_due_at <= timezone.now() + datetime.timedelta(minutes=60)


def test_the_audit_trail_keeps_the_request_and_the_outcome_of_a_run(officer):
    from isms.models import AuditEntry

    run = run_connector(connector(officer), acting_user=officer)
    entries = AuditEntry.objects.filter(content_type__model="connectorrun", object_id=run.pk)
    statuses = [e.changes.get("status") for e in entries.order_by("pk")]
    assert len(statuses) == 2  # created (pending) and finished (succeeded); not "running"
    assert statuses[-1][1] == "succeeded"


def test_beat_schedules_the_due_connectors_task(officer, settings):
    from connectors.tasks import enqueue_due_connectors_task
    from isms.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["connectors-due"]
    assert entry["task"] in app.tasks and entry["schedule"] == 60.0
    connector(officer)
    assert enqueue_due_connectors_task.delay().get() == 1


def test_a_file_left_by_a_failed_run_is_swept_once_old_enough(officer, monkeypatch):
    from django.core.files.storage import default_storage

    from connectors import runs as connector_runs
    from evidence.orphans import GRACE, orphan_files, remove_orphan_files

    kept = factories.evidence(officer).versions.get().files.get().file.name
    entry = factories.soa_entry("5.18")
    c = connector(officer, policy=SUPERUSER_POLICY, controls=[entry.control])

    refresh = connector_runs.refresh_soa_check_status
    calls = []

    def fail_once(controls):  # the last step of recording the run fails: its rows roll back
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("SoA refresh failed")
        return refresh(controls)

    monkeypatch.setattr(connector_runs, "refresh_soa_check_status", fail_once)
    run = run_connector(c, acting_user=officer)
    assert run.status == "failed" and Evidence.objects.filter(source="connector").count() == 0
    later = timezone.now() + GRACE + datetime.timedelta(minutes=1)
    assert orphan_files() == []  # written moments ago: its transaction could still be open
    orphans = orphan_files(now=later)
    assert len(orphans) == 1 and orphans[0].endswith(".json") and default_storage.exists(orphans[0])
    call_command("evidence_orphans")  # lists, removes nothing
    assert default_storage.exists(orphans[0])
    assert remove_orphan_files(now=later) == orphans
    assert not default_storage.exists(orphans[0]) and default_storage.exists(kept)
