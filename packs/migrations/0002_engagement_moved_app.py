import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auditors', '0001_initial'),
        ('packs', '0001_initial'),
    ]

    # The models moved between apps with their tables (Meta.db_table): only Django's picture
    # of them changes, the database stays as it is.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='auditpack',
                name='engagement',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='packs', to='auditors.auditengagement'),
            ),
        ]),
    ]
