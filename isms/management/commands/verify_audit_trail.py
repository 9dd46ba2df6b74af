"""Verify the audit trail's hash chain; exits with status 1 when a link is broken."""

from django.core.management.base import BaseCommand, CommandError

from isms.audit_chain import audit_chain_has, audit_chain_verify


class Command(BaseCommand):
    help = "Walk the audit trail's hash chain and report the first broken link and the head."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head", action="append", default=[], metavar="SEQUENCE:HASH",
            help="a chain head recorded earlier that must still be in the chain (repeatable)",
        )

    def handle(self, *args, **options):
        for expected in options["expect_head"]:
            sequence, _, entry_hash = expected.partition(":")
            if not sequence.isdigit() or not audit_chain_has(int(sequence), entry_hash):
                raise CommandError(
                    f"The recorded head {expected} is not in the audit trail: "
                    "entries were deleted or the chain was rewritten."
                )
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
