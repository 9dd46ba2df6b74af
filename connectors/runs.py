"""Connector runs.

A run goes: request (a pending row, enqueued on commit) -> claim (pending/retrying -> running,
under a row lock, so two workers never run it twice) -> collect -> evaluate the policy ->
in one transaction: evidence item + version + file (SHA-256), the run's result and the SoA
automated check status of the connector's controls. A failure writes only the run's state:
no evidence, no half-written version."""

import datetime
import json
import logging

from auditlog.context import disable_auditlog
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from connectors.crypto import SecretUnreadable, secret_decrypt
from connectors.kinds import ConnectorError, PermanentError, TransientError, kind_module
from connectors.models import Connector, ConnectorRun
from connectors.policies import PolicyError, PolicyResult, policy_evaluate
from controls.models import SoAEntry
from evidence.models import Evidence
from evidence.services import create_evidence
from isms.access import require
from isms.jobs import enqueue_on_commit
from isms.models import User

logger = logging.getLogger(__name__)
Status = ConnectorRun.Status
Trigger = ConnectorRun.Trigger
# Far longer than a run with all its retries takes (default backoff: 30 + 60 + 120 s).
STALE_AFTER = datetime.timedelta(hours=1)


def request_connector_run(
    connector: Connector, *, acting_user: User = None, trigger: str = Trigger.MANUAL
) -> ConnectorRun:
    """A pending run, enqueued once the transaction commits. Idempotent: while the connector has
    a pending, running or retrying run, that run is returned and nothing new is enqueued."""
    if acting_user is not None:
        require(acting_user, "run", connector)
    with transaction.atomic():
        Connector.objects.select_for_update().get(pk=connector.pk)
        active = connector.runs.active().first()
        if active:
            return active
        run = ConnectorRun.objects.create(connector=connector, trigger=trigger, requested_by=acting_user)
        connector.next_due_at = timezone.now() + datetime.timedelta(minutes=connector.interval_minutes)
        connector.save(update_fields=["next_due_at"])
        enqueue_on_commit("connectors.tasks.execute_connector_run_task", run.pk)
    return run


def abandon_stale_runs(*, now: datetime.datetime | None = None) -> int:
    """Fail runs that have been pending, running or retrying for longer than STALE_AFTER: their
    worker died or their message was lost, and they would block the connector for ever."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    stale = ConnectorRun.objects.active().filter(
        Q(started_at__lt=cutoff) | Q(started_at__isnull=True, created_at__lt=cutoff)
    )
    count = 0
    for run in stale.select_related("connector"):
        _fail(run, "The run did not finish within an hour (a worker stopped or the queue lost it).")
        count += 1
    return count


def enqueue_due_connectors(*, now: datetime.datetime | None = None) -> list[ConnectorRun]:
    """Request a run of every enabled connector that is due (called by beat every minute)."""
    abandon_stale_runs(now=now)
    return [
        request_connector_run(connector, trigger=Trigger.SCHEDULE)
        for connector in Connector.objects.due(now).exclude(runs__status__in=ConnectorRun.ACTIVE)
    ]


def _claim(run_id: int) -> ConnectorRun | None:
    with transaction.atomic():
        run = ConnectorRun.objects.select_for_update().select_related("connector").get(pk=run_id)
        if run.status not in (Status.PENDING, Status.RETRYING):
            return None  # already done, or another worker has it
        run.status = Status.RUNNING
        run.attempts += 1
        run.started_at = timezone.now()  # of this attempt: durations leave out the backoff waits
        with disable_auditlog():  # a passing state: the trail keeps the request and the outcome
            run.save()
    return run


def _finish(run: ConnectorRun, status: str, error: str = "") -> None:
    run.status, run.error, run.finished_at = status, error[:4000], timezone.now()
    run.save()
    connector = run.connector
    connector.last_status, connector.last_run_at = status, run.finished_at
    if status == Status.FAILED:
        connector.last_policy_allow = None
    else:
        connector.last_policy_allow = run.policy_allow
    connector.save(update_fields=["last_status", "last_run_at", "last_policy_allow"])


def _effective_config(connector: Connector) -> dict:
    config = dict(connector.config or {})
    if connector.kind == Connector.Kind.SLM_ENDPOINT:
        version = connector.test_suite.current if connector.test_suite else None
        config["cases"] = version.cases if version else []
        config["suite"] = str(version) if version else None
    return config


def _evaluate(connector: Connector, config: dict, data: dict) -> PolicyResult | None:
    module = kind_module(connector.kind)
    builtin = module.findings(data, config) if hasattr(module, "findings") else None
    if not connector.policy.strip() and builtin is None:
        return None
    result = PolicyResult(allow=True)
    if connector.policy.strip():
        try:
            result = policy_evaluate(
                connector.policy, {"connector": connector.name, "kind": connector.kind, "data": data}
            )
        except PolicyError as error:
            raise PermanentError(str(error)) from error
    reasons = sorted({*result.reasons, *(builtin or [])})
    return PolicyResult(allow=result.allow and not reasons, reasons=reasons)


def _document(connector: Connector, run: ConnectorRun, data: dict, result: PolicyResult | None) -> bytes:
    payload = {
        "connector": connector.name,
        "kind": connector.kind,
        "run": run.pk,
        "collected_at": timezone.now().isoformat(),
        "policy": None if result is None else {"allow": result.allow, "deny": result.reasons},
        "data": data,
    }
    return json.dumps(payload, indent=2, sort_keys=True, default=str).encode()


def refresh_soa_check_status(controls) -> None:
    """A control's automated check: fail if any of its connectors' latest results fails, pass
    if at least one passes, unknown otherwise."""
    for entry in SoAEntry.objects.filter(control__in=controls).prefetch_related("control__connectors"):
        results = [c.last_policy_allow for c in entry.control.connectors.all() if c.enabled]
        status = (
            SoAEntry.CheckStatus.FAIL
            if False in results
            else SoAEntry.CheckStatus.PASS
            if True in results
            else SoAEntry.CheckStatus.UNKNOWN
        )
        if entry.automated_check_status != status:
            entry.automated_check_status = status
            entry.save()


def _record(run: ConnectorRun, data: dict, result: PolicyResult | None) -> None:
    connector = run.connector
    author = run.requested_by or connector.created_by
    today = timezone.localdate()
    name = f"{slugify(connector.name) or 'connector'}-{timezone.now():%Y%m%d-%H%M%S}.json"
    with transaction.atomic():
        evidence = create_evidence(
            acting_user=author,
            title=f"{connector.name}: collected {today.isoformat()}",
            description=f"Collected by the {connector.get_kind_display()} connector “{connector.name}”.",
            files=[SimpleUploadedFile(name, _document(connector, run, data, result))],
            effective_date=today,
            valid_until=today + datetime.timedelta(days=connector.evidence_valid_days),
            controls=list(connector.controls.all()),
            source=Evidence.Source.CONNECTOR,
            note=f"Run {run.pk}",
        )
        run.evidence = evidence
        run.policy_allow = None if result is None else result.allow
        run.policy_reasons = [] if result is None else result.reasons
        run.summary = {"bytes": evidence.versions.get().files.get().size}
        _finish(run, Status.SUCCEEDED)
        refresh_soa_check_status(connector.controls.all())


def execute_connector_run(run_id: int, *, final_attempt: bool = True) -> ConnectorRun | None:
    """Claim and carry out one run. A TransientError is re-raised (for the task to retry) unless
    this is the final attempt; every other failure ends the run as failed with its message.
    Returns None when the run was not claimable (finished already, or running elsewhere)."""
    run = _claim(run_id)
    if run is None:
        return None
    connector = run.connector
    try:
        config = _effective_config(connector)
        data = kind_module(connector.kind).collect(config, secret_decrypt(connector.secret_encrypted))
        data = json.loads(json.dumps(data, default=str))  # plain JSON types for Rego and the file
        result = _evaluate(connector, config, data)
        _record(run, data, result)
    except TransientError as error:
        if final_attempt:
            _fail(run, f"{error} (gave up after {run.attempts} attempts)")
        else:
            run.status, run.error = Status.RETRYING, str(error)[:4000]
            with disable_auditlog():
                run.save()
            raise
    except (ConnectorError, SecretUnreadable) as error:
        _fail(run, str(error))
    except (ValidationError, PermissionDenied) as error:
        _fail(run, f"The evidence could not be stored: {'; '.join(getattr(error, 'messages', [str(error)]))}")
    except Exception as error:  # a bug must not leave the run "running" for ever
        logger.exception("Connector run %s failed unexpectedly", run.pk)
        _fail(run, f"Unexpected error ({type(error).__name__}): {error}")
    return run


def _fail(run: ConnectorRun, message: str) -> None:
    with transaction.atomic():
        run.evidence, run.policy_allow, run.policy_reasons = None, None, []
        _finish(run, Status.FAILED, message or "The run failed.")
        refresh_soa_check_status(run.connector.controls.all())


def run_connector(
    connector: Connector, *, acting_user: User = None, trigger: str = Trigger.COMMAND
) -> ConnectorRun:
    """Run one connector now, in this process (the collect_evidence command): the same steps as
    the task, with a single attempt."""
    if acting_user is not None:
        require(acting_user, "run", connector)
    with transaction.atomic():
        Connector.objects.select_for_update().get(pk=connector.pk)
        if connector.runs.active().exists():
            raise ValidationError(f"{connector} already has a run in progress.")
        run = ConnectorRun.objects.create(connector=connector, trigger=trigger, requested_by=acting_user)
        connector.next_due_at = timezone.now() + datetime.timedelta(minutes=connector.interval_minutes)
        connector.save(update_fields=["next_due_at"])
    execute_connector_run(run.pk, final_attempt=True)
    run.refresh_from_db()
    return run
