"""The ML-BOM as a reader downloads it: CycloneDX 1.6 JSON that validates, parsed back and
compared with the inventory: component types, model cards, datasets, services and the
dependency graph."""

import json

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from django.urls import reverse

from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
MLBOM = reverse("assets:asset-mlbom")


@pytest.fixture
def estate(engineer):
    make = factories.AssetFactory
    dataset = make(name="ticket-archive", kind="dataset", owner=engineer, holds_pii=True,
                   pii_categories=["contact", "account"], data_provenance="Zendesk export, DPA 2024",
                   classification="restricted")
    model = make(name="helpdesk-7b", kind="model", owner=engineer, model_version="2.4.1",
                 licence="Apache-2.0", artefact_sha256="ab" * 32, architecture="Transformer decoder",
                 base_model="Mistral-7B-v0.3", parameter_count=7_241_732_096,
                 intended_use="- Draft replies\n- Summaries", limitations="English only",
                 evaluation_results="exact match: 0.71\nhuman review passed")
    model.training_datasets.set([dataset])
    model.depends_on.set([dataset])
    endpoint = make(name="helpdesk-endpoint", kind="endpoint", owner=engineer, classification="public",
                    endpoint_url="https://llm.example.com/v1", authentication_method="None")
    endpoint.depends_on.set([model])
    vendor = make(name="translation-api", kind="supplier_service", owner=engineer,
                  authentication_method="API key")
    rack = make(name="gpu-rack", kind="infrastructure", owner=engineer)
    return {"dataset": dataset, "model": model, "endpoint": endpoint, "vendor": vendor, "rack": rack}


def _bom(user) -> dict:
    response = client_for(user).get(MLBOM)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert 'filename="ml-bom.cdx.json"' in response["Content-Disposition"]
    return json.loads(response.content)


def _by_name(items) -> dict:
    return {item["name"]: item for item in items}


def _props(item) -> dict:
    return {p["name"]: p["value"] for p in item["properties"]}


@pytest.mark.parametrize("role", ["officer", "engineer", "auditor"])
def test_every_reader_downloads_a_valid_cyclonedx_bom(personas, role, estate):
    bom = _bom(personas[role])
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(bom)) is None
    assert bom["bomFormat"] == "CycloneDX" and bom["specVersion"] == "1.6"
    assert bom["serialNumber"].startswith("urn:uuid:")


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("anonymous", 302), ("auditor_ended", 302)])
def test_roles_without_the_inventory_cannot_download_it(personas, role, status, estate):
    response = client_for(personas[role]).get(MLBOM)
    assert response.status_code == status and b"helpdesk-7b" not in response.content


def test_each_asset_is_in_the_bom_once_as_a_component_or_a_service(officer, estate):
    bom = _bom(officer)
    components, services = _by_name(bom["components"]), _by_name(bom["services"])
    assert set(components) == {"ticket-archive", "helpdesk-7b", "gpu-rack"}
    assert set(services) == {"helpdesk-endpoint", "translation-api"}
    assert components["helpdesk-7b"]["type"] == "machine-learning-model"
    assert components["ticket-archive"]["type"] == "data"
    assert components["gpu-rack"]["type"] == "platform"


def test_the_model_component_carries_its_card(officer, estate):
    model = _by_name(_bom(officer)["components"])["helpdesk-7b"]
    assert model["version"] == "2.4.1" and model["licenses"] == [{"license": {"name": "Apache-2.0"}}]
    assert model["hashes"] == [{"alg": "SHA-256", "content": "ab" * 32}]
    card = model["modelCard"]
    assert card["modelParameters"]["datasets"] == [{"ref": f"asset-{estate['dataset'].pk}"}]
    assert card["modelParameters"]["modelArchitecture"] == "Transformer decoder"
    assert card["considerations"] == {"useCases": ["Draft replies", "Summaries"],
                                      "technicalLimitations": ["English only"]}
    assert card["quantitativeAnalysis"]["performanceMetrics"] == [
        {"type": "exact match", "value": "0.71"}, {"type": "evaluation", "value": "human review passed"},
    ]
    props = _props(model)
    assert props["isms:baseModel"] == "Mistral-7B-v0.3" and props["isms:parameterCount"] == "7241732096"


def test_the_dataset_component_says_what_personal_data_it_holds(officer, estate):
    dataset = _by_name(_bom(officer)["components"])["ticket-archive"]
    [data] = dataset["data"]
    assert data["sensitiveData"] == ["contact", "account"] and data["classification"] == "restricted"
    assert data["description"] == "Zendesk export, DPA 2024"
    assert _props(dataset)["isms:holdsPersonalData"] == "true"


def test_services_say_whether_they_authenticate_and_cross_a_trust_boundary(officer, estate):
    services = _by_name(_bom(officer)["services"])
    endpoint, vendor = services["helpdesk-endpoint"], services["translation-api"]
    assert endpoint["endpoints"] == ["https://llm.example.com/v1"]
    assert endpoint["authenticated"] is False and endpoint["x-trust-boundary"] is True  # public
    assert vendor["authenticated"] is True and vendor["x-trust-boundary"] is True  # a supplier


def test_the_dependency_graph_follows_depends_on(officer, estate):
    graph = {d["ref"]: d["dependsOn"] for d in _bom(officer)["dependencies"]}
    ref = {name: f"asset-{asset.pk}" for name, asset in estate.items()}
    assert graph[ref["endpoint"]] == [ref["model"]]
    assert graph[ref["model"]] == [ref["dataset"]]
    assert graph[ref["rack"]] == []


def test_the_owner_is_named_by_username(officer, engineer, estate):
    model = _by_name(_bom(officer)["components"])["helpdesk-7b"]
    assert _props(model)["isms:owner"] == engineer.username


def test_an_empty_inventory_gives_a_valid_bom_without_services(officer):
    bom = _bom(officer)
    assert bom["components"] == [] and "services" not in bom
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(bom)) is None


def test_text_with_quotes_and_non_ascii_survives(officer, engineer):
    factories.AssetFactory(name="modèle-\"fr\"", kind="model", owner=engineer,
                           description="Réponses <b>en</b> français")
    bom = _bom(officer)
    [model] = bom["components"]
    assert model["name"] == "modèle-\"fr\"" and model["description"] == "Réponses <b>en</b> français"


def test_each_download_has_a_new_serial_number(officer, estate):
    assert _bom(officer)["serialNumber"] != _bom(officer)["serialNumber"]


def test_mlbom_refuses_post(officer):
    assert client_for(officer).post(MLBOM).status_code == 405
