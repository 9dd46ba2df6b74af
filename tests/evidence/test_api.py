import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from evidence.models import ApiToken, Evidence
from evidence.services import create_api_token, revoke_api_token
from tests import factories

PDF = b"%PDF-1.4\n% sbom\n1 0 obj\n<<>>\nendobj\n"
URL = "/api/v1/evidence/"


def api_client(user, **token_kwargs) -> Client:
    _, key = create_api_token(acting_user=user, name="CI", **token_kwargs)
    return Client(headers={"Authorization": f"Token {key}"})


def post_evidence(client, **fields):
    data = {"title": "SBOM of support-assistant", "controls": "8.25,8.28"} | fields
    data.setdefault("files", [factories.upload("sbom.pdf", PDF)])
    return client.post(URL, data)


@pytest.mark.django_db
def test_officer_uploads_evidence_from_ci_with_a_token(officer):
    response = post_evidence(api_client(officer), valid_until="2027-06-30")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["controls"] == ["8.25", "8.28"]
    assert body["source"] == "api" and body["valid_until"] == "2027-06-30"
    assert body["version"]["number"] == 1
    assert body["version"]["files"][0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert Evidence.objects.get().created_by == officer


@pytest.mark.django_db
def test_upload_with_several_files_keeps_them_in_one_version(officer):
    files = [factories.upload("a.pdf", PDF), factories.upload("b.txt", b"pipeline log\n")]
    response = post_evidence(api_client(officer), files=files)
    assert response.status_code == 201
    assert sorted(f["name"] for f in response.json()["version"]["files"]) == ["a.pdf", "b.txt"]


@pytest.mark.django_db
def test_unknown_control_is_refused_and_nothing_is_created(officer):
    response = post_evidence(api_client(officer), controls="8.25,9.99")
    assert response.status_code == 400
    assert "9.99" in response.json()["controls"][0]
    assert not Evidence.objects.exists()


def raw_multipart(file_name: str) -> tuple[bytes, str]:
    """A body as a hostile client would send it (Django's test client cleans file names)."""
    boundary = "BoUnDaRy"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{file_name}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["../../etc/cron.d/x", "..\\..\\boot.ini", ".bashrc"])
def test_path_traversal_file_name_is_refused(officer, name):
    body, content_type = raw_multipart(name)
    response = api_client(officer).post(URL, body, content_type=content_type)
    assert response.status_code == 400
    assert "not a plain file name" in response.json()["detail"]
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_oversized_file_gets_a_clear_error(officer, settings):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 10
    response = post_evidence(api_client(officer))
    assert response.status_code == 400
    assert "the limit is 10 bytes" in str(response.json())
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_missing_files_and_bad_dates_are_refused(officer):
    response = post_evidence(api_client(officer), files=[], effective_date="31/12/2026")
    assert response.status_code == 400
    assert set(response.json()) == {"files", "effective_date"}


@pytest.mark.django_db
def test_expired_token_is_refused(officer):
    client = api_client(officer, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = post_evidence(client)
    assert response.status_code == 401
    assert "expired or was revoked" in response.json()["detail"]


@pytest.mark.django_db
def test_revoked_token_is_refused(officer):
    token, key = create_api_token(acting_user=officer, name="CI")
    revoke_api_token(acting_user=officer, token=token)
    response = post_evidence(Client(headers={"Authorization": f"Token {key}"}))
    assert response.status_code == 401


@pytest.mark.django_db
def test_without_a_token_the_api_refuses(db):
    assert post_evidence(Client()).status_code == 401


@pytest.mark.django_db
def test_only_the_token_digest_is_stored(officer):
    token, key = create_api_token(acting_user=officer, name="CI")
    assert key not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()


@pytest.mark.django_db
def test_auditor_cannot_create_a_token(auditor):
    with pytest.raises(PermissionDenied):
        create_api_token(acting_user=auditor, name="CI")
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_engineer_cannot_upload_to_unassigned_controls(engineer):
    response = post_evidence(api_client(engineer))
    assert response.status_code == 403
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_token_user_lists_evidence_and_controls(officer):
    factories.evidence(officer)
    client = api_client(officer)
    assert client.get(URL).json()["count"] == 1
    controls = client.get("/api/v1/soa/").json()
    assert controls["count"] == 93 and controls["results"][0]["ref"] == "5.1"


@pytest.mark.django_db
def test_openapi_schema_describes_the_upload(officer):
    client = Client()
    client.force_login(officer)
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/evidence/" in schema.content


@pytest.mark.django_db
def test_engineer_uploads_to_a_control_assigned_to_them(officer, engineer):
    from controls.services import update_soa_entry

    entry = factories.soa_entry("8.25")
    update_soa_entry(acting_user=officer, entry=entry, assignees=[engineer])
    response = post_evidence(api_client(engineer), controls="8.25")
    assert response.status_code == 201, response.content
    assert response.json()["controls"] == ["8.25"]


@pytest.mark.django_db
def test_evidence_can_be_linked_to_risks_from_ci(officer):
    risk = factories.risk(officer)
    response = post_evidence(api_client(officer), risks=[risk.pk])
    assert response.status_code == 201, response.content
    assert response.json()["risks"] == [risk.pk]
    assert list(risk.evidence.values_list("title", flat=True)) == ["SBOM of support-assistant"]


@pytest.mark.django_db
def test_unknown_risk_is_refused(officer):
    response = post_evidence(api_client(officer), risks=[999999])
    assert response.status_code == 400 and "999999" in str(response.json())
    assert not Evidence.objects.exists()
