"""Sections that a higher app adds to the detail page of a lower app's record.

The page of one record shows what other apps hold about it: an asset's risks, controls and
evidence, a control's risks, evidence and connectors, an incident's nonconformities. Those apps
sit higher (they import the record's app, never the reverse), so each registers its section
when it loads (its AppConfig.ready); the detail page (isms.generic.IsmsDetailView) renders the
sections registered for its model, in `position` order.

A section's `context(obj, user)` returns what its template needs, or None when this user may
not see that part (it asks isms.access, like every view)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class RelatedSection:
    template: str
    context: Callable[[models.Model, object], dict | None]
    position: int
    css_class: str = "col-12"


_sections: dict[str, list[RelatedSection]] = {}


def register_section(model_label: str, section: RelatedSection) -> None:
    """Add a section to the detail page of `model_label` ("assets.asset"); idempotent."""
    sections = _sections.setdefault(model_label.lower(), [])
    if section not in sections:
        sections.append(section)
        sections.sort(key=lambda s: s.position)


def related_sections(obj: models.Model, user) -> list[dict]:
    """The sections of `obj`'s page this user sees: {"template", "css_class", **context}."""
    shown = []
    for section in _sections.get(obj._meta.label_lower, []):
        context = section.context(obj, user)
        if context is not None:
            shown.append({"template": section.template, "css_class": section.css_class, **context})
    return shown
