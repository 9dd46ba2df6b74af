from django.core.management.base import BaseCommand

from auditors.demo import DEMO_TOTP_SECRET
from demo.seed import DEMO_USERS, demo_seed


class Command(BaseCommand):
    help = "Create (or refresh) the demo users and demo data. Safe to run repeatedly."

    def handle(self, *args, **options):
        demo_seed()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ as:"))
        for username, password, _first, _last, role in DEMO_USERS:
            label = role or "administrator"
            self.stdout.write(f"  {label:<14} {username:<10} password: {password}")
        self.stdout.write(
            f"  The auditor also needs a two-factor code: add the secret {DEMO_TOTP_SECRET} to an\n"
            "  authenticator app, or run `.venv/bin/python manage.py demo_totp` for the current code."
        )
