import pytest
from django.urls import reverse

from evidence.models import Evidence
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for

PDF = b"%PDF-1.4\n% test\n1 0 obj\n<<>>\nendobj\n"


@pytest.mark.django_db
def test_officer_adds_evidence_through_the_form(officer):
    response = client_for(officer).post(
        reverse("evidence:evidence-create"),
        {
            "title": "Access review Q3",
            "effective_date": "2026-10-01",
            "valid_until": "2027-01-01",
            "files": [factories.upload("review.pdf", PDF)],
        },
    )
    item = Evidence.objects.get()
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert item.versions.get().files.get().original_name == "review.pdf"
    assert AuditEntry.objects.filter(object_repr="Access review Q3", action=AuditEntry.Action.CREATE).exists()


@pytest.mark.django_db
def test_form_shows_a_bad_file_error_and_saves_nothing(officer):
    response = client_for(officer).post(
        reverse("evidence:evidence-create"),
        {
            "title": "Empty",
            "effective_date": "2026-10-01",
            "files": [factories.upload("empty.txt", b"")],
        },
    )
    assert response.status_code == 200
    assert "is empty" in response.content.decode() or "submitted file is empty" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_form_refuses_a_validity_that_ends_before_it_starts(officer):
    response = client_for(officer).post(
        reverse("evidence:evidence-create"),
        {
            "title": "x",
            "effective_date": "2026-10-01",
            "valid_until": "2026-09-01",
            "files": [factories.upload()],
        },
    )
    assert "cannot expire before" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_auditor_downloads_a_file_and_the_download_is_recorded(officer, auditor):
    item = factories.evidence(officer)
    stored = item.versions.get().files.get()
    response = client_for(auditor).get(reverse("evidence:file-download", args=[stored.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.upload().read()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == auditor and entry.object_pk == str(stored.pk)


@pytest.mark.django_db
def test_superseded_versions_stay_downloadable(officer):
    from evidence.services import add_evidence_version

    item = factories.evidence(officer)
    add_evidence_version(acting_user=officer, evidence=item, files=[factories.upload("v2.txt", b"v2\n")])
    first = item.versions.get(number=1).files.get()
    assert client_for(officer).get(reverse("evidence:file-download", args=[first.pk])).status_code == 200


@pytest.mark.django_db
def test_engineer_adds_a_version_to_their_own_evidence_only(officer, engineer):
    from guardian.shortcuts import assign_perm

    asset = factories.AssetFactory(owner=engineer)
    assign_perm("assets.change_asset", engineer, asset)
    own = factories.evidence(engineer, assets=[asset])
    theirs = factories.evidence(officer)
    client = client_for(engineer)
    data = {"files": [factories.upload("v2.txt", b"v2\n")]}
    assert client.post(reverse("evidence:evidence-version-add", args=[own.pk]), data).status_code == 302
    data = {"files": [factories.upload("v2.txt", b"v2\n")]}
    assert client.post(reverse("evidence:evidence-version-add", args=[theirs.pk]), data).status_code == 403
    assert theirs.versions.count() == 1


@pytest.mark.django_db
def test_officer_creates_a_token_and_sees_the_key_once(officer):
    client = client_for(officer)
    response = client.post(reverse("evidence:token-create"), {"name": "GitLab CI"})
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert key not in client.get(reverse("evidence:token-list")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_evidence_list_query_count_is_constant(officer, rows, django_assert_max_num_queries):
    asset = factories.AssetFactory()
    from controls.models import Control

    control = Control.objects.get(ref="8.25")
    for i in range(rows):
        factories.evidence(officer, title=f"e{i}", controls=[control], assets=[asset])
    client = client_for(officer)
    with django_assert_max_num_queries(11):  # without a shared cache: the session, groups and permissions too
        response = client.get(reverse("evidence:evidence-list"))
    assert len(response.context["object_list"]) == rows
    with django_assert_max_num_queries(8):  # the rows and filter kept (isms.fragments)
        assert client.get(reverse("evidence:evidence-list")).status_code == 200
    with django_assert_max_num_queries(13):  # and the asset: validated, then its name for the select
        response = client.get(reverse("evidence:evidence-list"), {"asset": asset.pk})
    assert len(response.context["object_list"]) == rows


@pytest.mark.django_db
def test_evidence_list_asset_filter_lists_only_the_selected_asset(officer):
    import re

    assets = factories.AssetFactory.create_batch(60)
    factories.evidence(officer, title="about the first", assets=[assets[0]])
    factories.evidence(officer, title="about the second", assets=[assets[1]])
    client = client_for(officer)
    response = client.get(reverse("evidence:evidence-list"), {"asset": assets[1].pk, "q": "about"})
    assert [e.title for e in response.context["object_list"]] == ["about the second"]
    html = response.content.decode()
    select = html[html.index('<select name="asset"'):]
    assert re.findall(r'<option value="(\d+)"', select[: select.index("</select>")]) == [str(assets[1].pk)]
    # The list's own search box keeps its value; the asset search box is a separate input.
    assert 'name="q" value="about"' in html
    bad = client.get(reverse("evidence:evidence-list"), {"asset": "abc"})
    assert bad.context["filter"].errors["asset"] and list(bad.context["object_list"]) == []


@pytest.mark.django_db
def test_dashboard_counts_expired_expiring_and_current_evidence(officer):
    from isms.dates import days_from_today

    factories.evidence(officer, effective_date=days_from_today(-90), valid_until=days_from_today(-1))
    factories.evidence(officer, valid_until=days_from_today(10))
    factories.evidence(officer, valid_until=None)
    response = client_for(officer).get(reverse("dashboard"))
    panel = next(p for p in response.context["panels"] if p["template"].startswith("evidence/"))
    assert panel["counts"] == {"expired": 1, "expiring": 1, "current": 1, "pending": 3}


@pytest.mark.django_db
def test_soa_shows_which_applicable_controls_lack_valid_evidence(officer):
    from controls.models import Control
    from controls.services import update_soa_entry

    for ref in ("8.25", "8.28"):
        update_soa_entry(acting_user=officer, entry=factories.soa_entry(ref), applicable=True,
                         justification="SLM code and pipelines")
    factories.evidence(officer, controls=[Control.objects.get(ref="8.25")])
    html = client_for(officer).get(reverse("controls:soa-list")).content.decode()
    row_825 = html.split('data-testid="soa-row-8.25"')[1].split("</tr>")[0]
    row_828 = html.split('data-testid="soa-row-8.28"')[1].split("</tr>")[0]
    assert "1 valid" in row_825
    assert "no valid evidence" in row_828


@pytest.mark.django_db
def test_control_page_lists_its_evidence(officer):
    from controls.models import Control

    control = Control.objects.get(ref="8.25")
    factories.evidence(officer, title="SAST report", controls=[control])
    html = client_for(officer).get(reverse("controls:control-detail", args=[control.pk])).content.decode()
    assert "SAST report" in html


@pytest.mark.django_db
def test_asset_page_lists_its_evidence_and_controls(officer):
    from controls.services import set_asset_controls

    asset = factories.AssetFactory(name="support-endpoint")
    factories.evidence(officer, title="Pen test of the endpoint", assets=[asset])
    set_asset_controls(acting_user=officer, asset=asset, controls=[factories.soa_entry("8.5").control])
    html = client_for(officer).get(reverse("assets:asset-detail", args=[asset.pk])).content.decode()
    assert "Pen test of the endpoint" in html
    assert "8.5 Secure authentication" in html
