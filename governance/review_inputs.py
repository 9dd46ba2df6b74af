"""Inputs to the management review (clause 9.3.2) that come from policies and objectives.
The management-review builder (audits app) calls review_inputs(since, until)."""

from __future__ import annotations

import datetime

from governance.models import Objective, PolicyVersion


def _objective_line(objective: Objective) -> str:
    value = objective.latest_value
    if value is None:
        return f"{objective.title}: not measured yet (target {objective.target_label})"
    state = "on target" if objective.meets(value) else "off target"
    when = f", measured {objective.latest_date:%Y-%m-%d}"
    return f"{objective.title}: {objective.format(value)} (target {objective.target_label}, {state}{when})"


def objectives_input(until: datetime.date) -> dict:
    """Each objective not cancelled, with its latest value on or before `until`."""
    objectives = Objective.objects.exclude(status=Objective.Status.CANCELLED).with_latest_until(until)
    return {
        "clause": "9.3.2 d) 4)",
        "heading": "Fulfilment of information security objectives",
        "lines": [_objective_line(o) for o in objectives.order_by("title")]
        or ["No information security objectives are set."],
    }


def policy_changes_input(since: datetime.date, until: datetime.date) -> dict:
    """Policy versions approved in the period (a change in internal issues)."""
    versions = (
        PolicyVersion.objects.filter(approved_at__date__gte=since, approved_at__date__lte=until)
        .select_related("policy", "approved_by").order_by("approved_at")
    )
    lines = [
        f"{v.policy.title} v{v.number} approved {v.approved_at:%Y-%m-%d} by "
        f"{v.approved_by.get_full_name() or v.approved_by.username}"
        + (f": {v.change_summary}" if v.change_summary else "")
        for v in versions
    ]
    return {
        "clause": "9.3.2 b)",
        "heading": "Changes in external and internal issues: policies approved",
        "lines": lines or ["No policy version was approved in the period."],
    }


def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]:
    return [policy_changes_input(since, until), objectives_input(until)]
