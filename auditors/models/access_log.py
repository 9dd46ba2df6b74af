"""The log of everything an external auditor opens or downloads, reviewed per engagement.

Rows are written by isms.auditor_log.AuditorAccessMiddleware, one INSERT per request, and never
changed. They are not registered with auditlog: the log is itself an access record, and an audit
entry per page view would double the writes and drown the change history."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from isms.access import AccessQuerySet


class AuditorAccessQuerySet(AccessQuerySet):
    def for_listing(self):
        return self.select_related("user", "content_type").order_by("-at", "-pk")


class AuditorAccess(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", "Page"
        DOWNLOAD = "download", "Download"

    engagement = models.ForeignKey(
        "auditors.AuditEngagement", on_delete=models.PROTECT, related_name="accesses"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    view_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PAGE)
    status_code = models.PositiveSmallIntegerField()
    # What was opened, when the view says so without an extra query (detail pages, downloads).
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)

    objects = AuditorAccessQuerySet.as_manager()

    class Meta:
        db_table = "isms_auditoraccess"  # kept when it moved app
        ordering = ["-at", "-pk"]
        verbose_name_plural = "auditor accesses"
        indexes = [models.Index(fields=["engagement", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.method} {self.path} ({self.status_code})"
