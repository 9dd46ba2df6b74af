"""The audit pack's sections, in pack order.

Each module listed here exposes `pack_sections(as_of: datetime.date) -> list[dict]`; every dict
is one section: {"key", "title", "template", "context"}, and optionally "parts": a list of
context dicts (merged over "context") when a long table should be laid out as several
documents in parallel (the first part carries the section heading), and "legend": a line
printed at the top right of each of the section's pages (the fields of a listing's lines).
Apps add `<app>/pack.py` and one line here; see docs/audit-packs.md for the template rules."""

import datetime
import importlib
from collections.abc import Iterator

# "module" (its pack_sections function) or "module:function", in the order of the pack.
PACK_SECTION_PROVIDERS = [
    "packs.sections_core",
    "packs.sections_risks",
    "packs.sections_assurance:evidence_sections",
    "evidence.connector_pack",
    "governance.pack",
    "audits.pack",
    "incidents.pack",
    "packs.sections_assurance:audit_trail_sections",
]
REQUIRED_KEYS = {"key", "title", "template", "context"}


def iter_pack_sections(as_of: datetime.date) -> Iterator[dict]:
    """Every provider's sections, in pack order, checked for the contract's keys; each provider
    is called only when the previous one's sections have been consumed (the builder lays out
    the first sections while the later ones are read)."""
    for provider in PACK_SECTION_PROVIDERS:
        module, _, function = provider.partition(":")
        for section in getattr(importlib.import_module(module), function or "pack_sections")(as_of):
            missing = REQUIRED_KEYS - section.keys()
            if missing:
                raise ValueError(f"{provider}: a pack section lacks {', '.join(sorted(missing))}.")
            yield section


def pack_sections(as_of: datetime.date) -> list[dict]:
    """Every provider's sections, checked for the contract's keys."""
    return list(iter_pack_sections(as_of))


def chunked(rows: list, size: int) -> list[list]:
    """Rows in runs of `size` (at least one run, possibly empty, so a section always prints)."""
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]
