from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0001_initial'),
        ('incidents', '0002_default_regimes'),
    ]

    # The models moved between apps with their tables (Meta.db_table): only Django's picture
    # of them changes, the database stays as it is.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='incident',
                name='assets',
                field=models.ManyToManyField(blank=True, related_name='incidents', to='assets.asset', verbose_name='affected assets'),
            ),
        ]),
    ]
