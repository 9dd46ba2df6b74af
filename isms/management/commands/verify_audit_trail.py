"""Verify the audit trail's hash chain; exits with status 1 when a link is broken."""

from django.core.management.base import BaseCommand, CommandError

from isms.audit_chain import audit_chain_verify


class Command(BaseCommand):
    help = "Walk the audit trail's hash chain and report the first broken link and the head."

    def handle(self, *args, **options):
        result = audit_chain_verify()
        head = result.head
        self.stdout.write(
            f"Head: entry {head.sequence}, hash {head.entry_hash}, "
            f"written {head.timestamp.isoformat() if head.timestamp else 'never'}"
        )
        self.stdout.write(f"Checked {result.checked} entries at {result.verified_at.isoformat()}")
        if result.ok:
            self.stdout.write(self.style.SUCCESS("The audit trail is intact."))
            return
        broken = result.broken
        raise CommandError(
            f"The audit trail is broken at entry id {broken.entry_id} (sequence {broken.sequence}): "
            f"{broken.problem}; expected {broken.expected}, found {broken.found}"
        )
