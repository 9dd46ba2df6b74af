"""Writes of connectors: registering and editing them, and policy test suites (versioned).
Runs are in evidence.connector_runs."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from connectors.crypto import secret_encrypt
from connectors.kinds import kind_module
from connectors.kinds.slm_endpoint import check_cases
from connectors.models import Connector, PolicyTestSuite, PolicyTestSuiteVersion
from connectors.policies import policy_check
from connectors.runs import soa_check_status_refresh
from controls.models import Control
from isms.access import can


def _check(connector: Connector) -> None:
    connector.full_clean(exclude=["created_by"])
    problems = kind_module(connector.kind).check_config(connector.config or {})
    if problems:
        raise ValidationError({"config": problems})
    policy_check(connector.policy)


def connector_create(
    *,
    acting_user,
    name: str,
    kind: str,
    config: dict,
    secret: str = "",
    controls: Sequence[Control] = (),
    policy: str = "",
    interval_minutes: int = 1440,
    evidence_valid_days: int = 30,
    enabled: bool = True,
    description: str = "",
    test_suite: PolicyTestSuite | None = None,
) -> Connector:
    """Register a connector; its secret is encrypted before it reaches the database."""
    if not can(acting_user, "add", Connector):
        raise PermissionDenied
    connector = Connector(
        name=name,
        kind=kind,
        config=config,
        secret_encrypted=secret_encrypt(secret),
        policy=policy,
        interval_minutes=interval_minutes,
        evidence_valid_days=evidence_valid_days,
        enabled=enabled,
        description=description,
        test_suite=test_suite,
        created_by=acting_user,
    )
    _check(connector)
    with transaction.atomic():
        connector.save()
        connector.controls.set(controls)
    return connector


def connector_update(
    *,
    acting_user,
    instance: Connector,
    secret: str = "",
    clear_secret: bool = False,
    controls: Sequence[Control] | None = None,
    **fields,
) -> Connector:
    """Change a connector. A blank secret keeps the stored one; clear_secret removes it. The SoA
    check status of the controls it evidenced, and now evidences, is recomputed (a disabled or
    unlinked connector no longer counts)."""
    if not can(acting_user, "change", instance):
        raise PermissionDenied
    previous_controls = list(instance.controls.all())
    old_interval = instance.interval_minutes
    for key, value in fields.items():
        setattr(instance, key, value)
    if secret:
        instance.secret_encrypted = secret_encrypt(secret)
    elif clear_secret:
        instance.secret_encrypted = ""
    if instance.interval_minutes != old_interval and instance.next_due_at:
        soonest = timezone.now() + datetime.timedelta(minutes=instance.interval_minutes)
        instance.next_due_at = min(instance.next_due_at, soonest)
    _check(instance)
    with transaction.atomic():
        instance.save()
        if controls is not None:
            instance.controls.set(controls)
        soa_check_status_refresh({*previous_controls, *instance.controls.all()})
    return instance


def suite_create(*, acting_user, name: str, cases: list, description: str = "") -> PolicyTestSuite:
    """A policy test suite with its first version."""
    if not can(acting_user, "add", PolicyTestSuite):
        raise PermissionDenied
    suite = PolicyTestSuite(name=name, description=description, created_by=acting_user)
    suite.full_clean(exclude=["created_by"])
    with transaction.atomic():
        suite.save()
        suite_version_add(acting_user=acting_user, suite=suite, cases=cases, note="First version")
    return suite


def suite_version_add(
    *, acting_user, suite: PolicyTestSuite, cases: list, note: str = ""
) -> PolicyTestSuiteVersion:
    """Saving a suite adds a version; runs record which version they used."""
    if not can(acting_user, "change", suite):
        raise PermissionDenied
    problems = check_cases(cases)
    if problems:
        raise ValidationError({"cases": problems})
    with transaction.atomic():
        PolicyTestSuite.objects.select_for_update().get(pk=suite.pk)  # serialise version numbers
        number = (suite.versions.aggregate(n=models.Max("number"))["n"] or 0) + 1
        version = PolicyTestSuiteVersion(
            suite=suite, number=number, cases=cases, note=note, created_by=acting_user
        )
        version.full_clean()
        version.save()
    return version
