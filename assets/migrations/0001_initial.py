import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from isms.migration_ops import rename_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('isms', '0008_user_time_zone'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # These models were in the isms app until the layout of issue #21; they kept their
    # tables (Meta.db_table), so a new database gets them from isms's migrations.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Asset',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, unique=True)),
                    ('kind', models.CharField(choices=[('model', 'Model'), ('dataset', 'Dataset'), ('endpoint', 'Inference endpoint'), ('pipeline', 'Pipeline'), ('application', 'Application'), ('infrastructure', 'Infrastructure'), ('supplier_service', 'Supplier service')], max_length=20)),
                    ('description', models.TextField(blank=True)),
                    ('classification', models.CharField(choices=[('public', 'Public'), ('internal', 'Internal'), ('confidential', 'Confidential'), ('restricted', 'Restricted')], default='internal', max_length=20)),
                    ('confidentiality', models.PositiveSmallIntegerField(choices=[(1, 'Low'), (2, 'Medium'), (3, 'High'), (4, 'Very high')], default=2)),
                    ('integrity', models.PositiveSmallIntegerField(choices=[(1, 'Low'), (2, 'Medium'), (3, 'High'), (4, 'Very high')], default=2)),
                    ('availability', models.PositiveSmallIntegerField(choices=[(1, 'Low'), (2, 'Medium'), (3, 'High'), (4, 'Very high')], default=2)),
                    ('holds_pii', models.BooleanField(default=False, verbose_name='holds personal data')),
                    ('pii_categories', models.JSONField(blank=True, default=list, help_text='e.g. contact, health, financial')),
                    ('hosting', models.CharField(choices=[('on_premises', 'On-premises'), ('cloud', 'Cloud'), ('vendor', 'Vendor-hosted')], default='cloud', max_length=20)),
                    ('region', models.CharField(blank=True, max_length=100)),
                    ('status', models.CharField(choices=[('planned', 'Planned'), ('development', 'In development'), ('production', 'In production'), ('retired', 'Retired')], default='production', max_length=20)),
                    ('base_model', models.CharField(blank=True, max_length=200)),
                    ('model_version', models.CharField(blank=True, max_length=100)),
                    ('parameter_count', models.BigIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1)])),
                    ('architecture', models.CharField(blank=True, max_length=200)),
                    ('licence', models.CharField(blank=True, max_length=200)),
                    ('data_provenance', models.TextField(blank=True, help_text='Where the data comes from and under what terms.')),
                    ('intended_use', models.TextField(blank=True)),
                    ('out_of_scope_use', models.TextField(blank=True)),
                    ('limitations', models.TextField(blank=True, verbose_name='known limitations')),
                    ('evaluation_results', models.TextField(blank=True)),
                    ('artefact_sha256', models.CharField(blank=True, help_text='Digest of the deployed weights file or container image.', max_length=64, validators=[django.core.validators.RegexValidator('^[0-9a-f]{64}$', '64 lower-case hex digits.')], verbose_name='artefact SHA-256')),
                    ('endpoint_url', models.URLField(blank=True)),
                    ('authentication_method', models.CharField(blank=True, max_length=100)),
                    ('encrypted_at_rest', models.BooleanField(blank=True, null=True)),
                    ('encrypted_in_transit', models.BooleanField(blank=True, null=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('assignees', models.ManyToManyField(blank=True, help_text='People who operate or maintain the asset besides its owner.', related_name='assigned_assets', to=settings.AUTH_USER_MODEL)),
                    ('depends_on', models.ManyToManyField(blank=True, help_text='Assets this one needs, e.g. endpoint -> model -> training dataset.', related_name='dependents', to='assets.asset')),
                    ('owner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='owned_assets', to=settings.AUTH_USER_MODEL)),
                    ('training_datasets', models.ManyToManyField(blank=True, help_text='Training-data provenance.', limit_choices_to={'kind': 'dataset'}, related_name='trained_models', to='assets.asset')),
                ],
                options={
                    'db_table': 'isms_asset',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='Scope',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', models.PositiveIntegerField(unique=True)),
                    ('statement', models.TextField(help_text='The scope statement as it appears on the certificate.')),
                    ('organisational_boundaries', models.TextField(blank=True)),
                    ('technical_boundaries', models.TextField(blank=True)),
                    ('interfaces_and_dependencies', models.TextField(blank=True, help_text='Interfaces and dependencies between in-scope and out-of-scope activities.')),
                    ('status', models.CharField(choices=[('draft', 'Draft'), ('approved', 'Approved')], default='draft', max_length=10)),
                    ('approved_at', models.DateTimeField(blank=True, null=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('assets', models.ManyToManyField(blank=True, related_name='scopes', to='assets.asset', verbose_name='in-scope assets')),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'isms_scope',
                    'ordering': ['-version'],
                    'permissions': [('approve_scope', 'Can approve a scope version')],
                },
            ),
            migrations.CreateModel(
                name='ScopeExclusion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('what', models.CharField(max_length=200)),
                    ('justification', models.TextField()),
                    ('scope', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exclusions', to='assets.scope')),
                ],
                options={
                    'db_table': 'isms_scopeexclusion',
                    'ordering': ['what'],
                },
            ),
            migrations.AddConstraint(
                model_name='scope',
                constraint=models.UniqueConstraint(condition=models.Q(('status', 'draft')), fields=('status',), name='scope_one_draft'),
            ),
            migrations.AddConstraint(
                model_name='scope',
                constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), models.Q(('approved_at__isnull', False), ('approved_by__isnull', False)), _connector='OR'), name='scope_approved_has_approver'),
            ),
        ]),
        # Existing databases: the moved models' content types (and so their permissions,
        # object grants and audit entries) follow them to this app.
        migrations.RunPython(rename_content_types('isms', 'assets', ['asset', 'scope', 'scopeexclusion']),
                             rename_content_types('assets', 'isms', ['asset', 'scope', 'scopeexclusion'])),
    ]
