from django.core.management.base import BaseCommand

from isms.demo import DEMO_USERS, demo_seed


class Command(BaseCommand):
    help = "Create (or refresh) the demo users and demo data. Safe to run repeatedly."

    def handle(self, *args, **options):
        demo_seed()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ as:"))
        for username, password, _first, _last, role in DEMO_USERS:
            label = role or "administrator"
            self.stdout.write(f"  {label:<14} {username:<10} password: {password}")
