"""Threat library and risk criteria."""

from django.db import transaction

from isms.access import require as _require
from isms.models import User
from risks.models import RiskCriteria, Threat


def _apply(obj, fields: dict) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


@transaction.atomic
def create_threat(*, acting_user: User, suggested_controls=(), **fields) -> Threat:
    """An officer's own threat (not seeded)."""
    _require(acting_user, "add", Threat)
    threat = Threat(**fields)
    threat.full_clean()
    threat.save()
    threat.suggested_controls.set(suggested_controls)
    return threat


@transaction.atomic
def update_threat(threat: Threat, *, acting_user: User, suggested_controls=None, **fields) -> Threat:
    _require(acting_user, "change", threat)
    _apply(threat, fields)
    threat.full_clean()
    threat.save()
    if suggested_controls is not None:
        threat.suggested_controls.set(suggested_controls)
    return threat


@transaction.atomic
def retire_threat(threat: Threat, *, acting_user: User) -> Threat:
    """Retired threats stay on the risks that use them but are no longer offered."""
    _require(acting_user, "change", threat)
    threat.retired = True
    threat.save()
    return threat


@transaction.atomic
def revise_criteria(*, acting_user: User, **fields) -> RiskCriteria:
    """A new version of the criteria; older versions (and every stored score) stay as they were."""
    _require(acting_user, "add", RiskCriteria)
    current = RiskCriteria.objects.select_for_update().order_by("-version").first()
    criteria = RiskCriteria(version=(current.version + 1) if current else 1, **fields)
    criteria.full_clean()
    criteria.save()
    return criteria
