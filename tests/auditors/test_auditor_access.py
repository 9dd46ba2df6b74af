"""Every page an auditor opens and every file they download is logged (issue #10)."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from auditors.models import AuditorAccess
from evidence.models import EvidenceFile
from tests import factories
from tests.conftest import client_for


@pytest.mark.django_db
def test_auditor_page_view_is_logged_once(auditor):
    client = client_for(auditor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("assets:asset-list")).status_code == 200
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "isms_auditoraccess"')]
    assert len(inserts) == 1
    row = AuditorAccess.objects.get()
    assert row.engagement == auditor.audit_engagements.get()
    assert (row.user, row.method, row.path, row.view_name, row.kind, row.status_code) == (
        auditor, "GET", "/assets/", "assets:asset-list", "page", 200
    )


@pytest.mark.django_db
def test_an_auditor_on_two_engagements_is_logged_in_both(auditor):
    first = auditor.audit_engagements.get()
    second = factories.AuditEngagementFactory(name="Surveillance audit")
    second.auditors.add(auditor)
    other = factories.AuditEngagementFactory(name="Someone else's")
    client = client_for(auditor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("assets:asset-list")).status_code == 200
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "isms_auditoraccess"')]
    assert len(inserts) == 1
    rows = AuditorAccess.objects.order_by("engagement_id")
    assert [row.engagement for row in rows] == sorted([first, second], key=lambda e: e.pk)
    assert {row.path for row in rows} == {"/assets/"} and not other.accesses.exists()


@pytest.mark.django_db
def test_auditor_detail_page_names_the_object(auditor, officer):
    asset = factories.AssetFactory(owner=officer, name="support-slm")
    client_for(auditor).get(asset.get_absolute_url())
    row = AuditorAccess.objects.get()
    assert (row.content_type.model, row.object_id, row.object_repr) == ("asset", str(asset.pk), str(asset))


@pytest.mark.django_db
def test_auditor_download_is_logged_as_a_download(auditor, officer):
    item = factories.evidence(officer)
    file = item.versions.get().files.get()
    response = client_for(auditor).get(reverse("evidence:file-download", args=[file.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    row = AuditorAccess.objects.get()
    assert row.kind == "download" and row.content_type.model_class() is EvidenceFile
    assert row.object_id == str(file.pk)


@pytest.mark.django_db
def test_refused_write_by_an_auditor_is_logged(auditor):
    client_for(auditor).post(reverse("assets:asset-create"), {"name": "x"})
    row = AuditorAccess.objects.get()
    assert (row.method, row.status_code) == ("POST", 403)


@pytest.mark.django_db
def test_static_files_and_other_roles_are_not_logged(auditor, officer):
    client_for(auditor).get("/static/css/isms.css")
    client_for(officer).get(reverse("assets:asset-list"))
    assert not AuditorAccess.objects.exists()


@pytest.mark.django_db
def test_officer_filters_the_access_log_and_exports_it(auditor, officer):
    other = factories.auditor(username="bob")
    engagement = auditor.audit_engagements.get()
    engagement.auditors.add(other)
    client_for(auditor).get(reverse("assets:asset-list"))
    client_for(other).get(reverse("dashboard"))
    client = client_for(officer)
    url = reverse("auditors:engagement-access", args=[engagement.pk])
    rows = client.get(url, {"user": auditor.pk}).context["object_list"]
    assert [r.path for r in rows] == ["/assets/"]
    url = reverse("auditors:engagement-access-export", args=[engagement.pk])
    response = client.get(url, {"user": auditor.pk})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0][:4] == ["at", "auditor", "method", "path"]
    assert [r[1:4] for r in table[1:]] == [["ada", "GET", "/assets/"]]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_access_log_query_count_is_constant(auditor, officer, rows, django_assert_max_num_queries):
    engagement = auditor.audit_engagements.get()
    for n in range(rows):
        AuditorAccess.objects.create(engagement=engagement, user=auditor, method="GET", path=f"/p{n}",
                                     status_code=200, content_type_id=None)
    client = client_for(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("auditors:engagement-access", args=[engagement.pk]))
    assert len(response.context["object_list"]) == rows
