"""Demo policies and objectives: the information security policy (v1 approved, acknowledged by
part of the staff), the SLM acceptable-use policy (v1 approved, v2 a draft awaiting approval),
an AI data-handling policy past its review date, and three objectives with measurements (two
measured from the product's own data). Idempotent."""

# ruff: noqa: E501  (policy texts are prose, one paragraph a line)

import datetime
from decimal import Decimal

from django.utils import timezone
from guardian.shortcuts import assign_perm

from governance.models import Acknowledgement, Measurement, Objective, Policy, PolicyVersion
from governance.services.objectives import MEASURE_PERM, measure_objective
from training.models import Person

INFOSEC_TEXT = """1. Purpose
This policy sets the direction for information security in the design, training and operation of our small language models (SLMs).

2. Commitments
We protect the confidentiality, integrity and availability of models, datasets, prompts and outputs; we meet legal, regulatory and contractual requirements; we continually improve the ISMS.

3. Responsibilities
The compliance officer runs the ISMS. Asset owners keep their SLM assets and evidence up to date. Everyone reports security events at once."""

AUP_V1 = """Staff may use approved SLM endpoints for work only. Never paste customer personal data into prompts of endpoints not approved for personal data. Report unexpected model output that reveals confidential data."""
AUP_V2 = AUP_V1 + """

New in v2: fine-tuning on production tickets requires a data-protection review; prompts and outputs of customer-facing endpoints are logged for 30 days and reviewed for prompt injection."""
DATA_TEXT = """Training datasets are classified before use, pseudonymised where they hold personal data, and recorded as assets with their provenance."""

# title, kind, topic, owner key, review months, next review (days from today), versions
POLICIES = [
    ("Information security policy", "infosec", "general", "officer", 12, 300,
     [(INFOSEC_TEXT, "First issue", "approved")]),
    ("Acceptable use of SLMs", "topic", "slm_acceptable_use", "officer", 12, 120,
     [(AUP_V1, "First issue", "approved"), (AUP_V2, "Fine-tuning review and prompt logging", "draft")]),
    ("AI data handling", "topic", "ai_data_handling", "engineer", 6, -20,
     [(DATA_TEXT, "First issue", "approved")]),
]

# title, measure, target, unit, direction, owner key, metric, past (days ago, value)
OBJECTIVES = [
    ("Implement the applicable Annex A controls", "Share of applicable Annex A controls implemented",
     "90", "%", "higher", "officer", "annex_a_implemented", [(90, "40"), (60, "48"), (30, "55")]),
    ("Keep security training current", "Share of required training that is current",
     "95", "%", "higher", "officer", "training_current", [(60, "70"), (30, "74")]),
    ("Patch critical CVEs in SLM serving images within 14 days",
     "Median days from CVE publication to patched image in production", "14", "days", "lower",
     "engineer", "", [(90, "21"), (60, "17"), (30, "12"), (5, "11")]),
]


def _versions(policy: Policy, rows, officer) -> None:
    for number, (text, summary, status) in enumerate(rows, start=1):
        if policy.versions.filter(number=number).exists():
            continue
        approved = status == "approved"
        PolicyVersion.objects.create(
            policy=policy, number=number, text=text, change_summary=summary, status=status,
            created_by=officer, approved_by=officer if approved else None,
            approved_at=timezone.now() - datetime.timedelta(days=60) if approved else None,
        )


def _policies(users: dict, today: datetime.date) -> None:
    for title, kind, topic, owner, months, review_in, versions in POLICIES:
        policy, _ = Policy.objects.get_or_create(title=title, defaults={
            "kind": kind, "topic": topic, "owner": users[owner], "review_interval_months": months,
            "next_review_date": today + datetime.timedelta(days=review_in)})
        _versions(policy, versions, users["officer"])
    people = list(Person.objects.active().order_by("name"))
    # The information security policy is acknowledged by most staff, acceptable use by fewer.
    for title, share in ((POLICIES[0][0], 7), (POLICIES[1][0], 4)):
        version = PolicyVersion.objects.get(policy__title=title, number=1)
        for person in people[:share]:
            Acknowledgement.objects.get_or_create(version=version, person=person, defaults={
                "acknowledged_on": today - datetime.timedelta(days=30),
                "recorded_by": users["officer"]})


def _objectives(users: dict, today: datetime.date) -> None:
    for title, measure, target, unit, direction, owner, metric, past in OBJECTIVES:
        objective, created = Objective.objects.get_or_create(title=title, defaults={
            "measure": measure, "target_value": Decimal(target), "unit": unit,
            "direction": direction, "owner": users[owner], "metric": metric,
            "due_date": today + datetime.timedelta(days=180)})
        assign_perm(MEASURE_PERM, objective.owner, objective)  # as create_objective does
        if created:
            for days, value in past:
                Measurement.objects.create(
                    objective=objective, date=today - datetime.timedelta(days=days),
                    value=Decimal(value), recorded_by=users[owner], note="Monthly review")
        if metric:
            measure_objective(objective, today=today)


def seed(users: dict) -> None:
    today = timezone.localdate()
    _policies(users, today)
    _objectives(users, today)
