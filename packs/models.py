"""Audit packs: the auditor-ready PDF and ZIP bundle of the ISMS as of a date, built by Celery.

A pack row is the state of its build job (queued -> building -> ready | failed) and, once
ready, an immutable record: its files and hashes never change and it cannot be deleted."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from isms.access import AccessQuerySet

IMMUTABLE = "A ready audit pack is immutable: request a new pack instead."


class AuditPackQuerySet(AccessQuerySet):
    def for_listing(self):
        return self.select_related("requested_by", "engagement")

    def update(self, **kwargs):
        # Integrity guard: progress writes use update(); none may touch a finished pack.
        if self.filter(status=AuditPack.Status.READY).exists():
            raise ValidationError(IMMUTABLE)
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=AuditPack.Status.READY).exists():
            raise ValidationError(IMMUTABLE)
        return super().delete()


class AuditPack(models.Model):
    # isms.access.visible: auditors see only the packs of their own engagements.
    auditor_scope = "engagement__auditors"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    engagement = models.ForeignKey(
        "auditors.AuditEngagement", null=True, blank=True, on_delete=models.PROTECT, related_name="packs"
    )
    as_of = models.DateField("as of")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    pdf = models.FileField(max_length=300, blank=True)
    zip = models.FileField("ZIP bundle", max_length=300, blank=True)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)
    zip_sha256 = models.CharField("ZIP SHA-256", max_length=64, blank=True)
    manifest_sha256 = models.CharField("manifest SHA-256", max_length=64, blank=True)
    audit_chain_sequence = models.PositiveBigIntegerField(null=True, blank=True)
    audit_chain_hash = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    file_count = models.PositiveIntegerField(null=True, blank=True, help_text="Evidence files bundled.")
    pdf_size = models.BigIntegerField(null=True, blank=True)
    zip_size = models.BigIntegerField(null=True, blank=True)
    duration = models.DurationField(null=True, blank=True)

    objects = AuditPackQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Audit pack #{self.pk} as of {self.as_of}"

    def save(self, *args, **kwargs):
        # Integrity guard, not domain logic: a finished pack is a fact about the past.
        if self._stored_ready():
            raise ValidationError(IMMUTABLE)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("packs:pack-detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self._stored_ready():
            raise ValidationError(IMMUTABLE)
        return super().delete(*args, **kwargs)

    def _stored_ready(self) -> bool:
        return bool(self.pk) and type(self)._base_manager.filter(
            pk=self.pk, status=self.Status.READY
        ).exists()

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def progress_step(self) -> int:
        """Progress rounded down to 5 % steps (the CSS classes of the progress bar)."""
        return min(100, self.progress - self.progress % 5)


# Stage and progress change many times per build and say nothing about the ISMS.
auditlog.register(AuditPack, exclude_fields=["stage", "progress", "requested_at"])
