"""The Statement of Applicability as a table: CSV and XLSX (one row per control)."""

from __future__ import annotations

import csv
import io

from django.db.models import Count, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font

from controls.counts import EVIDENCE, RISKS, control_counts
from controls.models import SoAEntry

HEADERS = [
    "Reference", "Title", "Theme", "Applicable", "Justification", "Status", "Owner",
    "Implementation", "Linked assets", "Linked risks", "Evidence items",
]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def soa_rows(entries: QuerySet[SoAEntry]) -> list[list]:
    entries = list(
        entries.select_related("control", "owner").annotate(asset_count=Count("assets"))
        .order_by("control__framework__code", "control__position")
    )
    ids = [entry.control_id for entry in entries]
    risks, evidence = control_counts(RISKS, ids), control_counts(EVIDENCE, ids)
    return [
        [
            e.control.ref, e.control.title, e.control.get_theme_display(),
            e.applicability_label.lower(), e.justification, e.status_label,
            str(e.owner) if e.owner else "", e.implementation, e.asset_count,
            risks.get(e.control_id, 0), evidence.get(e.control_id, 0),
        ]
        for e in entries
    ]


def soa_export(entries: QuerySet[SoAEntry], fmt: str) -> bytes:
    """The SoA as `fmt` ("csv" or "xlsx") bytes."""
    rows = soa_rows(entries)
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(HEADERS)
        writer.writerows(rows)
        return text.getvalue().encode("utf-8")
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Statement of Applicability"
        sheet.append(HEADERS)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                # openpyxl stores a string starting with "=" as a formula: what an officer
                # typed must reach the auditor as text, never run in their spreadsheet.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    raise ValueError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
