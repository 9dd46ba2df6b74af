"""Files in evidence storage that no evidence version refers to, and their removal.

Evidence files are written to storage before the database rows that name them are committed.
When a later step of the same transaction fails (a connector run whose result cannot be
saved, a notification whose incident update is refused, a crash), the rows roll back and the
file stays behind: nobody can reach it, but it is kept for ever. This sweep removes such
files once they are old enough that no transaction writing them can still be open."""

import datetime
import logging

from django.core.files.storage import default_storage
from django.utils import timezone

from evidence.models import EvidenceFile

logger = logging.getLogger(__name__)
ROOT = "evidence"  # evidence.files.storage_name puts every evidence file under it
GRACE = datetime.timedelta(hours=6)


def _walk(folder: str):
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for name in folders:
        yield from _walk(f"{folder}/{name}")


def orphan_files(*, now: datetime.datetime | None = None) -> list[str]:
    """Paths under evidence/ that no EvidenceFile names and that were written more than
    GRACE ago (a file of a transaction still open is not an orphan yet)."""
    if not default_storage.exists(ROOT):
        return []
    cutoff = (now or timezone.now()) - GRACE
    known = set(EvidenceFile.objects.values_list("file", flat=True))
    return [path for path in _walk(ROOT)
            if path not in known and default_storage.get_modified_time(path) < cutoff]


def remove_orphan_files(*, now: datetime.datetime | None = None) -> list[str]:
    removed = orphan_files(now=now)
    for path in removed:
        default_storage.delete(path)
    if removed:
        logger.warning("Removed %d evidence file(s) that no evidence version refers to: %s",
                       len(removed), ", ".join(removed[:20]))
    return removed
