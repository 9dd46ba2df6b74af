"""Personas (the Healthchecks idea): anonymous, outsider (signed in, no role), engineer,
officer, auditor and an auditor whose engagement has ended."""

import pytest
from django.core.cache import caches
from django.test import Client

from tests import factories

ROLES = ["anonymous", "outsider", "engineer", "officer", "auditor", "auditor_ended"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The audit trail's PostgreSQL trigger refuses TRUNCATE unless the session allows it;
    transactional tests flush every table with TRUNCATE between tests, so the test database's
    sessions do (UPDATE and DELETE stay refused)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {})["options"] = "-c isms.allow_audit_truncate=on"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Password hashing is deliberately slow; tests do not need it to be.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts from an empty cache: kept permission sets and page fragments belong to
    # the previous test's database (a shared Redis cache outlives the process).
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def officer(db):
    return factories.officer(username="olivia")


@pytest.fixture
def engineer(db):
    return factories.engineer(username="evan")


@pytest.fixture
def auditor(db):
    return factories.auditor(username="ada")


@pytest.fixture
def auditor_ended(db):
    return factories.auditor(active=False, username="old-auditor")


@pytest.fixture
def outsider(db):
    return factories.UserFactory(username="outsider")


@pytest.fixture
def personas(db) -> dict:
    """One user per role (None for anonymous)."""
    return {
        "anonymous": None,
        "outsider": factories.UserFactory(username="outsider"),
        "engineer": factories.engineer(username="evan"),
        "officer": factories.officer(username="olivia"),
        "auditor": factories.auditor(username="ada"),
        "auditor_ended": factories.auditor(active=False, username="old-auditor"),
    }


def client_for(user, verified: bool = True) -> Client:
    """A client signed in as `user`. Users who must pass two-factor authentication (auditors,
    enrolled users) get a session verified with a TOTP device, as django_otp.login() leaves it,
    unless verified=False."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from auditors.mfa import mfa_mandatory

    client = Client()
    if user is not None:
        client.force_login(user)
        if verified and (user.mfa_enrolled or mfa_mandatory(user)):
            device = user.totpdevice_set.filter(confirmed=True).first() or factories.totp_device(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


from tests.workers import celery_worker_process  # noqa: E402,F401  (fixture)
