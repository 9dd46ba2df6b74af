"""Writes of evidence: items, append-only versions with hashed files, reviews, API tokens."""

import datetime
import secrets
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from assets.models import Asset
from controls.models import Control
from evidence.files import HashingFile, check_upload, storage_name
from evidence.models import ApiToken, Evidence, EvidenceFile, EvidenceVersion
from evidence.models.tokens import token_digest
from isms.access import may_attach_evidence, require, require_own_or
from isms.models import User


def _check_targets(user, controls: Sequence[Control], assets: Sequence[Asset]) -> None:
    refused = [str(t) for t in [*controls, *assets] if not may_attach_evidence(user, t)]
    if refused:
        raise PermissionDenied(f"You may not attach evidence to: {', '.join(refused)}.")


def _store_version(*, acting_user, evidence: Evidence, files: Sequence, note: str) -> EvidenceVersion:
    """Check every file first, then write them; on any failure remove what was written."""
    if not files:
        raise ValidationError({"files": "Attach at least one file."})
    checked = [check_upload(f) for f in files]
    number = (evidence.versions.aggregate(n=models.Max("number"))["n"] or 0) + 1
    version = EvidenceVersion(evidence=evidence, number=number, note=note, created_by=acting_user)
    version.full_clean()
    version.save()
    saved: list[str] = []
    try:
        for upload, (name, content_type) in zip(files, checked, strict=True):
            wrapped = HashingFile(upload, name)
            path = default_storage.save(storage_name(name), wrapped)
            saved.append(path)
            EvidenceFile(
                version=version,
                file=path,
                original_name=name,
                sha256=wrapped.hash.hexdigest(),
                size=wrapped.bytes_read,
                content_type=content_type,
            ).save()
    except BaseException:
        for path in saved:
            default_storage.delete(path)
        raise
    return version


def create_evidence(
    *,
    acting_user: User,
    title: str,
    files: Sequence,
    effective_date: datetime.date,
    controls: Sequence[Control] = (),
    assets: Sequence[Asset] = (),
    risks: Sequence = (),
    description: str = "",
    valid_until: datetime.date | None = None,
    source: str = Evidence.Source.UPLOAD,
    note: str = "",
) -> Evidence:
    """A new evidence item with its first version; all or nothing."""
    require(acting_user, "add", Evidence)
    _check_targets(acting_user, controls, assets)
    with transaction.atomic():
        evidence = Evidence(
            title=title,
            description=description,
            source=source,
            effective_date=effective_date,
            valid_until=valid_until,
            created_by=acting_user,
        )
        evidence.full_clean()
        evidence.save()
        evidence.controls.set(controls)
        evidence.assets.set(assets)
        evidence.risks.set(risks)  # context for the risk's treatment; no extra right needed
        _store_version(acting_user=acting_user, evidence=evidence, files=files, note=note)
    return evidence


def add_evidence_version(
    evidence: Evidence, *, acting_user: User, files: Sequence, note: str = ""
) -> EvidenceVersion:
    """Supersede the current files with a new version; earlier versions stay downloadable."""
    require_own_or(acting_user, "change", evidence, evidence.created_by_id)
    require(acting_user, "add", Evidence)
    with transaction.atomic():
        Evidence.objects.select_for_update().get(pk=evidence.pk)  # serialise version numbers
        version = _store_version(acting_user=acting_user, evidence=evidence, files=files, note=note)
        evidence.review_status = Evidence.Review.PENDING  # new content needs a new review
        evidence.save()
    return version


def review_evidence(evidence: Evidence, *, acting_user: User, status: str, comment: str = "") -> Evidence:
    require(acting_user, "change", evidence)
    if status == Evidence.Review.REJECTED and not comment.strip():
        raise ValidationError({"comment": "Say why the evidence is rejected."})
    evidence.review_status = status
    evidence.review_comment = comment
    evidence.reviewed_by = acting_user
    evidence.reviewed_at = timezone.now()
    evidence.full_clean()
    evidence.save()
    return evidence


def create_api_token(
    *, acting_user: User, name: str, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new personal token; returns it with its key, which is never shown again."""
    require(acting_user, "add", None)  # any role that may write; never auditors
    key = secrets.token_urlsafe(32)
    token = ApiToken(
        user=acting_user, name=name, prefix=key[:8], digest=token_digest(key), expires_at=expires_at
    )
    token.full_clean()
    token.save()
    return token, key


def revoke_api_token(token: ApiToken, *, acting_user: User) -> ApiToken:
    require_own_or(acting_user, "change", token, token.user_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save()
    return token
