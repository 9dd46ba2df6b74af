import json

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from django.core.management import call_command
from django.urls import reverse

from assets import mlbom
from assets.models import Asset
from tests import factories
from tests.conftest import client_for


def _estate():
    dataset = factories.AssetFactory(
        name="support-tickets", kind="dataset", holds_pii=True, pii_categories=["contact"],
        data_provenance="Zendesk export 2024-2025",
    )
    model = factories.AssetFactory(
        name="support-assistant-7b", base_model="mistralai/Mistral-7B-v0.3", model_version="1.2.0",
        architecture="Transformer decoder (LoRA fine-tune)", licence="Apache-2.0",
        intended_use="Draft replies to support tickets", limitations="English only\nMay hallucinate",
        evaluation_results="exact match: 0.71\nredaction recall: 0.98", artefact_sha256="b" * 64,
    )
    model.training_datasets.set([dataset])
    model.depends_on.set([dataset])
    endpoint = factories.AssetFactory(
        name="support-endpoint", kind="endpoint", endpoint_url="https://llm.internal/v1",
        authentication_method="OIDC client credentials",
    )
    endpoint.depends_on.set([model])
    factories.AssetFactory(name="gpu-cluster", kind="infrastructure")
    return model, dataset, endpoint


def _validate(bom: dict) -> None:
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(bom))
    assert error is None, error


def test_mlbom_validates_against_cyclonedx_1_6(db):
    _estate()
    _validate(mlbom.build(Asset.objects.for_export()))


def test_mlbom_carries_the_model_card(db):
    model, dataset, endpoint = _estate()
    bom = mlbom.build(Asset.objects.for_export())
    component = next(c for c in bom["components"] if c["name"] == model.name)
    card = component["modelCard"]
    assert component["type"] == "machine-learning-model"
    assert card["modelParameters"]["datasets"] == [{"ref": mlbom.bom_ref(dataset)}]
    assert card["considerations"]["technicalLimitations"] == ["English only", "May hallucinate"]
    assert {"type": "exact match", "value": "0.71"} in card["quantitativeAnalysis"]["performanceMetrics"]
    assert bom["services"][0]["authenticated"] is True
    assert {"ref": mlbom.bom_ref(endpoint), "dependsOn": [mlbom.bom_ref(model)]} in bom["dependencies"]


def test_engineer_can_download_mlbom(engineer):
    _estate()
    response = client_for(engineer).get(reverse("assets:asset-mlbom"))
    assert response.status_code == 200
    _validate(json.loads(response.content))


def test_export_mlbom_command_writes_file(db, tmp_path):
    _estate()
    path = tmp_path / "bom.json"
    call_command("export_mlbom", "-o", str(path))
    _validate(json.loads(path.read_text()))
