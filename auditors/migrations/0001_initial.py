import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from isms.migration_ops import rename_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('isms', '0008_user_time_zone'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # These models were in the isms app until the layout of issue #21; they kept their
    # tables (Meta.db_table), so a new database gets them from isms's migrations.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='AuditEngagement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, unique=True)),
                    ('audit_firm', models.CharField(max_length=200)),
                    ('start_date', models.DateField()),
                    ('end_date', models.DateField()),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('ended_at', models.DateTimeField(blank=True, null=True)),
                    ('auditors', models.ManyToManyField(blank=True, related_name='audit_engagements', to=settings.AUTH_USER_MODEL)),
                    ('ended_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'isms_auditengagement',
                    'ordering': ['-start_date', 'name'],
                },
            ),
            migrations.CreateModel(
                name='AuditorAccess',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('method', models.CharField(max_length=10)),
                    ('path', models.CharField(max_length=500)),
                    ('view_name', models.CharField(blank=True, max_length=200)),
                    ('kind', models.CharField(choices=[('page', 'Page'), ('download', 'Download')], default='page', max_length=10)),
                    ('status_code', models.PositiveSmallIntegerField()),
                    ('object_id', models.CharField(blank=True, max_length=64)),
                    ('object_repr', models.CharField(blank=True, max_length=200)),
                    ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                    ('engagement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='accesses', to='auditors.auditengagement')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name_plural': 'auditor accesses',
                    'db_table': 'isms_auditoraccess',
                    'ordering': ['-at', '-pk'],
                    'indexes': [models.Index(fields=['engagement', '-at'], name='isms_audito_engagem_765980_idx')],
                },
            ),
        ]),
        # Existing databases: the moved models' content types (and so their permissions,
        # object grants and audit entries) follow them to this app.
        migrations.RunPython(rename_content_types('isms', 'auditors', ['auditengagement', 'auditoraccess']),
                             rename_content_types('auditors', 'isms', ['auditengagement', 'auditoraccess'])),
    ]
