"""Who may request, see and download audit packs, role by role, through the pages a user opens."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from isms.models import AuditEntry
from packs.models import AuditPack
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
CREATE = reverse("packs:pack-create")
LIST = reverse("packs:pack-list")
TODAY = timezone.localdate


def _pack(officer, engagement=None, status=AuditPack.Status.QUEUED, **fields) -> AuditPack:
    return AuditPack.objects.create(
        requested_by=officer, as_of=TODAY(), engagement=engagement, status=status, **fields
    )


def _ready(officer, engagement=None, pdf=b"%PDF-1.4\n% pack\n", archive=b"PK\x05\x06" + b"\x00" * 18):
    """A ready pack with small stand-in files (the build is tested in test_pack_contents)."""
    pack = AuditPack(requested_by=officer, as_of=TODAY(), engagement=engagement,
                     status=AuditPack.Status.READY, stage="done", progress=100, page_count=1, file_count=0)
    pack.pdf.save("audit-pack.pdf", ContentFile(pdf), save=False)
    pack.zip.save("audit-pack.zip", ContentFile(archive), save=False)
    pack.save()
    return pack


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _accesses(pack, user=None):
    entries = AuditEntry.objects.get_for_object(pack).filter(action=AuditEntry.Action.ACCESS)
    return entries.filter(actor=user) if user else entries


# --- requesting ------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("engineer", 403)])
def test_roles_without_packs_cannot_open_or_post_the_request_form(personas, role, status):
    client = client_for(personas[role])
    assert client.get(CREATE).status_code == status
    assert client.post(CREATE, {"as_of": TODAY()}).status_code == status
    assert not AuditPack.objects.exists()


def test_anonymous_is_sent_to_log_in_and_nothing_is_queued(client):
    response = client.post(CREATE, {"as_of": TODAY()})
    assert response.status_code == 302 and "login" in response.url
    assert not AuditPack.objects.exists()


def test_auditor_whose_engagement_ended_cannot_request_a_pack_of_it(auditor_ended):
    engagement = auditor_ended.audit_engagements.get()
    response = client_for(auditor_ended).post(CREATE, {"as_of": TODAY(), "engagement": engagement.pk})
    assert response.status_code == 302 and "login" in response.url
    assert not AuditPack.objects.exists()


def test_officer_may_request_a_pack_for_any_engagement(officer):
    engagement = factories.AuditEngagementFactory(name="Surveillance audit 2026")
    response = client_for(officer).post(CREATE, {"as_of": TODAY(), "engagement": engagement.pk})
    pack = AuditPack.objects.get()
    assert response.status_code == 302 and response.url == pack.get_absolute_url()
    assert pack.engagement == engagement and pack.requested_by == officer


def test_officer_may_request_a_pack_of_an_earlier_date(officer):
    as_of = TODAY() - datetime.timedelta(days=30)
    client_for(officer).post(CREATE, {"as_of": as_of.isoformat()})
    assert AuditPack.objects.get().as_of == as_of


def test_request_form_offers_the_officer_every_engagement_and_no_engagement(officer):
    running = factories.AuditEngagementFactory(name="Stage 1")
    ended = factories.AuditEngagementFactory(
        name="Last year", start_date=TODAY() - datetime.timedelta(days=400),
        end_date=TODAY() - datetime.timedelta(days=300),
    )
    field = client_for(officer).get(CREATE).context["form"].fields["engagement"]
    assert set(field.queryset) == {running, ended} and field.required is False


def test_request_form_offers_the_auditor_only_their_running_engagement(auditor):
    own = auditor.audit_engagements.get()
    factories.AuditEngagementFactory(name="Someone else's")
    field = client_for(auditor).get(CREATE).context["form"].fields["engagement"]
    assert list(field.queryset) == [own] and field.required is True


def test_auditor_cannot_request_an_internal_pack(auditor):
    response = client_for(auditor).post(CREATE, {"as_of": TODAY()})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not AuditPack.objects.exists()


def test_auditor_request_is_audited_with_the_auditor_as_actor(auditor):
    engagement = auditor.audit_engagements.get()
    client_for(auditor).post(CREATE, {"as_of": TODAY(), "engagement": engagement.pk})
    pack = AuditPack.objects.get()
    entry = AuditEntry.objects.get_for_object(pack).get(action=AuditEntry.Action.CREATE)
    assert entry.actor == auditor and pack.requested_by == auditor


@pytest.mark.parametrize("as_of", ["", "yesterday", "2026-02-30"])
def test_request_form_refuses_a_missing_or_malformed_date_and_queues_nothing(officer, as_of):
    response = client_for(officer).post(CREATE, {"as_of": as_of})
    assert response.status_code == 200 and response.context["form"].errors["as_of"]
    assert not AuditPack.objects.exists()


def test_request_form_refuses_an_unknown_engagement(officer):
    response = client_for(officer).post(CREATE, {"as_of": TODAY(), "engagement": 999999})
    assert response.status_code == 200 and response.context["form"].errors["engagement"]
    assert not AuditPack.objects.exists()


def test_a_refused_request_writes_no_audit_entry(officer):
    before = AuditEntry.objects.count()
    client_for(officer).post(CREATE, {"as_of": (TODAY() + datetime.timedelta(days=3)).isoformat()})
    assert AuditEntry.objects.count() == before


# --- seeing --------------------------------------------------------------------------------


def test_officer_sees_every_pack_internal_and_of_each_engagement(officer, auditor):
    packs = {_pack(officer), _pack(officer, auditor.audit_engagements.get()),
             _pack(officer, factories.AuditEngagementFactory())}
    listed = client_for(officer).get(LIST).context["object_list"]
    assert set(listed) == packs


def test_auditor_with_two_engagements_sees_the_packs_of_both(officer, auditor):
    first = auditor.audit_engagements.get()
    second = factories.AuditEngagementFactory(auditors=[auditor])
    own = {_pack(officer, first), _pack(officer, second)}
    _pack(officer, factories.AuditEngagementFactory())
    assert set(client_for(auditor).get(LIST).context["object_list"]) == own


def test_auditor_does_not_see_the_packs_of_a_colleagues_engagement(officer, auditor):
    colleague = factories.auditor(username="colleague")
    theirs = _pack(officer, colleague.audit_engagements.get())
    client = client_for(auditor)
    assert list(client.get(LIST).context["object_list"]) == []
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_auditor_filtering_by_another_engagement_still_sees_nothing_of_it(officer, auditor):
    other = factories.AuditEngagementFactory()
    _pack(officer, other)
    response = client_for(auditor).get(LIST, {"engagement": other.pk})
    assert response.status_code == 200 and list(response.context["object_list"]) == []


def test_pack_list_filters_by_status(officer):
    failed = _pack(officer, status=AuditPack.Status.FAILED, error="boom")
    _pack(officer, status=AuditPack.Status.QUEUED)
    listed = client_for(officer).get(LIST, {"status": "failed"}).context["object_list"]
    assert list(listed) == [failed]


def test_pack_list_filters_by_engagement(officer):
    engagement = factories.AuditEngagementFactory()
    of_engagement = _pack(officer, engagement)
    _pack(officer)
    listed = client_for(officer).get(LIST, {"engagement": engagement.pk}).context["object_list"]
    assert list(listed) == [of_engagement]


def test_pack_list_shows_newest_first(officer):
    older, newer = _pack(officer), _pack(officer)
    assert list(client_for(officer).get(LIST).context["object_list"]) == [newer, older]


def test_pack_list_ignores_an_unknown_status_filter_value(officer):
    _pack(officer)
    response = client_for(officer).get(LIST, {"status": "exploded"})
    assert response.status_code == 200


def test_auditor_ended_is_signed_out_of_the_pack_pages(officer, auditor_ended):
    pack = _ready(officer, auditor_ended.audit_engagements.get())
    client = client_for(auditor_ended)
    for url in (LIST, pack.get_absolute_url(), reverse("packs:pack-pdf", args=[pack.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url, url
    assert not _accesses(pack).exists()


# --- the pack page and its failures --------------------------------------------------------


def test_failed_pack_shows_its_error_and_offers_no_download(officer):
    pack = _pack(officer, status=AuditPack.Status.FAILED, stage="bundling evidence",
                 error="Evidence 'Firewall export' file fw.json is missing from storage.")
    html = client_for(officer).get(pack.get_absolute_url()).content.decode()
    assert "Failed" in html and "Evidence &#x27;Firewall export&#x27; file fw.json is missing" in html
    assert reverse("packs:pack-pdf", args=[pack.pk]) not in html


def test_failed_pack_files_cannot_be_downloaded(officer):
    pack = _pack(officer, status=AuditPack.Status.FAILED, error="boom")
    client = client_for(officer)
    assert client.get(reverse("packs:pack-pdf", args=[pack.pk])).status_code == 404
    assert client.get(reverse("packs:pack-zip", args=[pack.pk])).status_code == 404


def test_ready_pack_page_shows_the_hashes_and_download_links(officer):
    pack = _ready(officer)
    html = client_for(officer).get(pack.get_absolute_url()).content.decode()
    assert reverse("packs:pack-pdf", args=[pack.pk]) in html
    assert reverse("packs:pack-zip", args=[pack.pk]) in html
    assert "SHA-256 of manifest.json" in html and 'hx-trigger' not in html


def test_queued_pack_page_polls_for_progress(officer):
    pack = _pack(officer)
    html = client_for(officer).get(pack.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in html and "Queued" in html


def test_pack_page_names_the_engagement_and_the_requester(officer):
    officer.first_name, officer.last_name = "Olivia", "Stone"
    officer.save()
    pack = _pack(officer, factories.AuditEngagementFactory(name="Stage 2 audit"))
    html = client_for(officer).get(pack.get_absolute_url()).content.decode()
    assert "Requested by Olivia Stone" in html and "for Stage 2 audit" in html


def test_unknown_pack_is_404(officer):
    assert client_for(officer).get(reverse("packs:pack-detail", args=[424242])).status_code == 404


# --- downloads -----------------------------------------------------------------------------


def test_officer_downloads_the_pdf_with_a_dated_file_name(officer):
    pack = _ready(officer, pdf=b"%PDF-1.4\n% the pack itself\n")
    response = client_for(officer).get(reverse("packs:pack-pdf", args=[pack.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="audit-pack-{pack.pk}-{pack.as_of:%Y-%m-%d}.pdf"' in response["Content-Disposition"]
    assert _body(response) == b"%PDF-1.4\n% the pack itself\n"


def test_officer_downloads_the_zip_bundle(officer):
    pack = _ready(officer)
    response = client_for(officer).get(reverse("packs:pack-zip", args=[pack.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert _body(response).startswith(b"PK")


def test_every_download_is_recorded_for_officers_too(officer):
    pack = _ready(officer)
    client = client_for(officer)
    for _ in range(2):
        _body(client.get(reverse("packs:pack-pdf", args=[pack.pk])))
    assert _accesses(pack, officer).count() == 2


def test_auditor_cannot_download_a_pack_of_another_engagement_and_no_access_is_recorded(officer, auditor):
    pack = _ready(officer, factories.AuditEngagementFactory())
    client = client_for(auditor)
    assert client.get(reverse("packs:pack-pdf", args=[pack.pk])).status_code == 404
    assert client.get(reverse("packs:pack-zip", args=[pack.pk])).status_code == 404
    assert not _accesses(pack).exists()


def test_auditor_cannot_download_an_internal_pack(officer, auditor):
    pack = _ready(officer)
    assert client_for(auditor).get(reverse("packs:pack-pdf", args=[pack.pk])).status_code == 404


def test_engineer_cannot_download_and_nothing_is_recorded(officer, engineer):
    pack = _ready(officer)
    assert client_for(engineer).get(reverse("packs:pack-pdf", args=[pack.pk])).status_code == 403
    assert not _accesses(pack).exists()


def test_anonymous_download_goes_to_log_in(client, officer):
    pack = _ready(officer)
    response = client.get(reverse("packs:pack-zip", args=[pack.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_download_of_a_file_gone_from_storage_is_a_clear_404(officer):
    pack = _ready(officer)
    pack.pdf.storage.delete(pack.pdf.name)
    response = client_for(officer).get(reverse("packs:pack-pdf", args=[pack.pk]))
    assert response.status_code == 404
    assert not _accesses(pack).exists()


def test_downloads_refuse_post(officer):
    pack = _ready(officer)
    assert client_for(officer).post(reverse("packs:pack-pdf", args=[pack.pk])).status_code == 405


def test_the_auditors_download_is_recorded_under_their_name_not_the_requesters(officer, auditor):
    pack = _ready(officer, auditor.audit_engagements.get())
    _body(client_for(auditor).get(reverse("packs:pack-zip", args=[pack.pk])))
    assert _accesses(pack, auditor).count() == 1 and not _accesses(pack, officer).exists()
