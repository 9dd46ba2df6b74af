import pytest
from django.urls import reverse
from django.utils import timezone

from isms.models import AuditEntry
from packs.models import AuditPack
from tests import factories
from tests.access.packs import _ready_pack
from tests.conftest import client_for


def _pack(user, engagement=None, **fields) -> AuditPack:
    return AuditPack.objects.create(
        requested_by=user, as_of=timezone.localdate(), engagement=engagement, **fields
    )


@pytest.mark.django_db
def test_officer_requests_a_pack_and_lands_on_its_progress_page(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(officer).post(reverse("packs:pack-create"), {"as_of": timezone.localdate()})
    pack = AuditPack.objects.get()
    assert response.status_code == 302 and response.url == pack.get_absolute_url()
    assert pack.requested_by == officer and pack.status == AuditPack.Status.QUEUED
    assert len(callbacks) == 1  # the build is enqueued once the request's transaction commits
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_pk=str(pack.pk)).exists()


@pytest.mark.django_db
def test_request_form_refuses_a_future_date_and_saves_nothing(officer):
    response = client_for(officer).post(reverse("packs:pack-create"), {"as_of": "2999-01-01"})
    assert response.status_code == 200 and "cannot be dated in the future" in response.content.decode()
    assert not AuditPack.objects.exists()


@pytest.mark.django_db
def test_auditor_requests_a_pack_for_their_engagement(auditor):
    engagement = auditor.audit_engagements.get()
    response = client_for(auditor).post(
        reverse("packs:pack-create"), {"as_of": timezone.localdate(), "engagement": engagement.pk}
    )
    assert response.status_code == 302
    assert AuditPack.objects.get().engagement == engagement


@pytest.mark.django_db
def test_auditor_cannot_request_a_pack_for_another_engagement(auditor):
    other = factories.AuditEngagementFactory()
    response = client_for(auditor).post(
        reverse("packs:pack-create"), {"as_of": timezone.localdate(), "engagement": other.pk}
    )
    assert response.status_code == 200 and not AuditPack.objects.exists()


@pytest.mark.django_db
def test_auditor_sees_only_the_packs_of_their_engagement(auditor, officer):
    own = _pack(officer, auditor.audit_engagements.get())
    internal = _pack(officer)
    other = _pack(officer, factories.AuditEngagementFactory())
    client = client_for(auditor)
    listed = client.get(reverse("packs:pack-list")).context["object_list"]
    assert list(listed) == [own]
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_engineer_cannot_see_packs(engineer, officer):
    pack = _pack(officer)
    client = client_for(engineer)
    assert client.get(reverse("packs:pack-list")).status_code == 403
    assert client.get(pack.get_absolute_url()).status_code == 403


@pytest.mark.django_db
def test_progress_partial_polls_while_building_and_stops_when_done(officer):
    pack = _pack(officer, status=AuditPack.Status.BUILDING, stage="rendering section 3/10", progress=47)
    client = client_for(officer)
    partial = client.get(pack.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in partial and "rendering section 3/10" in partial
    assert "pack-progress-45" in partial and "<html" not in partial
    AuditPack.objects.filter(pk=pack.pk).update(
        status=AuditPack.Status.FAILED, error="Evidence file x is missing"
    )
    partial = client.get(pack.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial and "Evidence file x is missing" in partial


@pytest.mark.django_db
def test_auditor_downloads_are_recorded(personas):
    pk = _ready_pack(personas)["pk"]
    auditor = personas["auditor"]
    for name in ("packs:pack-pdf", "packs:pack-zip"):
        response = client_for(auditor).get(reverse(name, args=[pk]))
        assert response.status_code == 200
        b"".join(response.streaming_content)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_pk=str(pk), actor=auditor)
    assert entries.count() == 2


@pytest.mark.django_db
def test_unfinished_pack_has_nothing_to_download(officer):
    pack = _pack(officer, status=AuditPack.Status.BUILDING)
    assert client_for(officer).get(reverse("packs:pack-pdf", args=[pack.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 50])
def test_pack_list_queries_stay_constant(officer, django_assert_max_num_queries, count):
    engagement = factories.AuditEngagementFactory()
    for n in range(count):
        _pack(officer, engagement if n % 2 else None, status=AuditPack.Status.READY, page_count=10,
              zip_size=1000)
    client = client_for(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("packs:pack-list"))
    assert response.status_code == 200 and len(response.context["object_list"]) == count


@pytest.mark.django_db
def test_request_form_offers_today_in_the_date_input_format(officer):
    page = client_for(officer).get(reverse("packs:pack-create")).content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page


@pytest.mark.django_db
def test_dashboard_panel_lists_the_latest_packs_each_role_may_see(auditor, officer, engineer):
    own = _pack(officer, auditor.audit_engagements.get())
    internal = _pack(officer)
    officer_page = client_for(officer).get(reverse("dashboard")).content.decode()
    assert 'data-testid="panel-packs"' in officer_page and "Build an audit pack" in officer_page
    assert f"#{own.pk}</a>" in officer_page and f"#{internal.pk}</a>" in officer_page
    auditor_page = client_for(auditor).get(reverse("dashboard")).content.decode()
    assert f"#{own.pk}</a>" in auditor_page and f"#{internal.pk}</a>" not in auditor_page
    assert "Build an audit pack" not in auditor_page
    assert 'data-testid="panel-packs"' not in client_for(engineer).get(reverse("dashboard")).content.decode()
