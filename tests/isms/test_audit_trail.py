import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from auditors.models import AuditEngagement
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.mark.django_db
def test_a_change_through_the_web_is_logged_with_its_actor(admin_user):
    engagement = factories.AuditEngagementFactory(name="Stage 1")
    url = reverse("admin:auditors_auditengagement_change", args=[engagement.pk])
    response = client_for(admin_user).post(url, {
        "name": "Stage 1 audit", "audit_firm": "Northbridge Certification Ltd",
        "start_date": engagement.start_date, "end_date": engagement.end_date,
    })
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == admin_user
    assert entry.changes_dict["name"] == ["Stage 1", "Stage 1 audit"]


@pytest.mark.django_db
def test_officer_filters_the_audit_trail_by_record_and_date(officer):
    factories.AuditEngagementFactory(name="Surveillance audit 2026")
    factories.AuditEngagementFactory(name="Stage 2 audit")
    client = client_for(officer)
    today = timezone.localdate()
    response = client.get(reverse("audittrail-list"), {
        "object": "Surveillance", "since": today.isoformat(), "until": today.isoformat(),
    })
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert [r.object_repr for r in rows] == ["Surveillance audit 2026 (Northbridge Certification Ltd)"]
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert not client.get(reverse("audittrail-list"), {"since": tomorrow}).context["object_list"]


@pytest.mark.django_db
def test_audit_trail_filter_by_user_returns_only_their_changes(officer, admin_user):
    client_for(admin_user).post(reverse("admin:auditors_auditengagement_add"), {
        "name": "By admin", "audit_firm": "X", "start_date": "2026-01-01", "end_date": "2026-02-01",
    })
    factories.AuditEngagementFactory(name="By nobody")
    response = client_for(officer).get(reverse("audittrail-list"), {"actor": admin_user.pk})
    assert {r.actor for r in response.context["object_list"]} == {admin_user}


@pytest.mark.django_db
def test_audit_trail_htmx_request_gets_only_the_rows(officer):
    response = client_for(officer).get(reverse("audittrail-list"), HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "isms/_audittrail_rows.html"
    assert b"<nav class=\"navbar" not in response.content and b"<table" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_audit_trail_query_count_is_constant(officer, rows, django_assert_max_num_queries):
    for _ in range(rows):
        factories.AuditEngagementFactory(auditors=[factories.UserFactory()])
    assert AuditEntry.objects.count() >= rows
    client = client_for(officer)
    # The first request after a change renders the rows and the filter's options; the next
    # finds them kept under the same head of the audit trail (isms.fragments). Without a shared
    # cache (CACHE_URL) the session, groups and permissions are read on each request too.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("audittrail-list"))
    assert response.status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get(reverse("audittrail-list")).status_code == 200


@pytest.mark.django_db
def test_engagement_cannot_end_before_it_starts():
    engagement = AuditEngagement(name="x", audit_firm="y", start_date=datetime.date(2026, 5, 2),
                                 end_date=datetime.date(2026, 5, 1))
    with pytest.raises(Exception, match="cannot end before"):
        engagement.full_clean()


@pytest.mark.django_db
def test_the_trail_shows_each_change_cut_to_length_and_links_added(officer, engineer):
    from assets.services.assets import update_asset

    asset = factories.AssetFactory(owner=officer, name="gateway")
    update_asset(acting_user=officer, asset=asset, name="g" * 70 + "<b>", assignees=[engineer])
    page = client_for(officer).get(reverse("audittrail-list")).content.decode()
    cut = "g" * 59 + "…"
    assert ('<strong>name</strong>: <span class="text-danger">gateway</span> → '
            f'<span class="text-success">{cut}</span>') in page
    assert f"<strong>assignees</strong>: add {engineer}" in page
    assert "<b>" not in page.split("<strong>name</strong>")[1].split("</li>")[0]
