"""The inputs of a management review (ISO 27001 clause 9.3.2), computed from the ISMS's own data.

Each provider module exposes

    def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]

returning sections {"clause": "9.3.2 d) 1)", "heading": "...", "lines": ["...", ...]}. Other apps
add their module to REVIEW_INPUT_PROVIDERS (governance adds objectives and policy changes).
"""

from __future__ import annotations

import datetime
import importlib

REVIEW_INPUT_PROVIDERS: list[str] = [
    "audits.inputs.previous_actions",   # 9.3.2 a)
    "audits.inputs.context",            # 9.3.2 b) (scope and inventory changes)
    "audits.inputs.nonconformities",    # 9.3.2 d) 1)
    "audits.inputs.monitoring",         # 9.3.2 d) 2)
    "audits.inputs.audit_results",      # 9.3.2 d) 3)
    "audits.inputs.risks",              # 9.3.2 f)
    "audits.inputs.improvement",        # 9.3.2 g)
    "governance.review_inputs",         # 9.3.2 b) policy changes, d) 4) objectives
]


def clause_key(clause: str) -> tuple:
    """Sort "9.3.2 d) 10)" after "9.3.2 d) 2)"."""
    return tuple(int(part) if part.isdigit() else part
                 for part in clause.replace(")", " ").split())


def review_inputs_collect(since: datetime.date, until: datetime.date,
                          providers: list[str] | None = None) -> list[dict]:
    """Every provider's sections, in clause order."""
    sections = []
    for module in REVIEW_INPUT_PROVIDERS if providers is None else providers:
        sections.extend(importlib.import_module(module).review_inputs(since, until))
    return sorted(sections, key=lambda section: clause_key(section["clause"]))
