"""Hash chain for the audit trail: sequence, prev_hash, entry_hash (see isms/chain_hashing.py).
Existing entries are chained in the order they were written."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def chain_existing_entries(apps, schema_editor):
    from isms.chain_hashing import GENESIS_HASH, entry_digest

    AuditEntry = apps.get_model("isms", "AuditEntry")
    prev_hash = GENESIS_HASH
    entries = AuditEntry.objects.using(schema_editor.connection.alias).order_by("timestamp", "id")
    for sequence, entry in enumerate(entries.iterator(chunk_size=2000), start=1):
        entry.sequence, entry.prev_hash = sequence, prev_hash
        entry.entry_hash = prev_hash = entry_digest(entry)
        entry.save(update_fields=["sequence", "prev_hash", "entry_hash"])


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("isms", "0002_asset"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry", name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="auditentry", name="prev_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="auditentry", name="entry_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry", name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry", name="prev_hash",
            field=models.CharField(editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditentry", name="entry_hash",
            field=models.CharField(editable=False, max_length=64),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(fields=("prev_hash",), name="auditentry_one_successor"),
        ),
        migrations.AlterField(
            model_name="auditentry", name="actor",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="actor"),
        ),
        migrations.AlterField(
            model_name="auditentry", name="content_type",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="contenttypes.contenttype", verbose_name="content type"),
        ),
    ]
