"""Audit pack writes: requesting a pack and building it (shared by the Celery task and the
`build_audit_pack` command). A build claims its pack once, reports real progress, and ends
either ready with both files stored or failed with a message and nothing stored."""

from __future__ import annotations

import datetime
import logging
import shutil
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from auditors.models import AuditEngagement
from isms.access import may_request_report
from isms.jobs import enqueue_on_commit
from isms.models import User
from packs.builder import BuildResult, build_pack_files
from packs.bundle import BundleError
from packs.models import AuditPack

log = logging.getLogger(__name__)
# A build still "building" after this long lost its worker: the redelivered task may take over.
STALE_BUILD = datetime.timedelta(minutes=30)


def create_audit_pack(
    *, acting_user: User, as_of: datetime.date, engagement: AuditEngagement | None = None
) -> AuditPack:
    """A queued pack (built by the caller: the task or the command)."""
    if not may_request_report(acting_user, AuditPack, engagement):
        raise PermissionDenied("You may not request an audit pack for this engagement.")
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": "A pack cannot be dated in the future."})
    pack = AuditPack(requested_by=acting_user, as_of=as_of, engagement=engagement, stage="queued")
    pack.full_clean()
    pack.save()
    return pack


def request_audit_pack(
    *, acting_user: User, as_of: datetime.date, engagement: AuditEngagement | None = None
) -> AuditPack:
    """Queue a pack and have a Celery worker build it once this transaction commits."""
    pack = create_audit_pack(acting_user=acting_user, as_of=as_of, engagement=engagement)
    enqueue_on_commit("packs.tasks.build_audit_pack_task", pack.pk)
    return pack


def _claim(pack: AuditPack) -> bool:
    now = timezone.now()
    claimable = Q(status=AuditPack.Status.QUEUED) | Q(
        status=AuditPack.Status.BUILDING, started_at__lt=now - STALE_BUILD
    )
    return bool(AuditPack.objects.filter(claimable, pk=pack.pk).update(
        status=AuditPack.Status.BUILDING, started_at=now, stage="starting", progress=0, error=""
    ))


def _reporter(pack: AuditPack):
    def report(stage: str, percent: int) -> None:
        AuditPack.objects.filter(pk=pack.pk, status=AuditPack.Status.BUILDING).update(
            stage=stage[:100], progress=min(percent, 99)
        )

    return report


def _store(pack: AuditPack, result: BuildResult, stored: list[str]) -> None:
    base = f"packs/{pack.pk}/audit-pack-{pack.pk}-{pack.as_of:%Y-%m-%d}"
    for field, path, suffix in (("pdf", result.pdf, ".pdf"), ("zip", result.zip, ".zip")):
        with open(path, "rb") as handle:
            name = default_storage.save(base + suffix, File(handle))
        stored.append(name)
        setattr(pack, field, name)
    pack.pdf_size, pack.zip_size = result.pdf.stat().st_size, result.zip.stat().st_size


def _finish(pack: AuditPack, status: str, **fields) -> None:
    pack.refresh_from_db(fields=["started_at"])
    pack.status, pack.finished_at = status, timezone.now()
    pack.duration = pack.finished_at - (pack.started_at or pack.finished_at)
    for name, value in fields.items():
        setattr(pack, name, value)
    pack.save()


def build_audit_pack(pack: AuditPack, *, workers: int | None = None) -> AuditPack:
    """Build a queued pack. Returns it ready or failed; a pack already claimed elsewhere is
    returned untouched."""
    if not _claim(pack):
        pack.refresh_from_db()
        return pack
    workdir = Path(tempfile.mkdtemp(prefix=f"auditpack-{pack.pk}-"))
    stored: list[str] = []
    try:
        result = build_pack_files(pack, workdir, _reporter(pack), workers)
        _store(pack, result, stored)
        _finish(
            pack, AuditPack.Status.READY, stage="done", progress=100, pdf_sha256=result.pdf_sha256,
            zip_sha256=result.zip_sha256, manifest_sha256=result.manifest_sha256,
            page_count=result.page_count, file_count=result.file_count,
            audit_chain_sequence=result.chain_head.sequence, audit_chain_hash=result.chain_head.entry_hash,
        )
    except Exception as error:  # every failure ends as a failed pack, never a half-written one
        if not isinstance(error, BundleError):
            log.exception("Audit pack %s failed", pack.pk)
        for name in stored:
            default_storage.delete(name)
        message = str(error) if isinstance(error, BundleError) else f"The build failed: {error}"
        _finish(pack, AuditPack.Status.FAILED, error=message, pdf="", zip="", pdf_size=None, zip_size=None)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return pack
