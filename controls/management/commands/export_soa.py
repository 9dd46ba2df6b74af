from pathlib import Path

from django.core.management.base import BaseCommand

from controls.export import FORMATS, soa_export
from controls.models import SoAEntry


class Command(BaseCommand):
    help = "Write the Statement of Applicability to a CSV or XLSX file (one row per control)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("-o", "--output", required=True, help="File to write.")

    def handle(self, *args, **options):
        path = Path(options["output"])
        path.write_bytes(soa_export(SoAEntry.objects.all(), options["format"]))
        self.stdout.write(f"Wrote {SoAEntry.objects.count()} controls to {path}")
