"""Seed the default breach-notification regimes (GDPR art. 33 and 34, HIPAA). Idempotent;
the same data is reloaded after every migrate (incidents.apps)."""

from django.db import migrations


def seed(apps, schema_editor):
    from incidents.catalogue import regimes_seed

    regimes_seed(apps.get_model("incidents", "NotificationRegime"))


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
