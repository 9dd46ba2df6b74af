"""The HTTP JSON kind against a real local HTTP server, through the run service."""

import json

import pytest

from connectors.kinds import PermanentError, TransientError, http_json
from connectors.runs import run_connector
from evidence.models import Evidence, EvidenceVersion
from tests.connectors.builders import connector
from tests.connectors.conftest import TOKEN

MFA_POLICY = """package isms.idp

deny contains msg if {
    some user in input.data.data
    not user["mfa.enrolled"]
    msg := sprintf("%s has no MFA", [user["profile.login"]])
}
"""


def _stored_json(run) -> dict:
    stored = run.evidence.versions.get().files.get()
    with stored.file.open("rb") as handle:
        return json.load(handle)


def test_http_json_collects_selected_fields_with_the_bearer_token(officer, api_server):
    c = connector(
        officer,
        name="IdP",
        kind="http_json",
        secret=TOKEN,
        config={"url": api_server.url("/users"), "fields": ["id", "profile.login", "mfa.enrolled"]},
    )
    run = run_connector(c, acting_user=officer)
    assert run.status == "succeeded", run.error
    assert api_server.hits[0][2]["Authorization"] == f"Bearer {TOKEN}"
    document = _stored_json(run)
    assert document["data"]["data"] == [
        {"id": 1, "profile.login": "alice", "mfa.enrolled": True},
        {"id": 2, "profile.login": "bob", "mfa.enrolled": False},
    ]
    assert "alice@example.com" not in json.dumps(document)  # fields not selected are not kept
    assert run.evidence.source == Evidence.Source.CONNECTOR
    assert len(run.evidence.versions.get().files.get().sha256) == 64


def test_http_json_policy_denies_with_reasons(officer, api_server):
    c = connector(
        officer,
        name="IdP",
        kind="http_json",
        secret=TOKEN,
        policy=MFA_POLICY,
        config={"url": api_server.url("/users"), "fields": ["profile.login", "mfa.enrolled"]},
    )
    run = run_connector(c, acting_user=officer)
    assert run.status == "succeeded"
    assert run.policy_allow is False
    assert run.policy_reasons == ["bob has no MFA"]


def test_http_json_custom_secret_header(officer, api_server):
    c = connector(
        officer,
        name="Git host",
        kind="http_json",
        secret="glpat-x",
        config={"url": api_server.url("/public"), "secret_header": "PRIVATE-TOKEN"},
    )
    assert run_connector(c, acting_user=officer).status == "succeeded"
    assert api_server.hits[0][2]["PRIVATE-TOKEN"] == "glpat-x"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/users", "HTTP 401 (check the secret)"),  # no secret configured
        ("/forbidden", "HTTP 403"),
        ("/malformed", "did not answer valid JSON"),
        ("/redirect", "redirect"),
        ("/nothing-here", "HTTP 404"),
    ],
)
def test_http_json_permanent_errors_fail_at_once_with_nothing_stored(officer, api_server, path, message):
    c = connector(officer, name="IdP", kind="http_json", config={"url": api_server.url(path)})
    run = run_connector(c, acting_user=officer)
    assert run.status == "failed"
    assert message in run.error
    assert run.attempts == 1 and run.evidence is None
    assert not Evidence.objects.exists() and not EvidenceVersion.objects.exists()
    c.refresh_from_db()
    assert c.last_status == "failed" and c.is_failing


def test_http_json_500_is_transient(api_server):
    with pytest.raises(TransientError, match="HTTP 500"):
        http_json.collect({"url": api_server.url("/error")}, "")


def test_http_json_timeout_is_transient(api_server, settings):
    settings.CONNECTOR_TIMEOUT = 0.5
    with pytest.raises(TransientError, match="timeout"):
        http_json.collect({"url": api_server.url("/slow")}, "")


def test_http_json_connection_refused_is_transient():
    with pytest.raises(TransientError, match="Cannot connect"):
        http_json.collect({"url": "http://127.0.0.1:9/users"}, "")


def test_http_json_refuses_other_schemes():
    assert http_json.check_config({"url": "file:///etc/passwd"}) == [
        "“url” must be an http:// or https:// URL."
    ]
    with pytest.raises(PermanentError):
        http_json.collect({"url": "file:///etc/passwd"}, "")


def test_http_json_selects_fields_of_one_object():
    data = {"settings": {"mfa_required": True}, "noise": 1}
    assert http_json.select(data, ["settings.mfa_required", "missing.x"]) == {
        "settings.mfa_required": True,
        "missing.x": None,
    }
