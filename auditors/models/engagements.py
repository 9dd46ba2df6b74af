import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from isms.access import AccessQuerySet


class AuditEngagementQuerySet(AccessQuerySet):
    def active(self, on: datetime.date | None = None):
        day = on or timezone.localdate()
        return self.filter(start_date__lte=day, end_date__gte=day, ended_at__isnull=True)

    def with_status(self, status: str, on: datetime.date | None = None):
        """Rows whose status (see AuditEngagement.status) is `status` on day `on`."""
        day = on or timezone.localdate()
        if status == "active":
            return self.active(day)
        if status == "upcoming":
            return self.filter(start_date__gt=day, ended_at__isnull=True)
        if status == "ended":
            return self.filter(models.Q(end_date__lt=day) | models.Q(ended_at__isnull=False))
        return self


class AuditEngagement(models.Model):
    """A certification or surveillance audit; its auditors may sign in only inside its window."""

    name = models.CharField(max_length=200, unique=True)
    audit_firm = models.CharField(max_length=200)
    start_date = models.DateField()
    end_date = models.DateField()
    auditors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="audit_engagements", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when an officer ends the engagement before its end date: its auditors are out at once.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AuditEngagementQuerySet.as_manager()

    class Meta:
        db_table = "isms_auditengagement"  # kept when it moved app
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.audit_firm})"

    def get_absolute_url(self) -> str:
        return reverse("auditors:engagement-detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The engagement cannot end before it starts."})

    def is_active(self, on: datetime.date | None = None) -> bool:
        return self.status_on(on) == "active"

    def status_on(self, on: datetime.date | None = None) -> str:
        """"upcoming", "active" or "ended" (ended early by an officer, or past its end date)."""
        day = on or timezone.localdate()
        if self.ended_at is not None or self.end_date < day:
            return "ended"
        return "upcoming" if self.start_date > day else "active"

    @property
    def status(self) -> str:
        return self.status_on()


auditlog.register(AuditEngagement, exclude_fields=["created_at"], m2m_fields={"auditors"})
