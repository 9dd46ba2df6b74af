from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models


class AuditEntryQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("actor", "content_type")


class AuditEntry(AbstractLogEntry):
    """Our own auditlog entry model (AUDITLOG_LOGENTRY_MODEL), so the trail can grow its own
    guarantees (append-only, hash chain) without patching the library."""

    objects = LogEntryManager.from_queryset(AuditEntryQuerySet)()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes = [models.Index(fields=["content_type", "object_pk"])]
