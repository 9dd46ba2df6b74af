"""The audit pack's sections, in pack order.

Each module listed here exposes `pack_sections(as_of: datetime.date) -> list[dict]`; every dict
is one section: {"key", "title", "template", "context"}, and optionally "parts": a list of
context dicts (merged over "context") when a long table should be laid out as several
documents in parallel (the first part carries the section heading), and "legend": a line
printed at the top right of each of the section's pages (the fields of a listing's lines).
Apps add `<app>/pack.py` and one line here (this app sits above every other, so it imports
their providers directly); see docs/audit-packs.md for the template rules."""

import datetime
from collections.abc import Iterator

from audits import pack as audits_pack
from connectors import pack as connectors_pack
from governance import pack as governance_pack
from incidents import pack as incidents_pack
from packs import sections_assurance, sections_core, sections_risks

# Each provider's sections, in the order of the pack.
PACK_SECTION_PROVIDERS = [
    sections_core.pack_sections,
    sections_risks.pack_sections,
    sections_assurance.evidence_sections,
    connectors_pack.pack_sections,
    governance_pack.pack_sections,
    audits_pack.pack_sections,
    incidents_pack.pack_sections,
    sections_assurance.audit_trail_sections,
]
REQUIRED_KEYS = {"key", "title", "template", "context"}


def iter_pack_sections(as_of: datetime.date) -> Iterator[dict]:
    """Every provider's sections, in pack order, checked for the contract's keys; each provider
    is called only when the previous one's sections have been consumed (the builder lays out
    the first sections while the later ones are read)."""
    for provider in PACK_SECTION_PROVIDERS:
        for section in provider(as_of):
            missing = REQUIRED_KEYS - section.keys()
            if missing:
                name = f"{provider.__module__}.{provider.__name__}"
                raise ValueError(f"{name}: a pack section lacks {', '.join(sorted(missing))}.")
            yield section


def pack_sections(as_of: datetime.date) -> list[dict]:
    """Every provider's sections, checked for the contract's keys."""
    return list(iter_pack_sections(as_of))
