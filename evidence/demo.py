"""Demo evidence: a few realistic items for the SLM estate, one expired and one expiring soon."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from assets.models import Asset
from controls.models import Control
from evidence.models import Evidence
from evidence.services import create_evidence
from isms.dates import days_from_today

# (title, control refs, asset names, file name, content, effective (days ago), valid for (days))
ITEMS = [
    ("Quarterly access review of the inference gateway", ["5.15", "5.18", "8.2"],
     ["support-inference-internal"],
     "access-review.json", {"reviewed": 14, "revoked": 2, "privileged": 3}, 20, 70),
    ("SAST and dependency scan of the serving stack", ["8.25", "8.28", "8.8"], [],
     "sast-summary.json", {"critical": 0, "high": 1, "medium": 7, "tool": "semgrep"}, 5, 85),
    ("Model card review: support-assistant-7b", ["5.9", "5.12"], ["support-assistant-7b"],
     "model-card-review.txt", "Reviewed intended use, limitations and evaluation results.\n", 40, 140),
    ("Prompt-injection red-team report", ["8.29", "5.7"], ["help-centre-chat-public"],
     "red-team-report.txt", "42 probes, 3 partial bypasses, all fixed in v1.4.\n", 100, 90),
    ("Training-data PII scrubbing log", ["8.11", "5.34"], ["support-tickets-2025"],
     "pii-scrub.json", {"records": 182340, "redacted_fields": 51203, "residual_hits": 0}, 70, 80),
]


def seed(users: dict) -> None:
    officer = users["officer"]
    for title, refs, asset_names, file_name, content, age, validity in ITEMS:
        if Evidence.objects.filter(title=title).exists():
            continue
        body = json.dumps(content, indent=2) if isinstance(content, dict) else content
        create_evidence(
            acting_user=officer,
            title=title,
            controls=list(Control.objects.filter(ref__in=refs, framework__code="iso27001-2022")),
            assets=list(Asset.objects.filter(name__in=asset_names)),
            effective_date=days_from_today(-age),
            valid_until=days_from_today(validity - age),
            files=[SimpleUploadedFile(file_name, body.encode())],
        )
