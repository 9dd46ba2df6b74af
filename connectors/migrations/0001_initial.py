import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from isms.migration_ops import rename_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('evidence', '0004_list_order_index'),
        ('controls', '0003_asset_moved_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # These models were in the evidence app until the layout of issue #21; they kept their
    # tables (Meta.db_table), so a new database gets them from evidence's migrations.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='PolicyTestSuite',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, unique=True)),
                    ('description', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'evidence_policytestsuite',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='Connector',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(help_text='Also the name for collect_evidence.', max_length=100, unique=True)),
                    ('kind', models.CharField(choices=[('http_json', 'HTTP JSON API'), ('postgres', 'PostgreSQL database'), ('git_repo', 'Git repository'), ('slm_endpoint', 'SLM inference endpoint'), ('isms_access_review', 'ISMS user access review')], max_length=30)),
                    ('description', models.TextField(blank=True)),
                    ('config', models.JSONField(blank=True, default=dict, help_text='Kind-specific settings (JSON).')),
                    ('secret_encrypted', models.TextField(blank=True, editable=False)),
                    ('enabled', models.BooleanField(default=True, help_text='Disabled connectors are not scheduled.')),
                    ('interval_minutes', models.PositiveIntegerField(default=1440, help_text='1440 is daily, 10080 weekly.', verbose_name='run every (minutes)')),
                    ('evidence_valid_days', models.PositiveIntegerField(default=30, help_text='Validity of the evidence each run produces.', verbose_name='evidence valid for (days)')),
                    ('policy', models.TextField(blank=True, help_text='Optional Rego (v1 syntax) over the collected JSON: allow and deny rules.')),
                    ('next_due_at', models.DateTimeField(blank=True, null=True)),
                    ('last_status', models.CharField(blank=True, max_length=20)),
                    ('last_run_at', models.DateTimeField(blank=True, null=True)),
                    ('last_policy_allow', models.BooleanField(blank=True, null=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('controls', models.ManyToManyField(blank=True, related_name='connectors', to='controls.control')),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('test_suite', models.ForeignKey(blank=True, help_text='SLM endpoints only: the prompts to run.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='connectors', to='connectors.policytestsuite')),
                ],
                options={
                    'db_table': 'evidence_connector',
                    'ordering': ['name'],
                    'permissions': [('run_connector', 'Can run the connector now')],
                },
            ),
            migrations.CreateModel(
                name='ConnectorRun',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('status', models.CharField(choices=[('pending', 'Pending'), ('running', 'Running'), ('retrying', 'Waiting to retry'), ('succeeded', 'Succeeded'), ('failed', 'Failed')], default='pending', max_length=20)),
                    ('trigger', models.CharField(choices=[('schedule', 'Schedule'), ('manual', 'Run now'), ('command', 'Command line')], default='schedule', max_length=20)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('started_at', models.DateTimeField(blank=True, null=True)),
                    ('finished_at', models.DateTimeField(blank=True, null=True)),
                    ('attempts', models.PositiveIntegerField(default=0)),
                    ('error', models.TextField(blank=True)),
                    ('policy_allow', models.BooleanField(blank=True, help_text='Empty when no policy applies.', null=True)),
                    ('policy_reasons', models.JSONField(blank=True, default=list)),
                    ('summary', models.JSONField(blank=True, default=dict, help_text='Small facts shown in the run list.')),
                    ('connector', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='runs', to='connectors.connector')),
                    ('evidence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='connector_runs', to='evidence.evidence')),
                    ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'evidence_connectorrun',
                    'ordering': ['-created_at', '-pk'],
                    'indexes': [models.Index(fields=['connector', '-created_at'], name='evidence_co_connect_318719_idx')],
                },
            ),
            migrations.CreateModel(
                name='PolicyTestSuiteVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveIntegerField()),
                    ('cases', models.JSONField()),
                    ('note', models.CharField(blank=True, max_length=500)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('suite', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='connectors.policytestsuite')),
                ],
                options={
                    'db_table': 'evidence_policytestsuiteversion',
                    'ordering': ['suite', '-number'],
                    'constraints': [models.UniqueConstraint(fields=('suite', 'number'), name='policy_suite_version_unique')],
                },
            ),
        ]),
        # Existing databases: the moved models' content types (and so their permissions,
        # object grants and audit entries) follow them to this app.
        migrations.RunPython(rename_content_types('evidence', 'connectors', ['connector', 'connectorrun', 'policytestsuite', 'policytestsuiteversion']),
                             rename_content_types('connectors', 'evidence', ['connector', 'connectorrun', 'policytestsuite', 'policytestsuiteversion'])),
    ]
