"""How many risks and evidence items point at each control, for the SoA export and pages.

Counted from the link tables in one query each; the apps are imported inside the functions
because risks and evidence themselves import controls."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count


def risk_counts(control_ids: Iterable[int]) -> dict[int, int]:
    """{control id: number of linked risks}; controls missing from the dict have none."""
    from risks.models import Risk

    links = Risk.controls.through.objects.filter(control_id__in=list(control_ids))
    return dict(links.values("control_id").annotate(n=Count("risk_id")).values_list("control_id", "n"))


def evidence_counts(control_ids: Iterable[int]) -> dict[int, int]:
    """{control id: number of evidence items}; controls missing from the dict have none."""
    from evidence.models import Evidence

    links = Evidence.controls.through.objects.filter(control_id__in=list(control_ids))
    return dict(links.values("control_id").annotate(n=Count("evidence_id")).values_list("control_id", "n"))
