"""Secrets are ciphertext in the database and never shown; policies are checked when saved."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from connectors.crypto import SecretUnreadable, secret_decrypt
from connectors.models import Connector
from connectors.policies import PolicyError, policy_evaluate
from connectors.runs import run_connector
from connectors.services import create_connector, update_connector
from isms.models import AuditEntry
from tests.connectors.builders import connector

SECRET = "pg-password-Very-Secret-42"


def _raw_secret(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM evidence_connector WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_secret_is_ciphertext_in_the_database(officer, settings):
    c = connector(officer, secret=SECRET)
    stored = _raw_secret(c.pk)
    assert SECRET not in stored and stored.startswith("gAAAAA")  # a Fernet token
    assert Fernet(settings.CONNECTOR_SECRET_KEY).decrypt(stored.encode()).decode() == SECRET
    assert all(SECRET not in str(entry.changes) for entry in AuditEntry.objects.all())


def test_secret_is_never_rendered(officer, client):
    c = connector(officer, secret=SECRET)
    client.force_login(officer)
    detail = client.get(c.get_absolute_url()).content.decode()
    form = client.get(reverse("connectors:connector-edit", args=[c.pk])).content.decode()
    assert SECRET not in detail and SECRET not in form and _raw_secret(c.pk) not in form
    assert "set (encrypted; never shown)" in detail
    assert "A secret is set. Type a new one to replace it" in form


def test_blank_secret_keeps_it_and_clear_removes_it(officer):
    c = connector(officer, secret=SECRET)
    update_connector(acting_user=officer, connector=c, secret="", description="x")
    assert secret_decrypt(Connector.objects.get(pk=c.pk).secret_encrypted) == SECRET
    update_connector(acting_user=officer, connector=c, clear_secret=True)
    assert Connector.objects.get(pk=c.pk).secret_encrypted == ""


def test_changed_key_makes_the_run_fail_clearly(officer, settings):
    c = connector(officer, secret=SECRET)
    settings.CONNECTOR_SECRET_KEY = Fernet.generate_key().decode()
    with pytest.raises(SecretUnreadable):
        secret_decrypt(c.secret_encrypted)
    run = run_connector(c, acting_user=officer)
    assert run.status == "failed" and "CONNECTOR_SECRET_KEY" in run.error


def test_old_rego_syntax_is_refused(officer):
    with pytest.raises(ValidationError) as error:
        connector(officer, policy='package p\ndeny[msg] { msg := "x" }')
    assert "Rego v1 syntax" in str(error.value)
    assert not Connector.objects.exists()


def test_policy_that_does_not_compile_is_refused(officer):
    with pytest.raises(ValidationError, match="does not compile"):
        connector(officer, policy="package p\nallow if {")


def test_bad_config_is_refused_with_every_problem(officer):
    with pytest.raises(ValidationError) as error:
        create_connector(
            acting_user=officer, name="x", kind="http_json", config={"url": "ftp://x", "fields": "a"}
        )
    assert error.value.message_dict["config"] == [
        "“url” must be an http:// or https:// URL.",
        '“fields” must be a list of dotted field paths, e.g. ["profile.login"].',
    ]


def test_policy_allow_and_deny():
    policy = 'package p\n\ndefault allow := false\nallow if input.ok\ndeny contains "bad" if input.bad\n'
    assert policy_evaluate(policy, {"ok": True}).allow is True
    assert policy_evaluate(policy, {"ok": False}).allow is False
    result = policy_evaluate(policy, {"ok": True, "bad": True})
    assert (result.allow, result.reasons) == (False, ["bad"])


def test_policy_without_package_is_an_error():
    with pytest.raises(PolicyError, match="package"):
        policy_evaluate("allow := true", {})
