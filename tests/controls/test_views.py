import pytest
from django.urls import reverse

from controls.models import Control, SoAEntry
from controls.services import update_soa_entry
from tests.conftest import client_for
from tests.factories import AssetFactory, soa_entry
from tests.factories import engineer as make_engineer

pytestmark = pytest.mark.django_db
SOA_LIST = reverse("controls:soa-list")
HTMX = {"HTTP_HX_REQUEST": "true"}


def _edit_url(entry):
    return reverse("controls:soa-edit", args=[entry.pk])


def _form(**overrides):
    data = {"applicable": "true", "justification": "Endpoints face the internet.",
            "implementation_status": "partial", "implementation": "", "last_reviewed": ""}
    return {**data, **overrides}


def test_officer_can_see_all_93_controls_with_edit_buttons(officer):
    response = client_for(officer).get(SOA_LIST)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 93
    assert response.content.count(b">Edit<") == 93


@pytest.mark.parametrize("persona", ["engineer", "auditor"])
def test_readers_cannot_see_edit_buttons(request, persona):
    response = client_for(request.getfixturevalue(persona)).get(SOA_LIST)
    assert response.status_code == 200
    assert b">Edit<" not in response.content


def _map_everything(officer, count):
    engineers = [make_engineer() for _ in range(3)]
    assets = [AssetFactory() for _ in range(3)]
    for entry in SoAEntry.objects.all()[:count]:
        update_soa_entry(acting_user=officer, entry=entry, owner=officer, assignees=engineers, assets=assets)


@pytest.mark.parametrize("mapped", [1, 93])
def test_soa_list_query_count_is_constant(officer, django_assert_max_num_queries, mapped):
    _map_everything(officer, mapped)
    client = client_for(officer)
    # The valid-evidence counts and the progress chart are one grouped query each.
    with django_assert_max_num_queries(13):
        response = client.get(SOA_LIST)
    assert len(response.context["object_list"]) == 93
    # Then the rows and the chart are kept under the same head of the audit trail (isms.fragments).
    with django_assert_max_num_queries(7):
        again = client.get(SOA_LIST)

    def table(page) -> bytes:
        return page.content[page.content.index(b"<table"):page.content.index(b"</table>")]

    assert table(again) == table(response)


@pytest.mark.parametrize(
    ("query", "refs"),
    [
        ("theme=physical", 14), ("applicable=no", 1), ("status=excluded", 1),
        ("applicable=undecided", 92), ("no_justification=true", 92), ("status=partial", 0),
    ],
)
def test_soa_list_filters(officer, query, refs):
    update_soa_entry(acting_user=officer, entry=soa_entry("7.12"), applicable=False,
                     justification="Cloud only", implementation_status="partial")
    response = client_for(officer).get(f"{SOA_LIST}?{query}", **HTMX)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == refs


def test_soa_list_filters_by_owner(officer):
    update_soa_entry(acting_user=officer, entry=soa_entry("5.2"), owner=officer)
    response = client_for(officer).get(f"{SOA_LIST}?owner={officer.pk}")
    assert [e.control.ref for e in response.context["object_list"]] == ["5.2"]


def test_officer_can_open_a_row_as_a_form_with_htmx(officer):
    response = client_for(officer).get(_edit_url(soa_entry()), **HTMX)
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "controls/_soa_row_form.html"


def test_officer_sees_the_error_in_place_when_the_justification_is_missing(officer):
    entry = soa_entry()
    response = client_for(officer).post(_edit_url(entry), _form(justification=""), **HTMX)
    assert response.status_code == 200
    assert b"Give a justification for including this control." in response.content
    assert b"<form" in response.content
    assert soa_entry().applicable is None


def test_officer_can_save_a_row_with_htmx_and_gets_the_row_back(officer):
    entry = soa_entry()
    asset = AssetFactory()
    response = client_for(officer).post(_edit_url(entry), _form(assets=[asset.pk]), **HTMX)
    assert response.status_code == 200
    assert b"<form" not in response.content and b"Partially implemented" in response.content
    entry.refresh_from_db()
    assert entry.applicable is True and list(entry.assets.all()) == [asset]


def test_officer_plain_post_redirects_to_the_list(officer):
    response = client_for(officer).post(_edit_url(soa_entry()), _form(applicable="false"))
    assert response.status_code == 302 and response.url == SOA_LIST
    assert soa_entry().status_label == "Excluded"


@pytest.mark.parametrize("persona", ["engineer", "auditor"])
def test_readers_cannot_edit_a_row(request, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(_edit_url(soa_entry()), **HTMX).status_code == 403
    assert client.post(_edit_url(soa_entry()), _form(), **HTMX).status_code == 403
    assert soa_entry().applicable is None


def test_engineer_can_read_a_control_with_its_decision_and_assets(officer, engineer):
    asset = AssetFactory(name="support-assistant-endpoint")
    update_soa_entry(acting_user=officer, entry=soa_entry("8.5"), applicable=True,
                     justification="Public endpoints", assets=[asset], assignees=[engineer])
    url = reverse("controls:control-detail", args=[soa_entry("8.5").control_id])
    response = client_for(engineer).get(url)
    assert response.status_code == 200
    for text in (b"Secure authentication", b"Public endpoints", b"support-assistant-endpoint",
                 b"No risk is linked to this control.", b"No evidence yet.", str(engineer).encode()):
        assert text in response.content


def test_officer_can_map_an_asset_to_controls_from_the_asset_side(officer):
    asset = AssetFactory()
    controls = Control.objects.filter(ref__in=["5.9", "8.24"])
    response = client_for(officer).post(
        reverse("controls:asset-controls-edit", args=[asset.pk]), {"controls": [c.pk for c in controls]}
    )
    assert response.status_code == 302
    assert set(asset.soa_entries.values_list("control__ref", flat=True)) == {"5.9", "8.24"}


def test_asset_page_lists_the_mapped_controls(officer):
    asset = AssetFactory()
    update_soa_entry(acting_user=officer, entry=soa_entry("8.24"), assets=[asset])
    html = client_for(officer).get(asset.get_absolute_url()).content.decode()
    assert "8.24 Use of cryptography" in html and "Map controls" in html


def test_engineer_cannot_map_an_asset_to_controls(engineer):
    asset = AssetFactory(owner=engineer)
    response = client_for(engineer).post(
        reverse("controls:asset-controls-edit", args=[asset.pk]),
        {"controls": [Control.objects.get(ref="5.9").pk]},
    )
    assert response.status_code == 403 and not asset.soa_entries.exists()


def test_engineer_dashboard_lists_the_controls_assigned_to_them(officer, engineer):
    update_soa_entry(acting_user=officer, entry=soa_entry("8.8"), assignees=[engineer])
    response = client_for(engineer).get(reverse("dashboard"))
    assert b"Controls assigned to you" in response.content
    assert b"8.8 Management of technical vulnerabilities" in response.content
    assert b"<svg" in response.content


def test_officer_dashboard_shows_progress_without_an_assigned_panel(officer):
    response = client_for(officer).get(reverse("dashboard"))
    assert b"Control implementation" in response.content
    assert b"Controls assigned to you" not in response.content


def test_officer_without_htmx_gets_the_row_form_on_a_page_of_its_own(officer):
    response = client_for(officer).get(_edit_url(soa_entry("8.28")))
    assert response.status_code == 200
    assert b"<h1" in response.content and b"Secure coding" in response.content


def test_cancel_returns_the_display_row(officer):
    response = client_for(officer).get(reverse("controls:soa-row", args=[soa_entry().pk]), **HTMX)
    assert response.status_code == 200
    assert b"<form" not in response.content and b">Edit<" in response.content


def test_soa_row_form_offers_only_staff_as_owners(officer, engineer, auditor, outsider):
    response = client_for(officer).get(_edit_url(soa_entry()), **HTMX)
    owners = set(response.context["form"].fields["owner"].queryset)
    assert owners == {officer, engineer}
