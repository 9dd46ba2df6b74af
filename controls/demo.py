"""Demo Statement of Applicability for an SLM company: every Annex A control decided, most
applicable, the physical data-centre controls excluded because all hosting is in the cloud."""

from auditlog.context import set_actor

from assets.models import Asset
from controls.models import SoAEntry
from controls.services import ensure_soa_entries, update_soa_entry

ESTATE = "our fine-tuned SLMs, their training datasets and the inference endpoints serving customers"
CLOUD = (
    "Excluded: all GPU servers, storage and network equipment run in our cloud provider's "
    "data centres (eu-central-1); the provider's ISO 27001 certificate and SOC 2 report are "
    "reviewed yearly under 5.19-5.23. Our office holds only laptops (see 7.9, 8.1)."
)
EXCLUDED = {"7.8", "7.11", "7.12", "7.13"}

# ref: (status, justification, implementation); refs not listed get their theme's defaults.
DECISIONS = {
    "5.1": ("implemented", "Management must direct security of " + ESTATE + ".",
            "Information security policy v3 and AI/model-use policy approved by the CEO in March."),
    "5.7": ("partial", "Prompt-injection and model-extraction techniques change monthly.",
            "Security lead follows MITRE ATLAS and OWASP LLM Top 10 feeds; no formal triage yet."),
    "5.9": ("implemented", "We cannot protect models and datasets we do not know about.",
            "Asset inventory in this ISMS with model cards for every model, dataset and endpoint."),
    "5.12": ("implemented", "Training data includes customer support transcripts (personal data).",
             "Four-level scheme; every dataset asset carries a classification."),
    "5.19": ("partial", "We depend on a cloud GPU provider and two base-model publishers.",
             "Supplier register exists; security questionnaires sent to 3 of 5 suppliers."),
    "5.21": ("planned", "Base-model weights and Python packages come from public hubs.",
             "SBOM for each model image planned for Q3 (CycloneDX)."),
    "5.23": ("implemented", "All production workloads run on a public cloud.",
             "Cloud landing zone with SCPs; provider shared-responsibility matrix reviewed."),
    "5.24": ("partial", "Model misbehaviour (jailbreaks, data leakage) is a new incident class.",
             "Incident plan covers infrastructure; SLM-specific playbooks in draft."),
    "5.31": ("partial", "EU AI Act and GDPR apply to our customer-facing assistants.",
             "Legal register drafted; AI Act classification of each use case under review."),
    "5.32": ("implemented", "Base-model licences restrict commercial use and redistribution.",
             "Licence recorded on every model card and checked at release."),
    "5.34": ("implemented", "Fine-tuning data contains personal data of customers' end users.",
             "DPIA per dataset; PII scrubbing before training; retention 12 months."),
    "6.3": ("implemented", "Engineers handle model weights and personal data daily.",
            "Annual security training plus an SLM-specific module on prompt injection."),
    "7.9": ("implemented", "Laptops with repository and dataset access leave the office.",
            "Full-disk encryption and MDM on all laptops."),
    "7.14": ("implemented", "Laptops may hold dataset samples and model checkpoints.",
             "Certified wiping by the leasing partner; certificates kept."),
    "8.2": ("implemented", "Cluster-admin rights allow exfiltration of model weights.",
            "Just-in-time elevation through the identity provider, reviewed quarterly."),
    "8.4": ("implemented", "Training code and evaluation suites are core IP.",
            "Git hosting with SSO, branch protection and CODEOWNERS."),
    "8.5": ("implemented", "Inference endpoints are exposed to customers over the internet.",
            "OIDC for staff, API keys with per-tenant scopes for endpoints."),
    "8.6": ("partial", "GPU capacity limits availability of the inference service.",
            "Autoscaling on request latency; capacity review not yet documented."),
    "8.8": ("partial", "Inference images bundle CUDA, PyTorch and many Python packages.",
            "Weekly image scanning; patch SLA defined but not yet met for medium findings."),
    "8.9": ("implemented", "Serving configuration (temperature, system prompts) changes behaviour.",
            "All serving configuration in Git, deployed by CI only."),
    "8.11": ("planned", "Evaluation datasets still contain unmasked customer names.",
             "Masking step in the data pipeline planned for next quarter."),
    "8.12": ("partial", "A model can regurgitate training data in its answers.",
             "Output filters for PII on the support assistant; canary strings in training data."),
    "8.15": ("implemented", "Prompts and completions are needed to investigate abuse.",
             "Prompt/response logs with PII redaction, kept 90 days in the log store."),
    "8.16": ("partial", "Jailbreak attempts and model drift must be detected.",
             "Latency and error monitoring live; abuse-pattern alerts in progress."),
    "8.20": ("implemented", "Endpoints and training clusters sit in cloud networks.",
             "Private subnets, security groups managed as code, WAF in front of endpoints."),
    "8.24": ("implemented", "Weights, datasets and API traffic must be protected.",
             "KMS encryption at rest, TLS 1.2+ in transit, keys rotated yearly."),
    "8.25": ("partial", "Models are software: training and release need a secure life cycle.",
             "ML pipeline with review gates; threat modelling of new use cases started."),
    "8.26": ("partial", "Customer-facing assistants need explicit abuse-resistance requirements.",
             "Requirements template includes prompt-injection and output-handling items."),
    "8.28": ("implemented", "Serving code handles untrusted prompts.",
             "Linters, dependency pinning and code review on every change."),
    "8.29": ("partial", "A new model version can regress on safety.",
             "Red-team prompt suite runs in CI; release gate not yet enforced."),
    "8.31": ("implemented", "Experiments must not touch production endpoints or data.",
             "Separate cloud accounts for research, staging and production."),
    "8.32": ("implemented", "Model promotions are changes with customer impact.",
             "Model registry promotion requires an approved change record."),
    "8.33": ("planned", "Evaluation sets are sometimes copied from production logs.",
             "Synthetic test data generation planned."),
}
THEME_DEFAULT = {
    "organizational": "Needed to govern the security of " + ESTATE + ".",
    "people": "Staff with access to " + ESTATE + " must be trustworthy and aware.",
    "physical": "Our office and the laptops in it give access to " + ESTATE + ".",
    "technological": "A technical safeguard for " + ESTATE + ".",
}
STATUS_CYCLE = ["implemented", "implemented", "partial", "implemented", "planned", "not_started"]
ASSIGNED = {
    "engineer": {"8.8", "8.9", "8.15", "8.16", "8.25", "8.28", "8.29", "8.32"},
    "engineer2": {"5.12", "5.34", "8.10", "8.11", "8.12", "8.24"},
}
ASSET_KINDS = {  # control ref -> asset kinds mapped to it
    "5.9": ("model", "dataset", "endpoint"), "5.12": ("dataset",), "5.34": ("dataset",),
    "8.5": ("endpoint",), "8.12": ("endpoint", "model"), "8.15": ("endpoint",),
    "8.16": ("endpoint",), "8.24": ("model", "dataset", "endpoint"), "8.25": ("model", "pipeline"),
    "8.29": ("model",), "8.32": ("model", "pipeline"), "5.23": ("infrastructure", "supplier_service"),
}


def _decision(entry: SoAEntry) -> dict:
    ref, theme = entry.control.ref, entry.control.theme
    if ref in EXCLUDED:
        return {"applicable": False, "justification": CLOUD, "implementation": ""}
    default_status = STATUS_CYCLE[entry.control.position % len(STATUS_CYCLE)]
    status, justification, implementation = DECISIONS.get(ref, (default_status, THEME_DEFAULT[theme], ""))
    return {"applicable": True, "justification": justification, "implementation_status": status,
            "implementation": implementation}


def seed(users: dict) -> None:
    with set_actor(users["officer"]):  # the trail shows the officer deciding, not "system"
        _seed(users)


def _seed(users: dict) -> None:
    ensure_soa_entries(acting_user=users["officer"])
    assets = list(Asset.objects.all())
    entries = SoAEntry.objects.select_related("control").filter(control__framework__code="iso27001-2022")
    for entry in entries:
        ref = entry.control.ref
        assignees = [users[name] for name, refs in ASSIGNED.items() if ref in refs]
        kinds = ASSET_KINDS.get(ref, ())
        update_soa_entry(
            acting_user=users["officer"], entry=entry, owner=users["officer"], assignees=assignees,
            assets=[asset for asset in assets if asset.kind in kinds], **_decision(entry),
        )
