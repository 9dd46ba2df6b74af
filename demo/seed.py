"""Demo data for the one-command start. Every step is idempotent: run it as often as you like.

Each app that has demo data has a `demo.py` with `seed(users: dict) -> None`; this app sits
above all of them and runs the steps in DEMO_STEPS order, after the demo users exist."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from assets import demo as assets_demo
from auditors import demo as auditors_demo
from auditors.models import AuditEngagement
from audits import demo as audits_demo
from connectors import demo as connectors_demo
from controls import demo as controls_demo
from evidence import demo as evidence_demo
from governance import demo as governance_demo
from incidents import demo as incidents_demo
from isms.roles import AUDITOR, ENGINEER, GROUP_NAMES, OFFICER, roles_sync
from risks import demo as risks_demo
from training import demo as training_demo

# (username, password, first name, last name, role or None for the administrator)
DEMO_USERS = [
    ("officer", "officer-demo-2026", "Olivia", "Okafor", OFFICER),
    ("engineer", "engineer-demo-2026", "Evan", "Eriksen", ENGINEER),
    ("engineer2", "engineer2-demo-2026", "Priya", "Patel", ENGINEER),
    ("auditor", "auditor-demo-2026", "Ada", "Achterberg", AUDITOR),
    ("admin", "admin-demo-2026", "Ari", "Admin", None),
]
# Each app's seed(users), in this order (assets first: risks and the SoA use them).
DEMO_STEPS = [
    assets_demo, training_demo, controls_demo, risks_demo, evidence_demo, governance_demo,
    connectors_demo, auditors_demo, incidents_demo, audits_demo,
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
    for step in DEMO_STEPS:
        step.seed(users)
    return users
