import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from isms.access import AccessQuerySet
from isms.models import AppendOnlyModel


class EvidenceQuerySet(AccessQuerySet):
    def expired(self, on: datetime.date | None = None):
        return self.filter(valid_until__lt=on or timezone.localdate())

    def expiring_within(self, days: int, on: datetime.date | None = None):
        today = on or timezone.localdate()
        return self.filter(valid_until__gte=today, valid_until__lte=today + datetime.timedelta(days=days))

    def count_by_control(self) -> dict[int, int]:
        """{control pk: how many of these items are linked to it}, in one grouped query."""
        links = Evidence.controls.through.objects.filter(evidence__in=self.values("pk"))
        return dict(links.values("control_id").annotate(n=models.Count("pk")).values_list("control_id", "n"))

    def valid(self, on: datetime.date | None = None):
        today = on or timezone.localdate()
        return self.exclude(review_status=Evidence.Review.REJECTED).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today)
        )


class Evidence(models.Model):
    """A piece of evidence that one or more controls, assets or risks are in place. Its files
    live in append-only versions; the item itself holds links, validity and review."""

    class Source(models.TextChoices):
        UPLOAD = "upload", "Upload"
        API = "api", "API"
        CONNECTOR = "connector", "Connector"

    class Review(models.TextChoices):
        PENDING = "pending", "Pending review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    controls = models.ManyToManyField("controls.Control", blank=True, related_name="evidence")
    assets = models.ManyToManyField("assets.Asset", blank=True, related_name="evidence")
    risks = models.ManyToManyField("risks.Risk", blank=True, related_name="evidence")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.UPLOAD)
    effective_date = models.DateField(help_text="When what it shows was true.")
    valid_until = models.DateField(null=True, blank=True)
    review_status = models.CharField(max_length=20, choices=Review.choices, default=Review.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["-created_at", "-id"], name="evidence_list_order")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:evidence-detail", args=[self.pk])

    def clean(self) -> None:
        if self.valid_until and self.effective_date and self.valid_until < self.effective_date:
            raise ValidationError({"valid_until": "Evidence cannot expire before its effective date."})

    def freshness(self, on: datetime.date | None = None) -> str:
        return freshness(self.valid_until, on or timezone.localdate())


def freshness(valid_until: datetime.date | None, today: datetime.date) -> str:
    """current, expiring (within 30 days) or expired."""
    if valid_until is None or valid_until > today + datetime.timedelta(days=30):
        return "current"
    return "expired" if valid_until < today else "expiring"


class EvidenceVersion(AppendOnlyModel):
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["evidence", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["evidence", "number"], name="evidence_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.evidence} v{self.number}"


class EvidenceFile(AppendOnlyModel):
    version = models.ForeignKey(EvidenceVersion, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=150, help_text="Detected from the bytes.")

    class Meta:
        ordering = ["version", "original_name"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("evidence:file-download", args=[self.pk])


auditlog.register(Evidence, exclude_fields=["created_at"], m2m_fields={"controls", "assets", "risks"})
auditlog.register(EvidenceVersion)
auditlog.register(EvidenceFile)
