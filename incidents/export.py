"""The incident register as CSV, streamed row by row."""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

HEADER = [
    "Reference", "Title", "Status", "Severity", "Category", "Reported at", "Detected at", "Reported by",
    "Owner", "Affected assets", "Personal-data breach", "Aware at", "High risk", "People affected",
    "Clocks", "Closed at", "Lessons learned",
]


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z") if value else ""


def register_row(incident, now) -> list:
    clocks = "; ".join(f"{c.regime}: {c.time_left_label(now)}" for c in incident.clocks.all())
    return [
        incident.reference, incident.title, incident.get_status_display(), incident.get_severity_display(),
        incident.get_category_display(), _when(incident.reported_at), _when(incident.detected_at),
        str(incident.reported_by), str(incident.owner or ""),
        ", ".join(a.name for a in incident.assets.all()),
        "yes" if incident.personal_data_breach else "no", _when(incident.aware_at),
        "yes" if incident.high_risk else "no", incident.subjects_affected or "", clocks,
        _when(incident.closed_at), incident.lessons_learned,
    ]


class _Echo:
    def write(self, value):
        return value


def _lines(incidents):
    writer, now = csv.writer(_Echo()), timezone.now()
    yield writer.writerow(HEADER)
    for incident in incidents.iterator(chunk_size=200):
        yield writer.writerow(register_row(incident, now))


def register_response(incidents):
    response = StreamingHttpResponse(_lines(incidents), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="incident-register-{timezone.localdate().isoformat()}.csv"')
    return response
