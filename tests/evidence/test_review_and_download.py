"""Reviewing evidence, downloading its files and API tokens, role by role: what each role may
do, what is refused with which status, and that a refusal writes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evidence.models import ApiToken, Evidence, EvidenceFile
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _review(user, item, **data):
    return client_for(user).post(reverse("evidence:evidence-review", args=[item.pk]), data)


def test_an_officer_accepts_evidence_and_the_trail_says_who(officer):
    item = factories.evidence(officer, title="Access review")
    response = _review(officer, item, status=Evidence.Review.ACCEPTED, comment="Complete")
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.review_status, item.reviewed_by, item.review_comment) == (
        Evidence.Review.ACCEPTED, officer, "Complete")
    updates = AuditEntry.objects.filter(object_pk=str(item.pk), action=AuditEntry.Action.UPDATE)
    entry = updates.latest("sequence")
    assert entry.actor == officer and "review_status" in entry.changes_dict


def test_a_rejection_needs_a_reason_and_saves_nothing_without_one(officer):
    item = factories.evidence(officer)
    before = AuditEntry.objects.count()
    response = _review(officer, item, status=Evidence.Review.REJECTED, comment="  ")
    assert response.status_code == 400
    assert "Say why the evidence is rejected." in response.content.decode()
    item.refresh_from_db()
    assert item.review_status != Evidence.Review.REJECTED
    assert AuditEntry.objects.count() == before


def test_an_unknown_review_status_is_refused(officer):
    item = factories.evidence(officer)
    response = _review(officer, item, status="approved-by-magic")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    item.refresh_from_db()
    assert item.reviewed_by is None


def test_an_engineer_may_not_review_someone_elses_evidence(officer, engineer):
    item = factories.evidence(officer)
    assert _review(engineer, item, status=Evidence.Review.ACCEPTED).status_code == 403
    item.refresh_from_db()
    assert item.reviewed_by is None


def test_an_auditor_may_read_but_never_review(officer, auditor):
    item = factories.evidence(officer, title="Pentest report")
    client = client_for(auditor)
    page = client.get(reverse("evidence:evidence-detail", args=[item.pk]))
    assert page.status_code == 200 and "Pentest report" in page.content.decode()
    assert f'action="{reverse("evidence:evidence-review", args=[item.pk])}"' not in page.content.decode()
    assert _review(auditor, item, status=Evidence.Review.ACCEPTED).status_code == 403
    item.refresh_from_db()
    assert item.reviewed_by is None


def test_an_auditor_whose_engagement_ended_is_signed_out(officer, auditor_ended):
    item = factories.evidence(officer)
    response = client_for(auditor_ended).get(reverse("evidence:evidence-detail", args=[item.pk]))
    assert response.status_code in (302, 403)
    assert "Pentest" not in response.content.decode()


def test_a_download_streams_the_file_as_an_attachment(officer):
    item = factories.evidence(officer, files=[factories.upload("scan results.pdf")])
    stored = EvidenceFile.objects.get(version__evidence=item)
    response = client_for(officer).get(reverse("evidence:file-download", args=[stored.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="scan_results.pdf"' in response["Content-Disposition"]  # the name as stored
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_download_of_a_file_that_does_not_exist_is_not_found(officer):
    assert client_for(officer).get(reverse("evidence:file-download", args=[999999])).status_code == 404


def test_a_stored_file_that_went_missing_says_so(officer):
    item = factories.evidence(officer)
    stored = EvidenceFile.objects.get(version__evidence=item)
    stored.file.storage.delete(stored.file.name)
    response = client_for(officer).get(reverse("evidence:file-download", args=[stored.pk]))
    assert response.status_code == 404


def test_someone_without_a_role_cannot_download(officer, outsider):
    stored = EvidenceFile.objects.get(version__evidence=factories.evidence(officer))
    assert client_for(outsider).get(reverse("evidence:file-download", args=[stored.pk])).status_code == 403


def test_a_token_is_shown_once_and_stored_only_as_a_digest(officer):
    client = client_for(officer)
    response = client.post(reverse("evidence:token-create"), {"name": "ci-pipeline"}, follow=True)
    assert response.status_code == 200
    token = ApiToken.objects.get(user=officer, name="ci-pipeline")
    html = response.content.decode()
    assert token.prefix in html
    listing = client.get(reverse("evidence:token-list")).content.decode()
    assert "ci-pipeline" in listing
    assert token.digest not in html and token.digest not in listing


def test_a_user_revokes_only_their_own_tokens(officer, engineer):
    client_for(engineer).post(reverse("evidence:token-create"), {"name": "engineer-ci"})
    token = ApiToken.objects.get(user=engineer)
    assert client_for(officer).post(reverse("evidence:token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.is_usable
    assert client_for(engineer).post(reverse("evidence:token-revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert not token.is_usable


def test_auditors_get_no_api_tokens(auditor):
    client = client_for(auditor)
    assert client.get(reverse("evidence:token-list")).status_code == 403
    assert client.post(reverse("evidence:token-create"), {"name": "sneaky"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_the_evidence_list_filters_by_review_status(officer):
    accepted = factories.evidence(officer, title="accepted-item")
    factories.evidence(officer, title="pending-item")
    _review(officer, accepted, status=Evidence.Review.ACCEPTED)
    html = client_for(officer).get(reverse("evidence:evidence-list"),
                                   {"review_status": Evidence.Review.ACCEPTED}).content.decode()
    assert "accepted-item" in html and "pending-item" not in html


def test_expired_evidence_is_marked_on_the_list(officer):
    today = timezone.localdate()
    factories.evidence(officer, title="old-scan", effective_date=today - datetime.timedelta(days=400),
                       valid_until=today - datetime.timedelta(days=1))
    html = client_for(officer).get(reverse("evidence:evidence-list")).content.decode()
    row = html[html.index("old-scan"):]
    row = row[: row.index("</tr>")]
    assert "text-bg-danger" in row
