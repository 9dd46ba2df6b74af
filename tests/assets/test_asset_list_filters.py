"""The asset list's filters, search and sorting through the query string, for every reading
role, and the CSV export of exactly what the list shows."""

import csv
import io

import pytest
from django.urls import reverse

from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
LIST = reverse("assets:asset-list")
EXPORT = reverse("assets:asset-export")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def estate(officer, engineer):
    """Five assets that differ in every filtered field."""
    make = factories.AssetFactory
    return {
        "model": make(name="helpdesk-7b", kind="model", owner=engineer, classification="confidential",
                      base_model="Mistral-7B-v0.3", status="production"),
        "dataset": make(name="ticket-archive", kind="dataset", owner=engineer, classification="restricted",
                        holds_pii=True, pii_categories=["contact"], status="production",
                        description="Every support ticket since 2021"),
        "endpoint": make(name="helpdesk-endpoint", kind="endpoint", owner=officer,
                         classification="internal", status="development"),
        "rack": make(name="gpu-rack", kind="infrastructure", owner=officer, classification="internal",
                     status="retired"),
        "vendor": make(name="translation-api", kind="supplier_service", owner=officer,
                       classification="public", status="planned", description="Vendor-hosted MT"),
    }


def _names(response) -> list[str]:
    return sorted(_name(row) for row in response.context["object_list"])


def _name(row) -> str:
    return row.name if hasattr(row, "name") else row["name"]


def _get(user, **query):
    return client_for(user).get(LIST, query, **HTMX)


@pytest.mark.parametrize(("query", "names"), [
    ({"kind": "dataset"}, ["ticket-archive"]),
    ({"classification": "internal"}, ["gpu-rack", "helpdesk-endpoint"]),
    ({"holds_pii": "true"}, ["ticket-archive"]),
    ({"holds_pii": "false"}, ["gpu-rack", "helpdesk-7b", "helpdesk-endpoint", "translation-api"]),
    ({"status": "retired"}, ["gpu-rack"]),
    ({"status": "production", "kind": "model"}, ["helpdesk-7b"]),
    ({"q": "HELPDESK"}, ["helpdesk-7b", "helpdesk-endpoint"]),
    ({"q": "mistral"}, ["helpdesk-7b"]),  # the base model
    ({"q": "support ticket"}, ["ticket-archive"]),  # the description
    ({"q": "vendor", "classification": "public"}, ["translation-api"]),
    ({"q": "nothing-like-this"}, []),
])
def test_asset_list_filters_and_search(officer, estate, query, names):
    assert _names(_get(officer, **query)) == names


@pytest.mark.parametrize("role", ["engineer", "auditor"])
def test_readers_filter_the_same_inventory(personas, role):
    factories.AssetFactory(name="visible-to-all", kind="dataset")
    factories.AssetFactory(name="another-model", kind="model")
    assert _names(_get(personas[role], kind="dataset")) == ["visible-to-all"]


def test_filter_by_owner(officer, engineer, estate):
    assert _names(_get(officer, owner=engineer.pk)) == ["helpdesk-7b", "ticket-archive"]


def test_owner_filter_offers_only_people_who_own_assets(officer, engineer, auditor, estate):
    response = client_for(officer).get(LIST)
    owners = set(response.context["filter"].form.fields["owner"].queryset)
    assert owners == {officer, engineer}


def test_in_scope_filter_follows_the_approved_scope(officer, estate):
    scope = factories.ScopeFactory(created_by=officer)
    scope.assets.set([estate["model"], estate["dataset"]])
    assert _names(_get(officer, in_scope="true")) == ["helpdesk-7b", "ticket-archive"]
    assert _names(_get(officer, in_scope="false")) == ["gpu-rack", "helpdesk-endpoint", "translation-api"]


def test_a_draft_scope_does_not_count_as_in_scope(officer, estate):
    factories.ScopeFactory(created_by=officer).assets.set([estate["model"]])
    draft = factories.ScopeFactory(created_by=officer, status="draft")
    draft.assets.set([estate["rack"]])
    assert _names(_get(officer, in_scope="true")) == ["helpdesk-7b"]


@pytest.mark.parametrize(("ordering", "first"), [("name", "gpu-rack"), ("-name", "translation-api"),
                                                  ("kind", "ticket-archive"), ("-status", "gpu-rack")])
def test_asset_list_sorts(officer, estate, ordering, first):
    assert _name(_get(officer, ordering=ordering).context["object_list"][0]) == first


@pytest.mark.parametrize("query", [{"kind": "spaceship"}, {"owner": "x"}, {"holds_pii": "perhaps"},
                                   {"ordering": "password"}, {"status": "'; drop table"}])
def test_bad_filter_values_answer_without_an_error_page(officer, estate, query):
    assert client_for(officer).get(LIST, query).status_code == 200


def test_a_mistyped_kind_lists_nothing_rather_than_everything(officer, estate):
    assert _names(_get(officer, kind="spaceship")) == []


def test_pages_hold_the_requested_number_of_rows(officer):
    factories.AssetFactory.create_batch(30)
    assert len(_get(officer, per_page="25").context["object_list"]) == 25
    assert len(_get(officer, per_page="25", page="2").context["object_list"]) == 5
    assert len(_get(officer, per_page="7").context["object_list"]) == 30  # not an offered size


def test_a_page_past_the_end_is_404(officer):
    factories.AssetFactory.create_batch(3)
    assert client_for(officer).get(LIST, {"page": "9"}).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("anonymous", 302), ("auditor_ended", 302)])
def test_roles_without_the_inventory_cannot_list_it(personas, role, status):
    assert client_for(personas[role]).get(LIST).status_code == status


# --- the CSV export of the list ----------------------------------------------------------------


def _export(user, **query) -> list[dict]:
    response = client_for(user).get(EXPORT, query)
    assert response.status_code == 200 and 'filename="assets.csv"' in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("role", ["officer", "engineer", "auditor"])
def test_every_reader_exports_the_filtered_list(personas, role):
    factories.AssetFactory(name="a-dataset", kind="dataset", holds_pii=True,
                           pii_categories=["contact", "health"])
    factories.AssetFactory(name="a-model", kind="model")
    rows = _export(personas[role], holds_pii="true")
    assert [r["name"] for r in rows] == ["a-dataset"]
    assert rows[0]["pii_categories"] == "contact;health" and rows[0]["holds_pii"] == "yes"


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("anonymous", 302)])
def test_roles_without_the_inventory_cannot_export_it(personas, role, status):
    factories.AssetFactory(name="secret-model")
    response = client_for(personas[role]).get(EXPORT)
    assert response.status_code == status and b"secret-model" not in response.content


def test_export_search_matches_the_list_search(officer, estate):
    assert sorted(r["name"] for r in _export(officer, q="helpdesk")) == ["helpdesk-7b", "helpdesk-endpoint"]


def test_export_writes_ratings_owners_and_links_as_the_import_reads_them(officer, engineer, estate):
    estate["model"].training_datasets.set([estate["dataset"]])
    estate["endpoint"].depends_on.set([estate["model"], estate["rack"]])
    rows = {r["name"]: r for r in _export(officer)}
    assert rows["helpdesk-7b"]["owner"] == engineer.username
    assert rows["helpdesk-7b"]["training_datasets"] == "ticket-archive"
    assert rows["helpdesk-endpoint"]["depends_on"] == "gpu-rack;helpdesk-7b"
    assert rows["helpdesk-7b"]["confidentiality"] == "medium"


def test_export_refuses_post(officer):
    assert client_for(officer).post(EXPORT).status_code == 405
