"""Rows that record a fact about the past (evidence versions and files, test suite versions):
written once, never changed or deleted in place, one by one or in bulk."""

from django.core.exceptions import ValidationError
from django.db import models

from isms.access import AccessQuerySet


class AppendOnlyQuerySet(AccessQuerySet):
    """Versions and files are never changed or deleted in place, in bulk either."""

    def update(self, **kwargs):
        raise ValidationError(f"{self.model.__name__} rows are append-only.")

    def delete(self):
        raise ValidationError(f"{self.model.__name__} rows are append-only.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Integrity guard, not domain logic: a stored version is a fact about the past.
        if not self._state.adding:
            raise ValidationError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"{type(self).__name__} rows are append-only.")
