from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0001_initial'),
        ('risks', '0003_alter_risk_inherent_level_alter_risk_residual_level'),
    ]

    # The models moved between apps with their tables (Meta.db_table): only Django's picture
    # of them changes, the database stays as it is.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='risk',
                name='assets',
                field=models.ManyToManyField(blank=True, related_name='risks', to='assets.asset'),
            ),
        ]),
    ]
