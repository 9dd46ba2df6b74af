from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from assets import csv_import
from assets.services.assets import import_assets


class Command(BaseCommand):
    help = "Import assets from a CSV file (all rows or none); see docs/assets.md for the columns."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="Acting user (an officer); default: the first superuser.")

    def handle(self, *args, file, user=None, **options):
        acting = self._acting_user(user)
        try:
            with open(file, "rb") as handle:
                data = handle.read(csv_import.MAX_BYTES + 1)
            rows = csv_import.parse(data)
            with set_actor(acting):
                created = import_assets(acting_user=acting, rows=rows)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        except csv_import.AssetCsvError as error:
            raise CommandError(self._report(error.errors)) from None
        except ValidationError as error:
            raise CommandError(self._report(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {len(created)} assets."))

    def _report(self, errors: list[str]) -> str:
        return "Nothing imported:\n" + "\n".join(f"  {e}" for e in errors)

    def _acting_user(self, username: str | None):
        users = get_user_model().objects.filter(is_active=True)
        found = users.filter(username=username) if username else users.filter(is_superuser=True)
        user = found.order_by("pk").first()
        if user is None:
            raise CommandError("No such user: pass --user with an officer's username.")
        return user
