"""The control page (catalogue text, decision, assets, risks, evidence) per role, the SoA list's
filters and sorting through query strings, and mapping assets to controls from the asset side."""

import pytest
from django.urls import reverse

from controls.models import Control, SoAEntry
from controls.services import update_soa_entry
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for
from tests.factories import soa_entry

pytestmark = pytest.mark.django_db
SOA = reverse("controls:soa-list")
HTMX = {"HTTP_HX_REQUEST": "true"}


def _detail(ref: str) -> str:
    return reverse("controls:control-detail", args=[Control.objects.get(ref=ref).pk])


def _refs(response) -> list[str]:
    return [row.control.ref for row in response.context["object_list"]]


# --- the control page -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "engineer", "auditor"])
def test_reading_roles_see_the_catalogue_text_of_a_control(personas, role):
    control = Control.objects.get(ref="8.28")
    html = client_for(personas[role]).get(_detail("8.28")).content.decode()
    assert "8.28 Secure coding" in html and "Technological" in html
    assert "Guidance for SLM deployments" in html
    assert control.guidance.split("\n")[0][:40] in html


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("anonymous", 302), ("auditor_ended", 302)])
def test_roles_without_the_catalogue_cannot_open_a_control(personas, role, status):
    assert client_for(personas[role]).get(_detail("8.28")).status_code == status


def test_unknown_control_is_404(officer):
    assert client_for(officer).get(reverse("controls:control-detail", args=[999999])).status_code == 404


def test_only_officers_are_offered_to_edit_the_decision(personas):
    edit = reverse("controls:soa-edit", args=[soa_entry("5.1").pk])
    assert edit in client_for(personas["officer"]).get(_detail("5.1")).content.decode()
    for role in ("engineer", "auditor"):
        assert edit not in client_for(personas[role]).get(_detail("5.1")).content.decode()


def test_control_page_shows_the_whole_decision(officer, engineer):
    officer.first_name, officer.last_name = "Olivia", "Stone"
    officer.save()
    update_soa_entry(soa_entry("5.23"), acting_user=officer, applicable=True, owner=officer,
                     justification="We run on two clouds.", implementation_status="implemented",
                     implementation="Cloud security baseline v3", assignees=[engineer])
    html = client_for(engineer).get(_detail("5.23")).content.decode()
    for text in ("We run on two clouds.", "Implemented", "Cloud security baseline v3", "Olivia Stone",
                 str(engineer)):
        assert text in html, text


def test_control_page_of_an_excluded_control_says_excluded(officer):
    update_soa_entry(soa_entry("7.6"), acting_user=officer, applicable=False,
                     justification="No secure areas.")
    html = client_for(officer).get(_detail("7.6")).content.decode()
    assert "Excluded" in html and "No secure areas." in html


def test_control_page_of_an_undecided_control_says_undecided_and_has_no_assets(officer):
    html = client_for(officer).get(_detail("5.37")).content.decode()
    assert "Undecided" in html and "No assets linked yet." in html


def test_control_page_lists_the_mapped_assets_with_their_kind(officer):
    asset = factories.AssetFactory(name="support-endpoint", kind="endpoint")
    update_soa_entry(soa_entry("8.20"), acting_user=officer, assets=[asset])
    html = client_for(officer).get(_detail("8.20")).content.decode()
    assert "support-endpoint" in html and "Inference endpoint" in html
    assert asset.get_absolute_url() in html


def test_control_page_lists_the_risks_it_treats(officer, auditor):
    control = Control.objects.get(ref="8.12")
    factories.risk(officer, title="Model leaks customer data", controls=[control])
    factories.risk(officer, title="Unrelated risk")
    html = client_for(auditor).get(_detail("8.12")).content.decode()
    assert "Model leaks customer data" in html and "Unrelated risk" not in html


def test_officer_links_a_risk_from_the_control_page_and_it_is_listed(officer):
    risk = factories.risk(officer, title="Tokens in logs")
    control = Control.objects.get(ref="8.15")
    response = client_for(officer).post(reverse("risks:control-risks-edit", args=[control.pk]),
                                        {"risks": [risk.pk]})
    assert response.status_code == 302
    assert "Tokens in logs" in client_for(officer).get(_detail("8.15")).content.decode()
    assert AuditEntry.objects.get_for_object(risk).filter(action=AuditEntry.Action.UPDATE).exists()


def test_auditor_is_not_offered_to_link_risks_and_cannot(officer, auditor):
    risk = factories.risk(officer, title="Tokens in logs")
    control = Control.objects.get(ref="8.15")
    url = reverse("risks:control-risks-edit", args=[control.pk])
    assert url not in client_for(auditor).get(_detail("8.15")).content.decode()
    assert client_for(auditor).post(url, {"risks": [risk.pk]}).status_code == 403
    assert not risk.controls.exists()


def test_control_page_lists_the_evidence_linked_to_it(officer, engineer):
    control = Control.objects.get(ref="8.13")
    factories.evidence(officer, controls=[control], title="Nightly backup restore test")
    factories.evidence(officer, title="Unlinked report")
    html = client_for(engineer).get(_detail("8.13")).content.decode()
    assert "Nightly backup restore test" in html and "Unlinked report" not in html


def test_assigned_engineer_attaches_evidence_that_then_shows_on_the_control(officer, engineer):
    control = Control.objects.get(ref="8.8")
    update_soa_entry(soa_entry("8.8"), acting_user=officer, assignees=[engineer])
    fresh = factories.engineer(username=engineer.username)
    factories.evidence(fresh, controls=[control], title="Trivy scan of the inference image")
    assert "Trivy scan of the inference image" in client_for(officer).get(_detail("8.8")).content.decode()


def test_unassigned_engineer_cannot_attach_evidence_to_a_control(engineer):
    from django.core.exceptions import PermissionDenied, ValidationError

    from evidence.models import Evidence

    with pytest.raises((PermissionDenied, ValidationError)):
        factories.evidence(engineer, controls=[Control.objects.get(ref="8.8")], title="Scan")
    assert not Evidence.objects.exists()


# --- the SoA list: filters and sorting through the query string -------------------------------


@pytest.fixture
def decided(officer, engineer):
    update_soa_entry(soa_entry("5.1"), acting_user=officer, applicable=True, justification="Policy set",
                     implementation_status="implemented", owner=officer)
    update_soa_entry(soa_entry("6.3"), acting_user=officer, applicable=True, justification="Training",
                     implementation_status="planned", owner=engineer)
    update_soa_entry(soa_entry("7.12"), acting_user=officer, applicable=False, justification="Cloud only",
                     implementation_status="implemented")
    update_soa_entry(soa_entry("8.24"), acting_user=officer, applicable=True, justification="KMS",
                     implementation_status="partial", owner=officer)


@pytest.mark.parametrize(("query", "refs"), [
    ({"status": "implemented"}, ["5.1"]),  # 7.12 is implemented but excluded
    ({"status": "excluded"}, ["7.12"]),
    ({"status": "planned"}, ["6.3"]),
    ({"applicable": "yes"}, ["5.1", "6.3", "8.24"]),
    ({"applicable": "yes", "theme": "technological"}, ["8.24"]),
    ({"theme": "people", "applicable": "yes"}, ["6.3"]),
    ({"no_justification": "false"}, ["5.1", "6.3", "7.12", "8.24"]),
])
def test_soa_filters_combine(officer, decided, query, refs):
    assert _refs(client_for(officer).get(SOA, query, **HTMX)) == refs


def test_soa_filters_by_owner_for_every_reader(personas, decided):
    owner = personas["officer"]
    for role in ("officer", "engineer", "auditor"):
        response = client_for(personas[role]).get(SOA, {"owner": owner.pk}, **HTMX)
        assert _refs(response) == ["5.1", "8.24"], role


def test_soa_theme_filter_counts_match_the_catalogue(officer):
    counts = {theme: len(_refs(client_for(officer).get(SOA, {"theme": theme}, **HTMX)))
              for theme in ("organizational", "people", "physical", "technological")}
    assert counts == {"organizational": 37, "people": 8, "physical": 14, "technological": 34}


def test_soa_sorts_by_status(officer, decided):
    refs = _refs(client_for(officer).get(SOA, {"applicable": "yes", "o": "status"}, **HTMX))
    assert refs == ["5.1", "8.24", "6.3"]  # implemented, partial, planned (alphabetical codes)


def test_soa_sorts_by_title_descending(officer):
    rows = client_for(officer).get(SOA, {"theme": "people", "o": "-title"}, **HTMX).context["object_list"]
    titles = [row.control.title for row in rows]
    assert titles == sorted(titles, reverse=True)


@pytest.mark.parametrize("query", [{"status": "bogus"}, {"theme": "astral"}, {"owner": "abc"},
                                   {"applicable": "maybe"}, {"o": "password"}])
def test_soa_answers_a_bad_filter_value_without_an_error_page(officer, query):
    response = client_for(officer).get(SOA, query)
    assert response.status_code == 200


def test_soa_bad_filter_value_lists_nothing_rather_than_everything(officer):
    """A mistyped filter must not look like "every control matches"."""
    response = client_for(officer).get(SOA, {"status": "bogus"}, **HTMX)
    assert len(response.context["object_list"]) == 0


def test_soa_htmx_answer_is_the_rows_only(officer):
    response = client_for(officer).get(SOA, {"theme": "physical"}, **HTMX)
    assert b"<html" not in response.content and b"7.12" in response.content


def test_soa_page_keeps_the_filters_in_its_query_string(officer):
    response = client_for(officer).get(SOA, {"theme": "physical", "page": "1"})
    assert response.context["querystring"] == "theme=physical"


# --- mapping an asset to controls (asset side) ------------------------------------------------


def test_mapping_form_starts_from_the_current_mapping(officer):
    asset = factories.AssetFactory()
    update_soa_entry(soa_entry("8.24"), acting_user=officer, assets=[asset])
    response = client_for(officer).get(reverse("controls:asset-controls-edit", args=[asset.pk]))
    assert [c.ref for c in response.context["form"].initial["controls"]] == ["8.24"]


def test_unmapping_every_control_from_the_asset_side(officer):
    asset = factories.AssetFactory()
    update_soa_entry(soa_entry("8.24"), acting_user=officer, assets=[asset])
    response = client_for(officer).post(reverse("controls:asset-controls-edit", args=[asset.pk]), {})
    assert response.status_code == 302 and not asset.soa_entries.exists()


def test_mapping_an_unknown_control_is_refused_and_nothing_changes(officer):
    asset = factories.AssetFactory()
    response = client_for(officer).post(reverse("controls:asset-controls-edit", args=[asset.pk]),
                                        {"controls": ["999999"]})
    assert response.status_code == 200 and response.context["form"].errors["controls"]
    assert not asset.soa_entries.exists()


def test_mapping_an_unknown_asset_is_404(officer):
    url = reverse("controls:asset-controls-edit", args=[999999])
    assert client_for(officer).get(url).status_code == 404


def test_asset_side_mapping_is_audited_on_each_soa_entry(officer):
    asset = factories.AssetFactory(name="feature-store")
    client_for(officer).post(reverse("controls:asset-controls-edit", args=[asset.pk]),
                             {"controls": [Control.objects.get(ref=r).pk for r in ("5.9", "8.10")]})
    for ref in ("5.9", "8.10"):
        updates = AuditEntry.objects.get_for_object(soa_entry(ref)).filter(action=AuditEntry.Action.UPDATE)
        assert any(e.changes_dict.get("assets", {}).get("objects") == ["feature-store"] for e in updates)


@pytest.mark.parametrize("role", ["engineer", "auditor"])
def test_readers_are_not_offered_the_mapping_form(personas, role):
    asset = factories.AssetFactory()
    response = client_for(personas[role]).get(reverse("controls:asset-controls-edit", args=[asset.pk]))
    assert response.status_code == 403


def test_every_control_keeps_exactly_one_soa_entry_after_mapping(officer):
    asset = factories.AssetFactory()
    client_for(officer).post(reverse("controls:asset-controls-edit", args=[asset.pk]),
                             {"controls": [Control.objects.get(ref="5.9").pk]})
    assert SoAEntry.objects.count() == Control.objects.count() == 93
