from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0001_initial'),
        ('controls', '0002_soa_entries'),
    ]

    # The models moved between apps with their tables (Meta.db_table): only Django's picture
    # of them changes, the database stays as it is.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='soaentry',
                name='assets',
                field=models.ManyToManyField(blank=True, related_name='soa_entries', to='assets.asset'),
            ),
        ]),
    ]
