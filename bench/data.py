"""The standard large ISMS of the benchmarks (issue #11), built fast and deterministically.

`bench_data_generate(assets=1000, risks=2000, evidence=5000, people=300, seed=42)` fills an
empty ISMS with one organisation: SLM assets with dependencies and model cards, one risk
assessment over them and the threat library, a decided Statement of Applicability, evidence
items with small real files (written through the storage backend, real SHA-256), people with
training records, then a short history of real audited edits so the audit trail has pages.

Rows are bulk-created with the audit log switched off (the generator only; the product never
does this): thousands of per-row saves and chained audit entries would make the workload
minutes to build. The same seed gives the same rows; dates are relative to the day it runs.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog, set_actor
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from assets.models import Asset
from connectors.models import Connector, ConnectorRun
from controls.models import Control, SoAEntry
from evidence.models import Evidence, EvidenceFile, EvidenceVersion
from isms.models import User
from isms.roles import ENGINEER, GROUP_NAMES, OFFICER, roles_sync
from risks.models import Risk, RiskAssessment, RiskCriteria, Threat, TreatmentAction
from risks.scoring import rate
from training.models import Course, Person, TrainingRecord

BATCH = 1000
KINDS = [  # (kind, weight): a realistic SLM estate has more models and data than suppliers
    ("model", 20), ("dataset", 20), ("endpoint", 15), ("pipeline", 15), ("application", 15),
    ("infrastructure", 10), ("supplier_service", 5),
]
BASE_MODELS = ["mistralai/Mistral-7B-Instruct-v0.3", "meta-llama/Llama-3.2-3B", "microsoft/phi-4-mini",
               "google/gemma-2-9b", "Qwen/Qwen2.5-7B-Instruct", "microsoft/deberta-v3-base"]
TEAMS = ["ml-platform", "applied-research", "customer-ai"]
JOB_ROLES = ["Data scientist", "ML engineer", "Platform engineer", "Product manager", "Analyst"]
COURSES = [  # title, topic, validity months, teams, job roles, PII-asset audience
    ("Security awareness 2026", "security_awareness", 12, TEAMS, [], False),
    ("Secure SLM development", "secure_slm_development", 24, ["ml-platform", "applied-research"], [], False),
    ("Privacy and personal data in training sets", "privacy_pii", 12, [], ["Data scientist"], True),
    ("Incident response for model endpoints", "incident_response", 12, ["ml-platform"], [], False),
    ("Prompt-injection defence", "secure_slm_development", 12, ["customer-ai"], ["ML engineer"], False),
    ("Supplier and model-hub due diligence", "other", 36, [], ["Product manager"], False),
]
ENGINEERS = 20
DEFAULT_AUDITED_EDITS = 1000


class BenchDataRefused(Exception):
    """The database already holds an ISMS; the workload is defined on an empty one."""


@dataclass
class BenchReport:
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _existing_data() -> list[str]:
    checks = {"assets": Asset, "risks": Risk, "evidence items": Evidence, "people": Person}
    return [name for name, model in checks.items() if model.objects.exists()]


def _users(rng: random.Random) -> tuple[User, list[User]]:
    roles_sync()
    unusable = make_password(None)  # the bench signs in with force_login
    made = User.objects.bulk_create(
        [User(username="bench-officer", first_name="Bench", last_name="Officer", password=unusable)]
        + [User(username=f"bench-engineer-{n:02}", first_name="Engineer", last_name=f"{n:02}",
                password=unusable) for n in range(1, ENGINEERS + 1)]
    )
    officer, engineers = made[0], made[1:]
    groups = {role: Group.objects.get(name=GROUP_NAMES[role]) for role in (OFFICER, ENGINEER)}
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=officer.pk, group_id=groups[OFFICER].pk)]
        + [through(user_id=e.pk, group_id=groups[ENGINEER].pk) for e in engineers]
    )
    return officer, engineers


def _model_card(rng: random.Random, kind: str, n: int) -> dict:
    if kind not in Asset.MODEL_CARD_KINDS:
        return {}
    return {
        "base_model": rng.choice(BASE_MODELS), "model_version": f"{rng.randint(1, 4)}.{rng.randint(0, 9)}.0",
        "parameter_count": rng.choice([184_000_000, 3_000_000_000, 7_248_023_552, 9_000_000_000]),
        "architecture": "Transformer decoder, LoRA r=16", "licence": rng.choice(["Apache-2.0", "MIT"]),
        "intended_use": f"Intended use of asset {n}.", "limitations": "English only\nMay hallucinate",
        "evaluation_results": f"accuracy: 0.{rng.randint(60, 99)}",
        "artefact_sha256": hashlib.sha256(f"artefact-{n}".encode()).hexdigest(),
        "endpoint_url": f"https://slm-{n}.example.net/v1" if kind == "endpoint" else "",
        "encrypted_at_rest": rng.random() < 0.8, "encrypted_in_transit": True,
    }


def _assets(rng: random.Random, count: int, engineers: list[User]) -> list[Asset]:
    kinds, weights = zip(*KINDS, strict=True)
    rows = []
    for n in range(1, count + 1):
        kind = rng.choices(kinds, weights)[0]
        rows.append(Asset(
            name=f"{kind.replace('_', '-')}-{n:04}", kind=kind, owner=rng.choice(engineers),
            description=f"Benchmark {kind} number {n}.",
            classification=rng.choice(["public", "internal", "confidential", "restricted"]),
            confidentiality=rng.randint(1, 4), integrity=rng.randint(1, 4), availability=rng.randint(1, 4),
            holds_pii=rng.random() < 0.15, hosting=rng.choice(["on_premises", "cloud", "vendor"]),
            region=rng.choice(["eu-west-1", "eu-central-1", "Frankfurt DC"]), **_model_card(rng, kind, n),
        ))
    assets = Asset.objects.bulk_create(rows, batch_size=BATCH)
    datasets = [a for a in assets if a.kind == "dataset"]
    deps, trained, assigned = [], [], []
    for i, asset in enumerate(assets):
        for other in rng.sample(assets[:i], min(i, rng.randint(0, 3))):  # earlier only: a DAG
            deps.append(Asset.depends_on.through(from_asset_id=asset.pk, to_asset_id=other.pk))
        if asset.kind == "model" and datasets:
            for ds in rng.sample(datasets, min(len(datasets), rng.randint(1, 2))):
                trained.append(Asset.training_datasets.through(from_asset_id=asset.pk, to_asset_id=ds.pk))
        for user in rng.sample(engineers, rng.randint(0, 2)):
            assigned.append(Asset.assignees.through(asset_id=asset.pk, user_id=user.pk))
    Asset.depends_on.through.objects.bulk_create(deps, batch_size=BATCH)
    Asset.training_datasets.through.objects.bulk_create(trained, batch_size=BATCH)
    Asset.assignees.through.objects.bulk_create(assigned, batch_size=BATCH)
    return assets


def _risks(rng, count: int, officer: User, engineers: list[User], assets: list[Asset],
           controls: list[Control]) -> list[Risk]:
    criteria = RiskCriteria.objects.current()
    assessment = RiskAssessment.objects.create(
        title="Benchmark SLM estate risk assessment", assessor=officer, criteria=criteria,
    )
    threats = list(Threat.objects.active())
    scale_l, scale_i = len(criteria.likelihood_labels), len(criteria.impact_labels)
    rows = []
    for n in range(1, count + 1):
        threat = rng.choice(threats)
        il, ii = rng.randint(1, scale_l), rng.randint(1, scale_i)
        rl, ri = rng.randint(1, il), rng.randint(1, ii)
        risk = Risk(
            assessment=assessment, title=f"{threat.name} on scenario {n:04}", threat=threat,
            vulnerability=f"Weakness {n} exploited by {threat.name}.", consequence="Loss of data or service.",
            inherent_likelihood=il, inherent_impact=ii, residual_likelihood=rl, residual_impact=ri,
            treatment=rng.choice(["modify", "modify", "retain", "avoid", "share"]),
            owner=rng.choice([officer, *engineers]), status=rng.choice(["open", "treating", "closed"]),
        )
        risk.inherent_score, risk.inherent_level = rate(criteria, il, ii)
        risk.residual_score, risk.residual_level = rate(criteria, rl, ri)
        rows.append(risk)
    risks = Risk.objects.bulk_create(rows, batch_size=BATCH)
    links, control_links, actions = [], [], []
    today = timezone.localdate()
    for risk in risks:
        for asset in rng.sample(assets, rng.randint(1, 3)):
            links.append(Risk.assets.through(risk_id=risk.pk, asset_id=asset.pk))
        for control in rng.sample(controls, rng.randint(1, 3)):
            control_links.append(Risk.controls.through(risk_id=risk.pk, control_id=control.pk))
        for _ in range(rng.choice([0, 0, 1, 2])):
            actions.append(TreatmentAction(
                risk=risk, description=f"Treatment step for risk {risk.pk}", owner=risk.owner,
                due_date=today + datetime.timedelta(days=rng.randint(-60, 120)),
                status=rng.choice(["open", "in_progress", "done"]),
            ))
    Risk.assets.through.objects.bulk_create(links, batch_size=BATCH)
    Risk.controls.through.objects.bulk_create(control_links, batch_size=BATCH)
    TreatmentAction.objects.bulk_create(actions, batch_size=BATCH)
    return risks


def _soa(rng, officer: User, engineers: list[User], assets: list[Asset], controls: list[Control]) -> None:
    entries = list(SoAEntry.objects.filter(control__in=controls))
    today = timezone.localdate()
    assignees, covered = [], []
    for entry in entries:
        entry.applicable = rng.random() < 0.9
        entry.justification = ("Needed for the SLM estate." if entry.applicable
                               else "No such activity in the organisation.")
        entry.implementation_status = rng.choice(["planned", "partial", "implemented", "implemented"])
        entry.owner = officer
        entry.implementation = f"How {entry.control.ref} is implemented."
        entry.last_reviewed = today - datetime.timedelta(days=rng.randint(0, 300))
        for user in rng.sample(engineers, rng.randint(1, 2)):
            assignees.append(SoAEntry.assignees.through(soaentry_id=entry.pk, user_id=user.pk))
        for asset in rng.sample(assets, rng.randint(0, 5)):
            covered.append(SoAEntry.assets.through(soaentry_id=entry.pk, asset_id=asset.pk))
    SoAEntry.objects.bulk_update(entries, ["applicable", "justification", "implementation_status", "owner",
                                           "implementation", "last_reviewed"])
    SoAEntry.assignees.through.objects.bulk_create(assignees)
    SoAEntry.assets.through.objects.bulk_create(covered)


def _evidence_file(rng: random.Random, n: int) -> tuple[str, bytes]:
    lines = [f"check {n}.{i}: {rng.choice(['pass', 'pass', 'fail'])} value={rng.randint(0, 10**6)}"
             for i in range(rng.randint(3, 12))]
    return f"evidence-{n:05}.txt", ("\n".join(lines) + "\n").encode()


def _evidence(rng, count: int, officer: User, assets: list[Asset], controls: list[Control],
              risks: list[Risk]) -> list[Evidence]:
    today = timezone.localdate()
    rows = []
    for n in range(1, count + 1):
        effective = today - datetime.timedelta(days=rng.randint(0, 400))
        rows.append(Evidence(
            title=f"Evidence {n:05}: {rng.choice(['access review', 'CI scan', 'eval report', 'config'])}",
            description=f"Benchmark evidence item {n}.", effective_date=effective,
            valid_until=effective + datetime.timedelta(days=rng.choice([90, 180, 365])) if rng.random() < 0.8
            else None, source=rng.choice(["upload", "api", "connector"]),
            review_status=rng.choice(["pending", "accepted", "accepted", "rejected"]), created_by=officer,
        ))
    items = Evidence.objects.bulk_create(rows, batch_size=BATCH)
    versions = EvidenceVersion.objects.bulk_create(
        [EvidenceVersion(evidence=item, number=1, created_by=officer) for item in items], batch_size=BATCH)
    files, links = [], {"controls": [], "assets": [], "risks": []}
    for n, (item, version) in enumerate(zip(items, versions, strict=True), start=1):
        name, content = _evidence_file(rng, n)
        path = default_storage.save(f"evidence/bench/{n:05}/{name}", ContentFile(content))
        files.append(EvidenceFile(version=version, file=path, original_name=name, size=len(content),
                                  sha256=hashlib.sha256(content).hexdigest(), content_type="text/plain"))
        for c in rng.sample(controls, rng.randint(1, 2)):
            links["controls"].append(Evidence.controls.through(evidence_id=item.pk, control_id=c.pk))
        for a in rng.sample(assets, rng.randint(0, 2)):
            links["assets"].append(Evidence.assets.through(evidence_id=item.pk, asset_id=a.pk))
        if rng.random() < 0.2:
            links["risks"].append(Evidence.risks.through(evidence_id=item.pk, risk_id=rng.choice(risks).pk))
    EvidenceFile.objects.bulk_create(files, batch_size=BATCH)
    for name, rows_ in links.items():
        getattr(Evidence, name).through.objects.bulk_create(rows_, batch_size=BATCH)
    return items


def _training(rng, count: int, engineers: list[User], assets: list[Asset]) -> int:
    courses = Course.objects.bulk_create([
        Course(title=t, topic=topic, validity_months=months, teams=teams, job_roles=roles, provider="Bench",
               audience_pii_assets=pii) for t, topic, months, teams, roles, pii in COURSES])
    pii_models = [a for a in assets if a.holds_pii][:5]
    Course.audience_assets.through.objects.bulk_create(
        [Course.audience_assets.through(course_id=courses[1].pk, asset_id=a.pk) for a in pii_models])
    people = Person.objects.bulk_create([
        Person(name=f"Person {n:03}", email=f"person{n:03}@bench.example", team=TEAMS[(n - 1) % len(TEAMS)],
               job_role=rng.choice(JOB_ROLES), user=engineers[n - 1] if n <= len(engineers) else None)
        for n in range(1, count + 1)])
    today = timezone.localdate()
    records = []
    for person in people:
        for course in rng.sample(courses, rng.randint(0, 4)):
            done = today - datetime.timedelta(days=rng.randint(0, 900))
            expires = done + datetime.timedelta(days=30 * course.validity_months)
            records.append(TrainingRecord(person=person, course=course, completed_on=done, expires_on=expires,
                                          score=rng.randint(60, 100)))
    TrainingRecord.objects.bulk_create(records, batch_size=BATCH)
    return len(records)


def _audited_edits(rng, count: int, officer: User, assets: list[Asset]) -> None:
    """Real edits through save(), audit log on: each one writes a chained audit entry."""
    with set_actor(officer):
        for n in range(count):
            asset = rng.choice(assets)
            asset.description = f"Reviewed in pass {n}."
            asset.status = rng.choice(["development", "production"])
            with transaction.atomic():
                asset.save()


# (name, kind, config, control refs, share of runs that fail)
BENCH_CONNECTORS = [
    ("ISMS access review", "isms_access_review", {"inactive_days": 90}, ["5.18", "8.2"], 0.0),
    ("Identity provider users", "http_json", {"url": "https://idp.example.com/api/v1/users"},
     ["5.16", "8.5"], 0.1),
    ("Gateway repository", "git_repo", {"url": "https://git.example.com/ml/gateway.git"},
     ["8.25", "8.28"], 0.05),
    ("Support SLM endpoint", "slm_endpoint", {"url": "https://slm.internal/v1/chat/completions",
                                              "model": "support-7b"}, ["8.26"], 0.2),
]
RUNS_PER_CONNECTOR = 50


def _connectors(rng, officer: User, controls: list[Control]) -> int:
    """A few connectors with a run history (hourly runs, some failed); no evidence of their own."""
    by_ref = {control.ref: control for control in controls}
    now = timezone.now()
    runs = []
    for name, kind, config, refs, failure_share in BENCH_CONNECTORS:
        connector = Connector.objects.create(name=name, kind=kind, config=config, created_by=officer,
                                             interval_minutes=60, next_due_at=now)
        connector.controls.set([by_ref[ref] for ref in refs if ref in by_ref])
        for n in range(RUNS_PER_CONNECTOR):
            started = now - datetime.timedelta(hours=RUNS_PER_CONNECTOR - n)
            failed = rng.random() < failure_share
            runs.append(ConnectorRun(
                connector=connector, created_at=started, started_at=started,
                finished_at=started + datetime.timedelta(seconds=rng.uniform(0.2, 8)), attempts=1,
                status=ConnectorRun.Status.FAILED if failed else ConnectorRun.Status.SUCCEEDED,
                error="Cannot connect: timed out after 10 s" if failed else "",
                policy_allow=None if failed else rng.random() > 0.1,
            ))
        last = runs[-1]
        Connector.objects.filter(pk=connector.pk).update(
            last_status=last.status, last_run_at=last.finished_at, last_policy_allow=last.policy_allow)
    ConnectorRun.objects.bulk_create(runs, batch_size=BATCH)
    return len(runs)


def bench_data_generate(*, assets: int = 1000, risks: int = 2000, evidence: int = 5000, people: int = 300,
                        audited_edits: int = DEFAULT_AUDITED_EDITS, seed: int = 42,
                        progress: Callable[[str], None] = lambda _: None) -> BenchReport:
    """Build the standard workload on an empty ISMS; refuses a database that already has one."""
    existing = _existing_data()
    if existing:
        raise BenchDataRefused(f"The database already has {', '.join(existing)}; "
                               "generate the benchmark data on a freshly migrated database.")
    rng = random.Random(seed)
    report = BenchReport()
    with transaction.atomic(), disable_auditlog():
        officer, engineers = _users(rng)
        controls = list(Control.objects.in_framework("iso27001-2022").order_by("position"))
        if not controls:
            controls = list(Control.objects.order_by("framework", "position"))
        progress("assets")
        made_assets = _assets(rng, assets, engineers)
        progress("risks")
        made_risks = _risks(rng, risks, officer, engineers, made_assets, controls)
        progress("statement of applicability")
        _soa(rng, officer, engineers, made_assets, controls)
        progress("evidence (files through the storage backend)")
        _evidence(rng, evidence, officer, made_assets, controls, made_risks)
        progress("people and training")
        report.counts["training records"] = _training(rng, people, engineers, made_assets)
        progress("connectors and their run history")
        report.counts["connector runs"] = _connectors(rng, officer, controls)
    progress("audited edits (audit log on)")
    _audited_edits(rng, audited_edits, officer, made_assets)
    if connection.vendor == "postgresql":  # planner statistics, as autovacuum would soon gather
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    report.counts.update({"assets": assets, "risks": risks, "evidence items": evidence, "people": people,
                          "SoA entries": len(controls), "audited edits": audited_edits})
    return report
