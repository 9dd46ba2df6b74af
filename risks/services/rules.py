"""Checks shared by the risks services."""

from django.core.exceptions import ValidationError


def check_not_frozen(assessment) -> None:
    if assessment.is_frozen:
        raise ValidationError("This assessment is approved and can no longer change.")
