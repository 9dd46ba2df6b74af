from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0001_initial'),
        ('connectors', '0001_initial'),
        ('evidence', '0004_list_order_index'),
    ]

    # The models moved between apps with their tables (Meta.db_table): only Django's picture
    # of them changes, the database stays as it is.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='connectorrun',
                name='connector',
            ),
            migrations.RemoveField(
                model_name='connectorrun',
                name='evidence',
            ),
            migrations.RemoveField(
                model_name='connectorrun',
                name='requested_by',
            ),
            migrations.RemoveField(
                model_name='policytestsuite',
                name='created_by',
            ),
            migrations.RemoveField(
                model_name='policytestsuiteversion',
                name='suite',
            ),
            migrations.RemoveField(
                model_name='policytestsuiteversion',
                name='created_by',
            ),
            migrations.AlterField(
                model_name='evidence',
                name='assets',
                field=models.ManyToManyField(blank=True, related_name='evidence', to='assets.asset'),
            ),
            migrations.DeleteModel(
                name='Connector',
            ),
            migrations.DeleteModel(
                name='ConnectorRun',
            ),
            migrations.DeleteModel(
                name='PolicyTestSuite',
            ),
            migrations.DeleteModel(
                name='PolicyTestSuiteVersion',
            ),
        ]),
    ]
