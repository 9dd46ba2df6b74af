"""How many risks and evidence items point at each control, for the SoA export and pages.

controls must not import risks or evidence; the lead extends these two functions when those
apps are merged (e.g. Control.objects.annotate(n=Count("risks")))."""

from __future__ import annotations

from collections.abc import Iterable


def risk_counts(control_ids: Iterable[int]) -> dict[int, int]:
    """{control id: number of linked risks}; controls missing from the dict have none."""
    return {}


def evidence_counts(control_ids: Iterable[int]) -> dict[int, int]:
    """{control id: number of evidence items}; controls missing from the dict have none."""
    return {}
