"""Demo SLM estate: fine-tuned models, their datasets, endpoints, a RAG pipeline and the
platform they run on; scope v1 approved (with exclusions) and a v2 draft. Idempotent."""

# ruff: noqa: C408  (keyword dicts read better for demo data)
from guardian.shortcuts import assign_perm

from assets.models import Asset, Scope
from assets.services.scope import approve_scope, create_scope_draft, update_scope

SHA = {
    "support": "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f",
    "redactor": "1a3c5e7b9d0f2e4a6c8b0d2f4e6a8c1e3b5d7f9a0c2e4b6d8f1a3c5e7b9d0f2e",
    "review": "5d7f9a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3e5a7c9b0d2f4e6a8c1e3b5d",
}

ASSETS = [
    # name, kind, owner, fields
    ("gpu-cluster-eu1", "infrastructure", "engineer2", dict(
        description="Kubernetes GPU node pool (8x NVIDIA L40S) for fine-tuning and inference.",
        classification="internal", availability=4, hosting="cloud", region="eu-west-1")),
    ("vector-store", "infrastructure", "engineer2", dict(
        description="pgvector database holding embeddings of the help-centre articles.",
        classification="internal", hosting="cloud", region="eu-west-1", encrypted_at_rest=True,
        encrypted_in_transit=True, depends_on=["gpu-cluster-eu1"])),
    ("vendor-llm-api", "supplier_service", "engineer2", dict(
        description="Hosted frontier LLM used as a fallback for long-context questions.",
        classification="confidential", confidentiality=3, hosting="vendor", region="EU (vendor)",
        endpoint_url="https://api.vendor-llm.example/v1", authentication_method="API key",
        encrypted_in_transit=True)),
    ("support-tickets-2025", "dataset", "engineer", dict(
        description="Resolved customer-support tickets used to fine-tune the support assistant.",
        classification="restricted", confidentiality=4, integrity=3, holds_pii=True,
        pii_categories=["contact", "account", "free text"], hosting="cloud", region="eu-west-1",
        data_provenance="Zendesk export Jan-Sep 2025, pseudonymised; lawful basis: legitimate interest.",
        encrypted_at_rest=True, encrypted_in_transit=True)),
    ("synthetic-redaction-corpus", "dataset", "engineer", dict(
        description="Synthetic sentences with labelled personal data for the PII redactor.",
        classification="internal", hosting="cloud", region="eu-west-1",
        data_provenance="Generated in-house with templates and Faker; no real personal data.")),
    ("internal-code-corpus", "dataset", "engineer2", dict(
        description="Reviewed pull requests from our own repositories (2019-2025).",
        classification="confidential", confidentiality=3, hosting="on_premises", region="Frankfurt DC",
        data_provenance="Internal Git hosting; secrets removed with a scanner before export.")),
    ("support-assistant-7b", "model", "engineer", dict(
        description="Drafts replies for support agents.", classification="confidential",
        confidentiality=3, integrity=3, base_model="mistralai/Mistral-7B-Instruct-v0.3",
        model_version="2.1.0", parameter_count=7_248_023_552, architecture="Transformer decoder, LoRA r=16",
        licence="Apache-2.0", training_datasets=["support-tickets-2025"],
        intended_use="Draft replies that a support agent reviews before sending.",
        out_of_scope_use="Sending replies without human review\nLegal or medical advice",
        limitations="English and German only\nMay invent order numbers when context is missing",
        evaluation_results="win rate vs. agents: 0.62\ntoxicity rate: 0.001",
        artefact_sha256=SHA["support"], hosting="cloud", region="eu-west-1",
        encrypted_at_rest=True, depends_on=["support-tickets-2025", "gpu-cluster-eu1"])),
    ("pii-redactor", "model", "engineer", dict(
        description="Token classifier that masks personal data before prompts leave our network.",
        classification="internal", integrity=4, base_model="microsoft/deberta-v3-base",
        model_version="1.4.2", parameter_count=184_000_000, architecture="Transformer encoder",
        licence="MIT", training_datasets=["synthetic-redaction-corpus"],
        intended_use="Redact names, e-mails, phone numbers and IBANs in prompts.",
        out_of_scope_use="Anonymisation for publication", limitations="Recall drops on non-Latin scripts",
        evaluation_results="recall: 0.981\nprecision: 0.957", artefact_sha256=SHA["redactor"],
        hosting="cloud", region="eu-west-1", depends_on=["synthetic-redaction-corpus"])),
    ("code-review-3b", "model", "engineer2", dict(
        description="Suggests review comments on internal pull requests.", classification="confidential",
        base_model="bigcode/starcoder2-3b", model_version="0.9.0", parameter_count=3_030_000_000,
        architecture="Transformer decoder", licence="BigCode OpenRAIL-M",
        training_datasets=["internal-code-corpus"], intended_use="Review suggestions for engineers.",
        out_of_scope_use="Approving merges", limitations="Weak on infrastructure-as-code",
        artefact_sha256=SHA["review"], hosting="on_premises", region="Frankfurt DC",
        depends_on=["internal-code-corpus"])),
    ("support-inference-internal", "endpoint", "engineer", dict(
        description="vLLM endpoint serving the support assistant to the helpdesk tool.",
        classification="confidential", availability=3, endpoint_url="https://llm.internal.example/v1",
        authentication_method="OIDC client credentials (mTLS)", hosting="cloud", region="eu-west-1",
        encrypted_in_transit=True, depends_on=["support-assistant-7b", "pii-redactor", "gpu-cluster-eu1"])),
    ("help-centre-chat-public", "endpoint", "engineer2", dict(
        description="Public chat widget on the help centre.", classification="public", availability=4,
        endpoint_url="https://help.example.com/api/chat", authentication_method="None (rate-limited)",
        hosting="cloud", region="eu-west-1", encrypted_in_transit=True,
        depends_on=["help-centre-rag"])),
    ("help-centre-rag", "pipeline", "engineer2", dict(
        description="Retrieval-augmented generation over help-centre articles.", classification="internal",
        depends_on=["vector-store", "support-inference-internal", "vendor-llm-api", "pii-redactor"])),
]
LINKS = ("depends_on", "training_datasets")


def _seed_assets(users: dict) -> dict:
    assets = {}
    for name, kind, owner, fields in ASSETS:
        values = {k: v for k, v in fields.items() if k not in LINKS}
        asset, _ = Asset.objects.update_or_create(
            name=name, defaults={"kind": kind, "owner": users[owner], **values}
        )
        assign_perm("assets.change_asset", users[owner], asset)  # as create_asset does
        assets[name] = asset
    for name, _kind, _owner, fields in ASSETS:
        for link in LINKS:
            getattr(assets[name], link).set([assets[n] for n in fields.get(link, [])])
    return assets


def _seed_scope(officer, assets: dict) -> None:
    if Scope.objects.exists():
        return
    v1 = create_scope_draft(acting_user=officer)
    update_scope(
        acting_user=officer, scope=v1,
        statement="The information security management system for the design, fine-tuning, "
        "deployment and operation of small language models that support our customer-service "
        "and engineering teams, from the EU cloud region and the Frankfurt data centre.",
        organisational_boundaries="Customer Support, ML Platform and Developer Experience teams.",
        technical_boundaries="Cloud account eu-west-1 (GPU cluster, vector store, endpoints) and "
        "the Frankfurt DC code-review cluster.",
        interfaces_and_dependencies="Vendor LLM API (supplier), Zendesk (ticket export), "
        "corporate identity provider (OIDC).",
        assets=[a for n, a in assets.items() if n != "code-review-3b"],
        exclusions=[
            {"what": "Corporate HR chatbot", "justification": "Operated by the group HR ISMS."},
            {"what": "code-review-3b (pilot)", "justification": "Pilot with no production data "
             "until Q2; to be included once it goes live."},
        ],
    )
    approve_scope(v1, acting_user=officer)
    v2 = create_scope_draft(acting_user=officer)
    update_scope(
        acting_user=officer, scope=v2, assets=list(assets.values()),
        exclusions=[{"what": "Corporate HR chatbot", "justification": "Operated by the group HR ISMS."}],
    )


def seed(users: dict) -> None:
    assets = _seed_assets(users)
    _seed_scope(users["officer"], assets)
