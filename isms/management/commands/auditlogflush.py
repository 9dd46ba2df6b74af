"""Replaces django-auditlog's `auditlogflush`, which deletes or truncates log entries: our
audit trail is append-only and hash-chained (docs/audit-trail.md). This app is listed before
auditlog in INSTALLED_APPS so that this command wins."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Disabled: the audit trail is append-only and cannot be flushed."

    def add_arguments(self, parser):
        # Accept auditlog's options so that scripts written for it get our explanation.
        parser.add_argument("-y", "--yes", action="store_true")
        parser.add_argument("-b", "--before-date")
        parser.add_argument("-t", "--truncate", action="store_true")

    def handle(self, *args, **options):
        raise CommandError(
            "The audit trail is append-only and hash-chained: deleting entries would break the "
            "chain and is refused (by the application and, on PostgreSQL, by a trigger). "
            "Archiving old entries is not supported yet; run `manage.py verify_audit_trail` "
            "to check the trail instead."
        )
