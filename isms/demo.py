"""Demo data for the one-command start. Every step is idempotent: run it as often as you like.

Each app that has demo data adds a `demo.py` with `seed(users: dict) -> None`; the steps run
in DEMO_STEPS order, after the demo users exist."""

import datetime
import importlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from isms.models import AuditEngagement
from isms.roles import AUDITOR, ENGINEER, GROUP_NAMES, OFFICER, roles_sync

# (username, password, first name, last name, role or None for the administrator)
DEMO_USERS = [
    ("officer", "officer-demo-2026", "Olivia", "Okafor", OFFICER),
    ("engineer", "engineer-demo-2026", "Evan", "Eriksen", ENGINEER),
    ("engineer2", "engineer2-demo-2026", "Priya", "Patel", ENGINEER),
    ("auditor", "auditor-demo-2026", "Ada", "Achterberg", AUDITOR),
    ("admin", "admin-demo-2026", "Ari", "Admin", None),
]
# Modules with seed(users), run in this order (assets first: risks and the SoA use them).
DEMO_STEPS: list[str] = [
    "isms.demo_assets", "isms.demo_training", "controls.demo", "risks.demo", "evidence.demo",
    "governance.demo",
    "evidence.demo_connectors",
    "isms.demo_auditor",
    "incidents.demo",
    "audits.demo",
]


def _demo_user(username, password, first, last, role):
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name = first, last
    user.email = f"{username}@example.com"
    user.is_staff = user.is_superuser = role is None
    user.set_password(password)
    user.save()
    if role:
        user.groups.set([Group.objects.get(name=GROUP_NAMES[role])])
    return user


@transaction.atomic
def demo_seed() -> dict:
    """Create the demo users, the auditor's engagement and each app's demo data."""
    roles_sync()
    users = {row[0]: _demo_user(*row) for row in DEMO_USERS}
    today = timezone.localdate()
    engagement, _ = AuditEngagement.objects.update_or_create(
        name="ISO 27001 stage 2 certification audit",
        defaults={
            "audit_firm": "Northbridge Certification Ltd",
            "start_date": today - datetime.timedelta(days=7),
            "end_date": today + datetime.timedelta(days=60),
        },
    )
    engagement.auditors.set([users["auditor"]])
    for module in DEMO_STEPS:
        importlib.import_module(module).seed(users)
    return users
