"""python manage.py import_training FILE.csv: training records, all or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from isms.models import User
from training import csv_import
from training.services import import_training


class Command(BaseCommand):
    help = "Import training records (email, course, completed_on, score) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="username", help="Acting user (default: first superuser).")

    def handle(self, *args, file: Path, username: str | None = None, **options):
        users = User.objects.filter(username=username) if username else User.objects.filter(is_superuser=True)
        acting_user = users.order_by("pk").first()
        if acting_user is None:
            raise CommandError("No acting user: pass --as USERNAME or create a superuser.")
        try:
            rows = csv_import.parse(file.read_bytes())
            records = import_training(acting_user=acting_user, rows=rows)
        except csv_import.TrainingCsvError as error:
            raise CommandError("\n".join(error.errors)) from None
        except (OSError, ValidationError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Imported {len(records)} training records.")
