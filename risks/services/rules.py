"""Checks shared by the risks services."""

from django.core.exceptions import PermissionDenied, ValidationError

from isms.access import can


def require(user, action: str, target) -> None:
    """Raise PermissionDenied unless `user` may do `action` on `target`."""
    if not can(user, action, target):
        raise PermissionDenied


def check_not_frozen(assessment) -> None:
    if assessment.is_frozen:
        raise ValidationError("This assessment is approved and can no longer change.")
