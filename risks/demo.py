"""Demo risks for the SLM estate: an approved assessment and the current draft copied from it.
Idempotent: nothing is created twice; the inventory comes from the assets demo (looked up by
kind, with preferred names), and with an empty inventory no risks are created."""

import datetime

from django.utils import timezone

from assets.models import Asset
from risks.catalogue import criteria_seed
from risks.models import Risk, RiskAssessment, Threat
from risks.services import (
    accept_risk,
    approve_assessment,
    create_risk,
    create_treatment_action,
    start_assessment,
    submit_assessment,
)

APPROVED = "SLM estate risk assessment 2026"
DRAFT = "SLM estate risk assessment 2027 (draft)"
PREFERRED = {"model": "support-assistant-7b", "endpoint": "help-centre-chat-public",
             "dataset": "support-tickets-2025", "pipeline": "help-centre-rag",
             "infrastructure": "gpu-cluster-eu1", "supplier_service": "vendor-llm-api"}

# title, threat code, asset kinds, inherent (L, I), treatment, residual (L, I), owner,
# actions (description, owner, due in days, status), accepted by the owner
RISKS = [
    ("Prompt injection through the public help-centre chat leaks ticket data",
     "slm-direct-prompt-injection", ["endpoint", "model"], (5, 4), "modify", (3, 4), "engineer",
     [("Add an output filter for ticket numbers and e-mail addresses", "engineer", 21, "in_progress")], True),
    ("Fine-tuned support model memorises customer personal data", "slm-training-data-memorisation",
     ["model", "dataset"], (4, 5), "modify", (2, 4), "engineer",
     [("Run the canary-extraction test suite on every release", "engineer", -10, "open")], False),
    ("Theft of LoRA adapter weights from the GPU cluster", "slm-model-weight-theft",
     ["model", "infrastructure"], (3, 4), "modify", (2, 4), "engineer2",
     [("Encrypt the weights bucket with customer-managed keys", "engineer2", -30, "done")], False),
    ("Vendor LLM API retains our prompts for training", "slm-vendor-data-retention",
     ["supplier_service"], (3, 3), "share", (2, 3), "officer",
     [("Sign the zero-retention addendum with the vendor", "officer", 14, "open")], False),
    ("Help-centre articles poisoned to steer RAG answers", "slm-rag-poisoning",
     ["pipeline", "dataset"], (3, 4), "retain", (3, 4), "engineer2", [], True),
    ("Internal inference endpoint reachable without authentication", "slm-unauthenticated-endpoint",
     ["endpoint"], (2, 4), "modify", (1, 4), "engineer2",
     [("Put the internal endpoint behind the SSO proxy", "engineer2", -5, "in_progress")], False),
    ("Backdoored base model pulled from a public hub", "slm-backdoored-pretrained-model",
     ["model", "supplier_service"], (2, 5), "modify", (2, 3), "engineer", [], False),
    ("Jailbreak makes the assistant give harmful advice", "slm-jailbreak",
     ["endpoint"], (4, 3), "retain", (4, 3), "officer", [], True),
]


def _asset(kind: str) -> Asset | None:
    preferred = Asset.objects.filter(kind=kind, name=PREFERRED.get(kind)).first()
    return preferred or Asset.objects.filter(kind=kind).order_by("name").first()


def _risk(assessment, users, spec) -> Risk:
    title, code, kinds, inherent, treatment, residual, owner, actions, _ = spec
    threat = Threat.objects.get(code=code)
    risk = create_risk(
        acting_user=users["officer"], assessment=assessment, title=title, threat=threat,
        assets=[a for a in map(_asset, kinds) if a is not None],
        controls=list(threat.suggested_controls.all()[:3]),
        vulnerability=f"{threat.name}: no dedicated control before this assessment.",
        consequence="Loss of customer data or trust; possible GDPR notification.",
        inherent_likelihood=inherent[0], inherent_impact=inherent[1], treatment=treatment,
        residual_likelihood=residual[0], residual_impact=residual[1], owner=users[owner],
        status=Risk.Status.TREATING if actions else Risk.Status.OPEN,
    )
    today = timezone.localdate()
    for description, action_owner, days, status in actions:
        create_treatment_action(acting_user=users["officer"], risk=risk, description=description,
                      owner=users[action_owner], due_date=today + datetime.timedelta(days=days),
                      status=status)
    return risk


def _approved(users) -> RiskAssessment:
    assessment = start_assessment(
        acting_user=users["officer"], title=APPROVED,
        assessment_date=timezone.localdate() - datetime.timedelta(days=120),
        scope_notes="All SLM assets in production: models, endpoints, datasets, RAG pipeline, GPU cluster.",
    )
    for spec in RISKS:
        _risk(assessment, users, spec)
    _accept(assessment, users)
    submit_assessment(assessment, acting_user=users["officer"])
    return approve_assessment(assessment, acting_user=users["officer"])


def _accept(assessment, users) -> None:
    for title, *_, owner, _actions, accepted in RISKS:
        risk = assessment.risks.filter(title=title).first()
        if accepted and risk is not None and risk.above_appetite:
            accept_risk(risk, acting_user=users[owner], justification=(
                "Compensating monitoring is in place; residual risk reviewed with the model team."))


def _make_one_acceptance_stale(draft) -> None:
    """A new model release after the acceptance: the register asks for a re-acceptance."""
    risk = draft.risks.filter(title=RISKS[0][0]).first()
    acceptance = risk.current_acceptance if risk else None
    model = risk.assets.filter(kind=Asset.Kind.MODEL).first() if risk else None
    if acceptance is None or model is None or acceptance.is_stale:
        return
    model.model_version = f"{model.model_version or '1.0'}-hotfix1"
    model.save()


def seed(users: dict) -> None:
    criteria_seed()
    if not Asset.objects.exists():
        return
    if not RiskAssessment.objects.filter(title=APPROVED).exists():
        _approved(users)
    draft = RiskAssessment.objects.filter(title=DRAFT).first()
    if draft is None:
        draft = start_assessment(acting_user=users["officer"], title=DRAFT, copy_from_last_approved=True,
                                 scope_notes="Annual review; new releases of the support assistant.")
        _accept(draft, users)
    _make_one_acceptance_stale(draft)
