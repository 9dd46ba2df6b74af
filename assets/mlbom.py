"""The asset inventory as a CycloneDX 1.6 ML-BOM (JSON): models as machine-learning-model
components with their model cards, datasets as data components, endpoints and supplier
services as services, and the dependency graph from Asset.depends_on."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.utils import timezone

from assets.models import Asset

SPEC_VERSION = "1.6"
COMPONENT_TYPES = {
    Asset.Kind.MODEL: "machine-learning-model",
    Asset.Kind.DATASET: "data",
    Asset.Kind.PIPELINE: "application",
    Asset.Kind.APPLICATION: "application",
    Asset.Kind.INFRASTRUCTURE: "platform",
}
SERVICE_KINDS = (Asset.Kind.ENDPOINT, Asset.Kind.SUPPLIER_SERVICE)


def bom_ref(asset: Asset) -> str:
    return f"asset-{asset.pk}"


def _lines(text: str) -> list[str]:
    return [line.strip(" -*\t") for line in text.splitlines() if line.strip(" -*\t")]


def _properties(asset: Asset) -> list[dict]:
    facts = {
        "isms:classification": asset.classification,
        "isms:confidentiality": asset.get_confidentiality_display(),
        "isms:integrity": asset.get_integrity_display(),
        "isms:availability": asset.get_availability_display(),
        "isms:owner": asset.owner.username,
        "isms:hosting": asset.hosting,
        "isms:region": asset.region,
        "isms:status": asset.status,
        "isms:holdsPersonalData": "true" if asset.holds_pii else "false",
        "isms:baseModel": asset.base_model,
        "isms:parameterCount": str(asset.parameter_count or ""),
    }
    return [{"name": name, "value": value} for name, value in facts.items() if value]


def _metrics(text: str) -> list[dict]:
    """Evaluation results, one per line, as "metric: value" (or free text as the value)."""
    metrics = []
    for line in _lines(text):
        name, sep, value = line.partition(":")
        metrics.append({"type": name.strip(), "value": value.strip()} if sep
                       else {"type": "evaluation", "value": line})
    return metrics


def _model_card(asset: Asset) -> dict:
    parameters: dict = {}
    datasets = list(asset.training_datasets.all())
    if datasets:
        parameters["approach"] = {"type": "supervised"}
        parameters["datasets"] = [{"ref": bom_ref(d)} for d in datasets]
    if asset.architecture:
        parameters["modelArchitecture"] = asset.architecture
        parameters["architectureFamily"] = asset.architecture.split()[0].lower()
    card: dict = {"modelParameters": parameters}
    if asset.evaluation_results.strip():
        card["quantitativeAnalysis"] = {"performanceMetrics": _metrics(asset.evaluation_results)}
    considerations = {
        "useCases": _lines(asset.intended_use),
        "technicalLimitations": _lines(asset.limitations),
    }
    if any(considerations.values()):
        card["considerations"] = {k: v for k, v in considerations.items() if v}
    return card


def _component(asset: Asset) -> dict:
    component = {"type": COMPONENT_TYPES[asset.kind], "bom-ref": bom_ref(asset), "name": asset.name}
    if asset.model_version:
        component["version"] = asset.model_version
    if asset.description:
        component["description"] = asset.description
    if asset.licence:
        component["licenses"] = [{"license": {"name": asset.licence}}]
    if asset.artefact_sha256:
        component["hashes"] = [{"alg": "SHA-256", "content": asset.artefact_sha256}]
    if asset.kind == Asset.Kind.MODEL:
        component["modelCard"] = _model_card(asset)
    if asset.kind == Asset.Kind.DATASET:
        data = {"type": "dataset", "name": asset.name, "classification": asset.classification}
        if asset.pii_categories:
            data["sensitiveData"] = list(asset.pii_categories)
        if asset.data_provenance:
            data["description"] = asset.data_provenance
        component["data"] = [data]
    component["properties"] = _properties(asset)
    return component


def _service(asset: Asset) -> dict:
    service = {"bom-ref": bom_ref(asset), "name": asset.name}
    if asset.model_version:
        service["version"] = asset.model_version
    if asset.description:
        service["description"] = asset.description
    if asset.endpoint_url:
        service["endpoints"] = [asset.endpoint_url]
    if asset.authentication_method:
        service["authenticated"] = asset.authentication_method.lower() not in ("none", "")
    service["x-trust-boundary"] = asset.kind == Asset.Kind.SUPPLIER_SERVICE or (
        asset.classification == Asset.Classification.PUBLIC
    )
    service["properties"] = _properties(asset)
    return service


def build(assets: Iterable[Asset], *, name: str = "SLM estate") -> dict:
    """The BOM as a dict (json.dumps it). Prefetch owner, depends_on and training_datasets."""
    assets = list(assets)
    included = {a.pk for a in assets}
    components = [_component(a) for a in assets if a.kind not in SERVICE_KINDS]
    services = [_service(a) for a in assets if a.kind in SERVICE_KINDS]
    dependencies = [
        {"ref": bom_ref(a), "dependsOn": [bom_ref(d) for d in a.depends_on.all() if d.pk in included]}
        for a in assets
    ]
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": f"urn:uuid:{uuid.uuid4()}",
        "version": 1,
        "metadata": {
            "timestamp": timezone.now().replace(microsecond=0).isoformat(),
            "tools": {"components": [{"type": "application", "name": "SLM ISMS"}]},
            "component": {"type": "application", "bom-ref": "estate", "name": name},
        },
        "components": components,
        "dependencies": dependencies,
    }
    if services:
        bom["services"] = services
    return bom
