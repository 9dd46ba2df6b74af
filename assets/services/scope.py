"""Writes to the ISMS scope (clause 4.3). Approved versions are frozen; changes happen in the
one draft, which starts as a copy of the latest approved version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assets.models import Scope, ScopeExclusion
from assets.models.scope import FROZEN
from isms.access import require
from isms.models import User

TEXT_FIELDS = ("statement", "organisational_boundaries", "technical_boundaries",
               "interfaces_and_dependencies")


@transaction.atomic
def create_scope_draft(*, acting_user: User) -> Scope:
    """Start the next version as a copy of the latest approved one (only one draft at a time)."""
    require(acting_user, "add", Scope)
    if Scope.objects.drafts().exists():
        raise ValidationError("A draft scope already exists: edit or approve it first.")
    base = Scope.objects.latest_approved().first()
    latest = Scope.objects.aggregate(v=Max("version"))["v"] or 0
    draft = Scope(version=latest + 1, created_by=acting_user, status=Scope.Status.DRAFT)
    for name in TEXT_FIELDS:
        setattr(draft, name, getattr(base, name) if base else "")
    if not base:
        draft.statement = "(to be written)"
    draft.full_clean()
    draft.save()
    if base:
        draft.assets.set(base.assets.all())
        for exclusion in base.exclusions.all():
            _exclusion_add(draft, exclusion.what, exclusion.justification)
    return draft


def _exclusion_add(scope: Scope, what: str, justification: str) -> ScopeExclusion:
    exclusion = ScopeExclusion(scope=scope, what=what, justification=justification)
    exclusion.full_clean()
    exclusion.save()
    return exclusion


@transaction.atomic
def update_scope(
    scope: Scope, *, acting_user: User, assets=None, exclusions: list[dict] | None = None, **fields
) -> Scope:
    """Change a draft; `exclusions` (dicts with what and justification) replace the current ones."""
    require(acting_user, "change", scope)
    scope = Scope.objects.select_for_update().get(pk=scope.pk)
    if not scope.is_draft:
        raise ValidationError(FROZEN)
    for name in TEXT_FIELDS:
        if name in fields:
            setattr(scope, name, fields[name])
    scope.full_clean()
    scope.save()
    if assets is not None:
        scope.assets.set(assets)
    if exclusions is not None:
        for old in scope.exclusions.all():
            old.delete()  # per row, so the audit trail records each removal
        for row in exclusions:
            _exclusion_add(scope, row["what"], row["justification"])
    return scope


@transaction.atomic
def approve_scope(scope: Scope, *, acting_user: User) -> Scope:
    """Approve the draft: it becomes the scope in force and is frozen from now on."""
    require(acting_user, "approve", scope)
    scope = Scope.objects.select_for_update().get(pk=scope.pk)
    if not scope.is_draft:
        raise ValidationError("This scope version is already approved.")
    scope.full_clean()
    scope.status = Scope.Status.APPROVED
    scope.approved_by = acting_user
    scope.approved_at = timezone.now()
    scope.save()
    return scope
