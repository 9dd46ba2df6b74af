"""Audit-pack sections (see the pack contract): policies with their approval status and
acknowledgement rates, and objectives with their measurements, as of a date. A fixed number
of queries whatever the number of policies, versions or measurements."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q

from governance.models import Measurement, Objective, Policy, PolicyVersion
from governance.trend import trend
from training.models import Person


def _in_force(versions: list[PolicyVersion], as_of: datetime.date) -> PolicyVersion | None:
    approved = [v for v in versions if v.approved_at and v.approved_at.date() <= as_of]
    return max(approved, key=lambda v: v.number, default=None)


def _policies(as_of: datetime.date) -> list[dict]:
    people = Person.objects.active().count()
    versions = PolicyVersion.objects.select_related("approved_by").annotate(
        acks=Count("acknowledgements", filter=Q(acknowledgements__acknowledged_on__lte=as_of,
                                                acknowledgements__person__active=True)))
    policies = Policy.objects.select_related("owner").prefetch_related(
        Prefetch("versions", queryset=versions.order_by("number")))
    rows = []
    for policy in policies.order_by("kind", "title"):
        all_versions = list(policy.versions.all())
        current = _in_force(all_versions, as_of)
        rows.append({
            "policy": policy, "current": current,
            "rate": round(100 * current.acks / people) if current and people else None,
            "acknowledged": current.acks if current else 0, "people": people,
            "overdue": policy.next_review_date < as_of,
            "versions": [v for v in all_versions if v.created_at.date() <= as_of],
        })
    return rows


def _objectives(as_of: datetime.date) -> list[dict]:
    measurements = Measurement.objects.filter(date__lte=as_of).select_related("recorded_by").order_by(
        "date", "pk")
    objectives = Objective.objects.with_latest_until(as_of).select_related("owner").prefetch_related(
        Prefetch("measurements", queryset=measurements))
    rows = []
    for objective in objectives.order_by("due_date", "title"):
        values = list(objective.measurements.all())
        rows.append({
            "objective": objective, "latest": objective.format(objective.latest_value),
            "meets": objective.meets(objective.latest_value), "measurements": values,
            "trend": trend(objective, values, width=240, height=60),
        })
    return rows


def pack_sections(as_of: datetime.date) -> list[dict]:
    return [
        {"key": "policies", "title": "Information security policies (clause 5.2, A.5.1)",
         "template": "governance/pack/policies.html",
         "context": {"as_of": as_of, "policies": _policies(as_of)}},
        {"key": "objectives", "title": "Information security objectives and their measurement "
                                       "(clauses 6.2, 9.1)",
         "template": "governance/pack/objectives.html",
         "context": {"as_of": as_of, "objectives": _objectives(as_of)}},
    ]


