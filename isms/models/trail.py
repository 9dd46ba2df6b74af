from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models, router, transaction

from isms.chain_hashing import chain_link


class AuditTrailAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit entry through the application."""

    def __init__(self, what: str = "changed or deleted"):
        super().__init__(f"The audit trail is append-only: entries cannot be {what}.")


class AuditEntryQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("actor", "content_type")

    # Bulk paths skip save(): they would bypass the chain or rewrite history.
    def update(self, **kwargs):
        raise AuditTrailAppendOnly("updated")

    def delete(self):
        raise AuditTrailAppendOnly("deleted")

    def _raw_delete(self, using):
        raise AuditTrailAppendOnly("deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditTrailAppendOnly("updated")

    def bulk_create(self, objs, *args, **kwargs):
        raise AuditTrailAppendOnly("bulk-created outside the hash chain")


class AuditEntry(AbstractLogEntry):
    """Our own auditlog entry model (AUDITLOG_LOGENTRY_MODEL): append-only and hash-chained
    (see isms/chain_hashing.py and docs/audit-trail.md)."""

    # Protect instead of SET_NULL/CASCADE: an entry never changes, so a user or record type
    # that appears in the trail cannot be deleted (deactivate users instead).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, blank=True, null=True,
        related_name="+", verbose_name="actor",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+",
        verbose_name="content type",
    )
    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    entry_hash = models.CharField(max_length=64, editable=False)

    objects = LogEntryManager.from_queryset(AuditEntryQuerySet)()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes = [models.Index(fields=["content_type", "object_pk"])]
        constraints = [
            # Each entry has its own predecessor: two writers can never fork the chain.
            models.UniqueConstraint(fields=["prev_hash"], name="auditentry_one_successor"),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailAppendOnly("updated")
        # auditlog calls create() -> save() outside any transaction when the caller has none;
        # the chain lock must be held until the entry is committed. No savepoint: a failed
        # insert fails the caller's whole transaction anyway (and saves two round trips).
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)

    def _do_insert(self, manager, using, fields, returning_fields, raw):
        # The chain is computed here, right before the INSERT, because this is the only hook
        # that runs after the pre_save signal: auditlog's set_actor() (its middleware, our
        # tasks) fills actor, actor_email and remote_addr in a pre_save receiver, and those
        # are hashed. Every insert passes here (manager.create, log_create, log_m2m_changes,
        # access logging); updates never do.
        chain_link(self, using)
        return super()._do_insert(manager, using, fields, returning_fields, raw)

    def delete(self, *args, **kwargs):
        raise AuditTrailAppendOnly("deleted")

    @property
    def change_rows(self) -> list[tuple]:
        """Each change as the trail shows it: ("m2m", field, operation, objects) or
        ("value", field, before, after)."""
        rows = []
        for field, change in self.changes_dict.items():
            if isinstance(change, dict) and change.get("type") == "m2m":
                objects = ", ".join(map(str, change.get("objects", ())))
                rows.append(("m2m", field, change.get("operation", ""), objects))
            else:
                pair = isinstance(change, list | tuple) and len(change) == 2
                before, after = change if pair else (None, None)
                rows.append(("value", field, before or "—", after or "—"))
        return rows
