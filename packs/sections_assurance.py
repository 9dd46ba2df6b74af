"""Pack sections of assurance: the evidence index (per control) and the audit trail summary."""

import datetime
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from controls.models import Control
from isms.audit_chain import audit_chain_verify
from isms.models import AuditEntry
from packs.evidence_files import controls_by_evidence, current_files, cutoff
from packs.lines import evidence_line
from packs.parts import chunked

ROWS_PER_PART = 600
PERIOD_DAYS = 365
EVIDENCE_LEGEND = (
    "Evidence (version) · path in the bundle · source · collected · valid until · review · SHA-256"
)


def evidence_index_rows(as_of: datetime.date) -> list[tuple]:
    """The index in two parts. First each control, in catalogue order, as a ("control", ref,
    title, file count, evidence ids) row (evidence linked to no control last); then every file
    once, as a ("file", PackFile) row, by evidence id and path. A file linked to several
    controls is listed once: its evidence id, also in its path in the bundle, is the link."""
    files = sorted(current_files(as_of), key=lambda f: (f.evidence_id, f.arcname))
    links = controls_by_evidence(as_of)
    by_control: dict[int | None, list] = {}
    for pack_file in files:
        for control_id in links.get(pack_file.evidence_id) or [None]:
            by_control.setdefault(control_id, []).append(pack_file)

    def control_row(ref: str, title: str, linked: list) -> tuple:
        ids = ", ".join(str(i) for i in dict.fromkeys(f.evidence_id for f in linked)) or "none"
        return ("control", ref, title, len(linked), ids)

    controls = Control.objects.select_related("framework").order_by("framework__code", "position")
    rows = [control_row(c.ref, c.title, by_control.get(c.pk, []))
            for c in controls.only("pk", "ref", "title", "framework__code")]
    if by_control.get(None):
        rows.append(control_row("", "Not linked to a control", by_control[None]))
    rows.append(("files",))
    rows.extend(("file", f) for f in files)
    return rows


def _evidence_section(as_of):
    index = evidence_index_rows(as_of)
    listed = [row[1] for row in index if row[0] == "file"]
    rows = [("file", evidence_line(row[1])) if row[0] == "file" else row for row in index]
    return {
        "key": "evidence", "title": "Evidence index", "template": "packs/pack/evidence_index.html",
        "legend": EVIDENCE_LEGEND,
        "context": {"file_count": len(listed), "item_count": len({f.evidence_id for f in listed})},
        "parts": [{"rows": part} for part in chunked(rows, ROWS_PER_PART)],
    }


def audit_trail_counts(start: datetime.date, end: datetime.date) -> list[dict]:
    """Entries per record type, with counts per action in Action.choices order, between two
    dates (inclusive): one aggregate query."""
    rows = (
        AuditEntry.objects.filter(timestamp__gte=cutoff(start - datetime.timedelta(days=1)),
                                  timestamp__lt=cutoff(end))
        .order_by().values("content_type", "action").annotate(n=Count("pk"))
    )
    by_type: dict[int, Counter] = {}
    for row in rows:
        by_type.setdefault(row["content_type"], Counter())[row["action"]] += row["n"]
    types = ContentType.objects.in_bulk(list(by_type))
    summary = []
    for type_id, counts in by_type.items():
        model = types[type_id].model_class()
        name = model._meta.verbose_name_plural if model else types[type_id].model
        summary.append({
            "model": str(name).capitalize(), "total": sum(counts.values()),
            "cells": [counts.get(action, 0) for action, _ in AuditEntry.Action.choices],
        })
    return sorted(summary, key=lambda row: row["model"])


def _audit_section(as_of):
    start = as_of - datetime.timedelta(days=PERIOD_DAYS)
    verification = audit_chain_verify()
    return {
        "key": "audit-trail", "title": "Audit trail summary", "template": "packs/pack/audit_trail.html",
        "context": {
            "start": start, "end": as_of, "rows": audit_trail_counts(start, as_of),
            "actions": [str(label).capitalize() for _, label in AuditEntry.Action.choices],
            "verification": verification,
        },
    }


def evidence_sections(as_of: datetime.date) -> list[dict]:
    return [_evidence_section(as_of)]


def audit_trail_sections(as_of: datetime.date) -> list[dict]:
    """Last in the pack: the trail summarises the period every other section covers."""
    return [_audit_section(as_of)]
