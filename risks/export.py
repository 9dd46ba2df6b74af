"""The risk register as CSV (streamed row by row) or XLSX (openpyxl)."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

HEADER = [
    "ID", "Assessment", "Title", "Threat", "Threat reference", "Assets", "Vulnerability", "Consequence",
    "Inherent likelihood", "Inherent impact", "Inherent score", "Inherent level", "Treatment",
    "Residual likelihood", "Residual impact", "Residual score", "Residual level", "Owner", "Status",
    "Acceptance", "Open actions", "Overdue actions",
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_row(risk) -> list:
    return [
        risk.pk, risk.assessment.title, risk.title, risk.threat.name, risk.threat.reference,
        ", ".join(asset.name for asset in risk.assets.all()), risk.vulnerability, risk.consequence,
        risk.inherent_likelihood, risk.inherent_impact, risk.inherent_score, risk.inherent_level,
        risk.get_treatment_display(), risk.residual_likelihood, risk.residual_impact,
        risk.residual_score, risk.residual_level, str(risk.owner), risk.get_status_display(),
        risk.acceptance_state.replace("_", " "), risk.open_action_count, risk.overdue_action_count,
    ]


class _Echo:
    def write(self, value):
        return value


def _csv_lines(risks):
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    for risk in risks.iterator(chunk_size=200):  # prefetches run per chunk
        yield writer.writerow(register_row(risk))


def _filename(extension: str) -> str:
    return f'attachment; filename="risk-register-{timezone.localdate().isoformat()}.{extension}"'


def register_response(risks, fmt: str):
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Risk register"
        sheet.append(HEADER)
        for risk in risks:
            sheet.append(register_row(risk))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        response = StreamingHttpResponse(_csv_lines(risks), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename("xlsx" if fmt == "xlsx" else "csv")
    return response
