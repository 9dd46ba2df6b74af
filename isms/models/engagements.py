import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from isms.access import AccessQuerySet


class AuditEngagementQuerySet(AccessQuerySet):
    def active(self, on: datetime.date | None = None):
        day = on or timezone.localdate()
        return self.filter(start_date__lte=day, end_date__gte=day)


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

    objects = AuditEngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.audit_firm})"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The engagement cannot end before it starts."})

    def is_active(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.start_date <= day <= self.end_date


auditlog.register(AuditEngagement, exclude_fields=["created_at"], m2m_fields={"auditors"})
