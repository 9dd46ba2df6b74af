"""A large ISMS for the audit-pack benchmark: 1,000 assets, 2,000 risks, 5,000 evidence items
with small files, a complete SoA, 300 people with training records. Deterministic (seeded).

Bulk inserts, and so NO audit-log entries for the generated rows (the audit log's signals do not
fire for bulk_create): a benchmark fixture, never a way to load real data. Issue #11's
`generate_bench_data` is the full generator; this one is just enough for the pack."""

import datetime
import hashlib
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

KINDS = ["model", "dataset", "endpoint", "pipeline", "application", "infrastructure", "supplier_service"]
TREATMENTS = ["modify", "retain", "avoid", "share"]


def _users():
    User = get_user_model()
    users = []
    for n in range(20):
        user, _ = User.objects.get_or_create(username=f"bench-user-{n}", defaults={
            "first_name": f"Bench{n}", "last_name": "User", "email": f"bench{n}@example.com"})
        users.append(user)
    User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    return users


def _assets(rng, users):
    from isms.models import Asset

    assets = [Asset(
        name=f"bench-asset-{n:04d}", kind=KINDS[n % len(KINDS)], owner=rng.choice(users),
        classification=rng.choice(["public", "internal", "confidential", "restricted"]),
        confidentiality=rng.randint(1, 4), integrity=rng.randint(1, 4), availability=rng.randint(1, 4),
        holds_pii=n % 5 == 0, pii_categories=["contact"] if n % 5 == 0 else [], region="eu-west-1",
        base_model="Mistral-7B" if KINDS[n % len(KINDS)] == "model" else "", model_version=f"1.{n % 9}",
        parameter_count=7_000_000_000 if n % 7 == 0 else None, licence="Apache-2.0",
        intended_use="Customer-support answers grounded in the help-centre articles.",
        limitations="May hallucinate product names; English only.",
    ) for n in range(1000)]
    Asset.objects.bulk_create(assets, batch_size=500)
    assets = list(Asset.objects.filter(name__startswith="bench-asset-").order_by("name"))
    links = [Asset.depends_on.through(from_asset_id=a.pk, to_asset_id=assets[(i + 1) % len(assets)].pk)
             for i, a in enumerate(assets)]
    Asset.depends_on.through.objects.bulk_create(links, batch_size=1000)
    return assets


def _risks(rng, users, assets):
    from risks.models import Risk, RiskAcceptance, RiskAssessment, RiskCriteria, Threat, TreatmentAction
    from risks.scoring import rate

    criteria = RiskCriteria.objects.current()
    assessment = RiskAssessment.objects.create(title="Bench assessment", assessor=users[0], criteria=criteria)
    threats = list(Threat.objects.all())
    risks = []
    for n in range(2000):
        il, ii, rl, ri = (rng.randint(1, 5) for _ in range(4))
        (i_score, i_level), (r_score, r_level) = rate(criteria, il, ii), rate(criteria, rl, ri)
        risks.append(Risk(
            assessment=assessment, title=f"Bench risk {n:04d}", threat=rng.choice(threats),
            inherent_likelihood=il, inherent_impact=ii, inherent_score=i_score, inherent_level=i_level,
            residual_likelihood=rl, residual_impact=ri, residual_score=r_score, residual_level=r_level,
            treatment=rng.choice(TREATMENTS), owner=rng.choice(users),
        ))
    Risk.objects.bulk_create(risks, batch_size=500)
    risks = list(Risk.objects.filter(assessment=assessment).order_by("pk"))
    Risk.assets.through.objects.bulk_create(
        [Risk.assets.through(risk_id=r.pk, asset_id=rng.choice(assets).pk) for r in risks], batch_size=1000)
    due = timezone.localdate() + datetime.timedelta(days=30)
    TreatmentAction.objects.bulk_create([TreatmentAction(
        risk=r, description=f"Apply control for {r.title}", owner=r.owner, due_date=due) for r in risks[::4]])
    RiskAcceptance.objects.bulk_create([RiskAcceptance(
        risk=r, accepted_by=users[0], justification="Accepted by the board for the pilot.",
        residual_score_at_acceptance=r.residual_score,
    ) for r in risks if r.residual_score > criteria.appetite][:300])


def _soa(users):
    from controls.models import SoAEntry

    entries = list(SoAEntry.objects.all())
    for n, entry in enumerate(entries):
        entry.applicable = n % 10 != 0
        entry.justification = "Required by the treatment plan." if entry.applicable else "No such activity."
        entry.implementation_status = ["implemented", "partial", "planned", "not_started"][n % 4]
        entry.owner = users[n % len(users)]
    SoAEntry.objects.bulk_update(entries, ["applicable", "justification", "implementation_status", "owner"])
    return [e.control_id for e in entries]


def _evidence(rng, users, assets, control_ids):
    from evidence.models import Evidence, EvidenceFile, EvidenceVersion

    today = timezone.localdate()
    items = Evidence.objects.bulk_create([Evidence(
        title=f"Bench evidence {n:04d}", source=["upload", "api", "connector"][n % 3],
        effective_date=today, valid_until=today + datetime.timedelta(days=180),
        review_status=["pending", "accepted"][n % 2], created_by=rng.choice(users),
    ) for n in range(5000)], batch_size=1000)
    versions = EvidenceVersion.objects.bulk_create(
        [EvidenceVersion(evidence=e, number=1, created_by=e.created_by) for e in items], batch_size=1000)
    root = Path(default_storage.path("evidence/bench"))
    root.mkdir(parents=True, exist_ok=True)
    files = []
    for n, version in enumerate(versions):
        data = f"bench evidence {n}\n".encode() * 20
        (root / f"{n:04d}.txt").write_bytes(data)
        files.append(EvidenceFile(
            version=version, file=f"evidence/bench/{n:04d}.txt", original_name=f"export-{n}.txt",
            sha256=hashlib.sha256(data).hexdigest(), size=len(data), content_type="text/plain",
        ))
    EvidenceFile.objects.bulk_create(files, batch_size=1000)
    Evidence.controls.through.objects.bulk_create(
        [Evidence.controls.through(evidence_id=e.pk, control_id=rng.choice(control_ids)) for e in items],
        batch_size=1000)
    Evidence.assets.through.objects.bulk_create(
        [Evidence.assets.through(evidence_id=e.pk, asset_id=rng.choice(assets).pk) for e in items],
        batch_size=1000)


def _training(rng):
    from isms.models import Course, Person, TrainingRecord

    people = Person.objects.bulk_create([Person(
        name=f"Bench person {n:03d}", email=f"bench-person-{n}@example.com",
        team=["ML Platform", "Data", "Support"][n % 3], job_role="Engineer") for n in range(300)])
    courses = [Course.objects.create(title=f"Bench course {n}", validity_months=12,
                                     teams=["ML Platform", "Data", "Support"]) for n in range(4)]
    today = timezone.localdate()
    TrainingRecord.objects.bulk_create([TrainingRecord(
        person=p, course=c, completed_on=today - datetime.timedelta(days=rng.randint(0, 400)),
        expires_on=today + datetime.timedelta(days=rng.randint(-35, 330)),
    ) for p in people for c in courses if rng.random() < 0.8], batch_size=1000)


@transaction.atomic
def generate(seed: int = 42) -> None:
    from isms.models import Asset

    if Asset.objects.filter(name__startswith="bench-asset-").exists():
        print("bench data already present")
        return
    rng = random.Random(seed)
    users = _users()
    assets = _assets(rng, users)
    _risks(rng, users, assets)
    control_ids = _soa(users)
    _evidence(rng, users, assets, control_ids)
    _training(rng)
    print("bench data generated (bulk inserts: the audit log was not written for these rows)")
