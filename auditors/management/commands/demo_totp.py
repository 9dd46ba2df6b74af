from django.core.management.base import BaseCommand
from django_otp.oath import totp

from auditors.demo import DEMO_TOTP_SECRET, demo_totp_key


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo auditor (its secret is public)."

    def handle(self, *args, **options):
        code = totp(bytes.fromhex(demo_totp_key()))
        self.stdout.write(f"{code:06d}  (secret {DEMO_TOTP_SECRET}, changes every 30 s)")
