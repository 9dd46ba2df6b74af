"""Writes of connectors: registering and editing them, and policy test suites (versioned).
Runs are in evidence.connector_runs."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from connectors.crypto import secret_encrypt
from connectors.kinds import kind_module
from connectors.kinds.slm_endpoint import check_cases
from connectors.models import Connector, PolicyTestSuite, PolicyTestSuiteVersion
from connectors.policies import policy_check
from connectors.runs import refresh_soa_check_status
from controls.models import Control
from isms.access import require
from isms.models import User


def _check(connector: Connector) -> None:
    connector.full_clean(exclude=["created_by"])
    problems = kind_module(connector.kind).check_config(connector.config or {})
    if problems:
        raise ValidationError({"config": problems})
    policy_check(connector.policy)


def create_connector(
    *,
    acting_user: User,
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
    require(acting_user, "add", Connector)
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


def update_connector(
    connector: Connector,
    *,
    acting_user: User,
    secret: str = "",
    clear_secret: bool = False,
    controls: Sequence[Control] | None = None,
    **fields,
) -> Connector:
    """Change a connector. A blank secret keeps the stored one; clear_secret removes it. The SoA
    check status of the controls it evidenced, and now evidences, is recomputed (a disabled or
    unlinked connector no longer counts)."""
    require(acting_user, "change", connector)
    previous_controls = list(connector.controls.all())
    old_interval = connector.interval_minutes
    for key, value in fields.items():
        setattr(connector, key, value)
    if secret:
        connector.secret_encrypted = secret_encrypt(secret)
    elif clear_secret:
        connector.secret_encrypted = ""
    if connector.interval_minutes != old_interval and connector.next_due_at:
        soonest = timezone.now() + datetime.timedelta(minutes=connector.interval_minutes)
        connector.next_due_at = min(connector.next_due_at, soonest)
    _check(connector)
    with transaction.atomic():
        connector.save()
        if controls is not None:
            connector.controls.set(controls)
        refresh_soa_check_status({*previous_controls, *connector.controls.all()})
    return connector


def create_test_suite(*, acting_user: User, name: str, cases: list, description: str = "") -> PolicyTestSuite:
    """A policy test suite with its first version."""
    require(acting_user, "add", PolicyTestSuite)
    suite = PolicyTestSuite(name=name, description=description, created_by=acting_user)
    suite.full_clean(exclude=["created_by"])
    with transaction.atomic():
        suite.save()
        add_test_suite_version(acting_user=acting_user, suite=suite, cases=cases, note="First version")
    return suite


def add_test_suite_version(
    suite: PolicyTestSuite, *, acting_user: User, cases: list, note: str = ""
) -> PolicyTestSuiteVersion:
    """Saving a suite adds a version; runs record which version they used."""
    require(acting_user, "change", suite)
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
