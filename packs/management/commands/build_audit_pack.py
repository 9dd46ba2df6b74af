import datetime
import shutil
from pathlib import Path

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from auditors.models import AuditEngagement
from packs.models import AuditPack
from packs.services import build_audit_pack, create_audit_pack


class Command(BaseCommand):
    help = "Build an audit pack in the foreground (the Celery job's service); copy its PDF and ZIP to DIR."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="Directory for the PDF and the ZIP.")
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, help="YYYY-MM-DD; default today.")
        parser.add_argument("--user", help="Requesting user (an officer); default: the first superuser.")
        parser.add_argument("--engagement", type=int, help="Audit engagement id (its auditors see the pack).")
        parser.add_argument("--workers", type=int, help="WeasyPrint processes; default one per CPU.")

    def handle(self, *args, output, as_of=None, user=None, engagement=None, workers=None, **options):
        out = Path(output)
        out.mkdir(parents=True, exist_ok=True)
        acting = self._acting_user(user)
        try:
            target = AuditEngagement.objects.get(pk=engagement) if engagement else None
            with set_actor(acting):
                pack = create_audit_pack(
                    acting_user=acting, as_of=as_of or timezone.localdate(), engagement=target
                )
                self.stdout.write(f"Building audit pack #{pack.pk} as of {pack.as_of} ...")
                pack = build_audit_pack(pack, workers=workers)
        except AuditEngagement.DoesNotExist:
            raise CommandError(f"No audit engagement with id {engagement}.") from None
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(f"Cannot request the pack: {error}") from None
        if pack.status != AuditPack.Status.READY:
            raise CommandError(f"Audit pack #{pack.pk} failed: {pack.error}")
        for stored in (pack.pdf, pack.zip):
            with stored.open("rb") as source, open(out / Path(stored.name).name, "wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
        self.stdout.write(self.style.SUCCESS(
            f"Audit pack #{pack.pk}: {pack.page_count} pages, {pack.file_count} evidence files, built in "
            f"{pack.duration.total_seconds():.1f} s; written to {out}/. "
            f"Manifest SHA-256 {pack.manifest_sha256}."
        ))

    def _acting_user(self, username: str | None):
        users = get_user_model().objects.filter(is_active=True)
        found = users.filter(username=username) if username else users.filter(is_superuser=True)
        user = found.order_by("pk").first()
        if user is None:
            raise CommandError(f"No active user {username!r}." if username else "No superuser; pass --user.")
        return user
