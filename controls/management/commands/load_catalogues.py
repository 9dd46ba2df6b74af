from django.core.management.base import BaseCommand

from controls.catalogue import catalogues_load_all


class Command(BaseCommand):
    help = "Load the control catalogues shipped in controls/catalogues/ (idempotent)."

    def handle(self, *args, **options):
        for name, created in catalogues_load_all().items():
            self.stdout.write(f"{name}: {created} controls created")
