import json
import sys

from django.core.management.base import BaseCommand

from assets import mlbom
from assets.models import Asset


class Command(BaseCommand):
    help = "Write the asset inventory as a CycloneDX 1.6 ML-BOM (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        text = json.dumps(mlbom.build(Asset.objects.for_export()), indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
        else:
            sys.stdout.write(text + "\n")
