"""The risk register as CSV (streamed row by row) or XLSX (openpyxl, write-only).

Rows are read as plain values, CHUNK risks at a time, with three queries per chunk (the risks
with their names and action counts, their assets, their newest acceptances) and no model
instances: building 2,000 risks with their assessment, criteria, threat, owner and assets as
objects, and a prefetch queryset per risk, cost several times more than writing the file."""

import csv
import io
from collections import defaultdict
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from assets.models import Asset
from risks.models import Risk, RiskAcceptance

HEADER = [
    "ID", "Assessment", "Title", "Threat", "Threat reference", "Assets", "Vulnerability", "Consequence",
    "Inherent likelihood", "Inherent impact", "Inherent score", "Inherent level", "Treatment",
    "Residual likelihood", "Residual impact", "Residual score", "Residual level", "Owner", "Status",
    "Acceptance", "Open actions", "Overdue actions",
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 500
FIELDS = (
    "pk", "assessment__title", "title", "threat__name", "threat__reference", "vulnerability", "consequence",
    "inherent_likelihood", "inherent_impact", "inherent_score", "inherent_level", "treatment",
    "residual_likelihood", "residual_impact", "residual_score", "residual_level",
    "owner__first_name", "owner__last_name", "owner__username", "status",
    "assessment__criteria__appetite", "open_action_count", "overdue_action_count",
)
TREATMENTS, STATUSES = dict(Risk.Treatment.choices), dict(Risk.Status.choices)


def _assets_of(ids: list[int]) -> dict[int, list[tuple]]:
    """risk pk -> [(asset pk, name, kind, model_version, artefact_sha256)], by asset name."""
    rows = Risk.assets.through.objects.filter(risk_id__in=ids).order_by("asset__name").values_list(
        "risk_id", "asset_id", "asset__name", "asset__kind", "asset__model_version", "asset__artefact_sha256")
    assets = defaultdict(list)
    for risk_id, *asset in rows:
        assets[risk_id].append(tuple(asset))
    return assets


def _acceptances_of(ids: list[int]) -> dict[int, tuple[int, dict]]:
    """risk pk -> (score at acceptance, asset snapshot) of its newest acceptance."""
    rows = RiskAcceptance.objects.filter(risk_id__in=ids).latest_per_risk().values_list(
        "risk_id", "residual_score_at_acceptance", "asset_snapshot")
    return {risk_id: (score, snapshot) for risk_id, score, snapshot in rows}


def _acceptance_state(row: dict, assets: list[tuple], acceptance: tuple | None) -> str:
    """Risk.acceptance_state, from values (same rules: see RiskAcceptance.is_stale)."""
    if row["residual_score"] <= row["assessment__criteria__appetite"]:
        return "not needed"
    if acceptance is None:
        return "needed"
    score, snapshot = acceptance
    current = {str(pk): {"model_version": version, "artefact_sha256": digest}
               for pk, _name, kind, version, digest in assets if kind in Asset.MODEL_CARD_KINDS}
    return "stale" if score != row["residual_score"] or current != snapshot else "accepted"


def _row(r: dict, assets: list[tuple], acceptance: tuple | None) -> list:
    owner = f"{r['owner__first_name']} {r['owner__last_name']}".strip() or r["owner__username"]
    return [
        r["pk"], r["assessment__title"], r["title"], r["threat__name"], r["threat__reference"],
        ", ".join(a[1] for a in assets), r["vulnerability"], r["consequence"],
        r["inherent_likelihood"], r["inherent_impact"], r["inherent_score"], r["inherent_level"],
        TREATMENTS.get(r["treatment"], r["treatment"]), r["residual_likelihood"], r["residual_impact"],
        r["residual_score"], r["residual_level"], owner, STATUSES.get(r["status"], r["status"]),
        _acceptance_state(r, assets, acceptance), r["open_action_count"], r["overdue_action_count"],
    ]


def register_chunks(risks):
    """The export rows of `risks` (a register queryset: Risk.objects.for_register(), filtered),
    in lists of up to CHUNK rows."""
    values = risks.prefetch_related(None).values(*FIELDS).iterator(chunk_size=CHUNK)
    while chunk := list(islice(values, CHUNK)):
        ids = [r["pk"] for r in chunk]
        assets, acceptances = _assets_of(ids), _acceptances_of(ids)
        yield [_row(r, assets.get(r["pk"], []), acceptances.get(r["pk"])) for r in chunk]


def _csv_lines(risks):
    """One piece of the streamed body per chunk of rows, not per row: fewer, larger writes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for rows in register_chunks(risks):
        writer.writerows(rows)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # no risks: the header alone
        yield buffer.getvalue()


def _filename(extension: str) -> str:
    return f'attachment; filename="risk-register-{timezone.localdate().isoformat()}.{extension}"'


def register_response(risks, fmt: str):
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)  # streams rows to the file: less memory, faster
        sheet = workbook.create_sheet("Risk register")
        sheet.append(HEADER)
        for rows in register_chunks(risks):
            for row in rows:
                sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        response = StreamingHttpResponse(_csv_lines(risks), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename("xlsx" if fmt == "xlsx" else "csv")
    return response
