"""Seed the default breach-notification regimes (idempotent: existing names are left alone)."""

from django.db import migrations

DEFAULT_REGIMES = [
    {
        "name": "GDPR art. 33 – supervisory authority",
        "legal_reference": "GDPR art. 33(1)",
        "recipient_kind": "authority",
        "deadline_hours": 72,
        "applies_when": "always",
        "reminder_hours": [48, 24, 6],
    },
    {
        "name": "GDPR art. 34 – data subjects",
        "legal_reference": "GDPR art. 34(1)",
        "recipient_kind": "data_subjects",
        "deadline_hours": None,
        "applies_when": "high_risk",
        "reminder_hours": [],
    },
    {
        "name": "HIPAA breach notification – individuals",
        "legal_reference": "45 CFR 164.404",
        "recipient_kind": "data_subjects",
        "deadline_hours": 1440,
        "applies_when": "always",
        "reminder_hours": [336, 168, 48],
        "active": False,  # only for organisations handling US protected health information
    },
]


def seed(apps, schema_editor):
    Regime = apps.get_model("incidents", "NotificationRegime")
    for fields in DEFAULT_REGIMES:
        Regime.objects.get_or_create(name=fields["name"], defaults={**fields, "is_seeded": True})


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
