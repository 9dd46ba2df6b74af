"""The evidence a pack covers: the current version of each evidence item as of the pack date.

Shared by the evidence index section and the ZIP bundle, so both list exactly the same files.
Constant queries: one for the files, one for the control links."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from evidence.models import Evidence, EvidenceFile, EvidenceVersion


def cutoff(as_of: datetime.date) -> datetime.datetime:
    """The first instant after the as-of day (in the site's time zone)."""
    return timezone.make_aware(datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time()))


@dataclass(frozen=True)
class PackFile:
    file_id: int
    evidence_id: int
    evidence_title: str
    source: str
    valid_until: datetime.date | None
    review_status: str
    version: int
    collected_at: datetime.datetime
    storage_name: str
    original_name: str
    sha256: str
    size: int
    arcname: str  # its path inside the ZIP bundle


def current_versions(as_of: datetime.date):
    """The newest version of each evidence item created by the end of `as_of`."""
    end = cutoff(as_of)
    newer = EvidenceVersion.objects.filter(
        evidence=OuterRef("evidence"), number__gt=OuterRef("number"), created_at__lt=end
    )
    return EvidenceVersion.objects.filter(created_at__lt=end).exclude(Exists(newer))


def current_files(as_of: datetime.date) -> list[PackFile]:
    rows = (
        EvidenceFile.objects.filter(version__in=current_versions(as_of))
        .order_by("version__evidence_id", "original_name", "pk")
        .values_list(
            "pk", "version__evidence_id", "version__evidence__title", "version__evidence__source",
            "version__evidence__valid_until", "version__evidence__review_status", "version__number",
            "version__created_at", "file", "original_name", "sha256", "size",
        )
    )
    files, taken = [], set()
    for pk, evidence_id, title, source, valid, review, number, created, name, original, sha, size in rows:
        arcname = f"evidence/{evidence_id}/{original}"
        if arcname in taken:  # two files of one version with the same name
            arcname = f"evidence/{evidence_id}/{pk}-{original}"
        taken.add(arcname)
        files.append(PackFile(
            pk, evidence_id, title, source, valid, review, number, created, name, original, sha, size, arcname
        ))
    return files


def controls_by_evidence(as_of: datetime.date) -> dict[int, list[int]]:
    """Evidence id -> ids of the controls it is linked to (now), for the items of the pack."""
    links = Evidence.controls.through.objects.filter(evidence__created_at__lt=cutoff(as_of))
    by_evidence = defaultdict(list)
    for evidence_id, control_id in links.values_list("evidence_id", "control_id"):
        by_evidence[evidence_id].append(control_id)
    return by_evidence
