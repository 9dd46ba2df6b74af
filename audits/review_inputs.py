"""The inputs of a management review (ISO 27001 clause 9.3.2), computed from the ISMS's own data.

Each provider is a function

    def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]

returning sections {"clause": "9.3.2 d) 1)", "heading": "...", "lines": ["...", ...]}. This app
sits above the apps it reads, so it imports their providers directly (governance adds
objectives and policy changes).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from audits.inputs import (
    audit_results,
    context,
    improvement,
    monitoring,
    nonconformities,
    previous_actions,
    risks,
)
from governance import review_inputs as governance_inputs

Provider = Callable[[datetime.date, datetime.date], list[dict]]
REVIEW_INPUT_PROVIDERS: list[Provider] = [
    previous_actions.review_inputs,   # 9.3.2 a)
    context.review_inputs,            # 9.3.2 b) (scope and inventory changes)
    nonconformities.review_inputs,    # 9.3.2 d) 1)
    monitoring.review_inputs,         # 9.3.2 d) 2)
    audit_results.review_inputs,      # 9.3.2 d) 3)
    risks.review_inputs,              # 9.3.2 f)
    improvement.review_inputs,        # 9.3.2 g)
    governance_inputs.review_inputs,  # 9.3.2 b) policy changes, d) 4) objectives
]


def clause_key(clause: str) -> tuple:
    """Sort "9.3.2 d) 10)" after "9.3.2 d) 2)"."""
    return tuple(int(part) if part.isdigit() else part
                 for part in clause.replace(")", " ").split())


def review_inputs_collect(since: datetime.date, until: datetime.date,
                          providers: list[Provider] | None = None) -> list[dict]:
    """Every provider's sections, in clause order."""
    sections = []
    for provider in REVIEW_INPUT_PROVIDERS if providers is None else providers:
        sections.extend(provider(since, until))
    return sorted(sections, key=lambda section: clause_key(section["clause"]))
