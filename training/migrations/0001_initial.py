import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from isms.migration_ops import rename_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('isms', '0008_user_time_zone'),
        ('evidence', '0004_list_order_index'),
        ('assets', '0001_initial'),
        ('evidence', '0005_connectors_moved_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # These models were in the isms app until the layout of issue #21; they kept their
    # tables (Meta.db_table), so a new database gets them from isms's migrations.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Course',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, unique=True)),
                    ('topic', models.CharField(choices=[('security_awareness', 'Security awareness'), ('secure_slm_development', 'Secure SLM development'), ('privacy_pii', 'Privacy and PII'), ('incident_response', 'Incident response'), ('other', 'Other')], default='other', max_length=30)),
                    ('provider', models.CharField(blank=True, max_length=200)),
                    ('validity_months', models.PositiveSmallIntegerField(default=12, validators=[django.core.validators.MinValueValidator(1)])),
                    ('teams', models.JSONField(blank=True, default=list, help_text='Teams who must take it.')),
                    ('job_roles', models.JSONField(blank=True, default=list, help_text='Job roles who must take it.')),
                    ('audience_pii_assets', models.BooleanField(default=False, help_text='Everyone owning or assigned to an asset holding personal data.')),
                    ('audience_assets', models.ManyToManyField(blank=True, help_text='People who own or are assigned to these assets must take it.', related_name='required_courses', to='assets.asset')),
                ],
                options={
                    'db_table': 'isms_course',
                    'ordering': ['title'],
                },
            ),
            migrations.CreateModel(
                name='Person',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200)),
                    ('email', models.EmailField(max_length=254, unique=True)),
                    ('team', models.CharField(blank=True, max_length=100)),
                    ('job_role', models.CharField(blank=True, max_length=100)),
                    ('active', models.BooleanField(default=True)),
                    ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='person', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'isms_person',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='TrainingRecord',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('completed_on', models.DateField()),
                    ('expires_on', models.DateField()),
                    ('score', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)])),
                    ('reminded_at', models.DateTimeField(blank=True, null=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('certificate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='training_records', to='evidence.evidence')),
                    ('course', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='records', to='training.course')),
                    ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_records', to='training.person')),
                    ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'isms_trainingrecord',
                    'ordering': ['-completed_on'],
                },
            ),
            migrations.AddConstraint(
                model_name='course',
                constraint=models.CheckConstraint(condition=models.Q(('validity_months__gte', 1)), name='course_validity_positive'),
            ),
            migrations.AddConstraint(
                model_name='trainingrecord',
                constraint=models.UniqueConstraint(fields=('person', 'course', 'completed_on'), name='training_record_unique'),
            ),
        ]),
        # Existing databases: the moved models' content types (and so their permissions,
        # object grants and audit entries) follow them to this app.
        migrations.RunPython(rename_content_types('isms', 'training', ['person', 'course', 'trainingrecord']),
                             rename_content_types('training', 'isms', ['person', 'course', 'trainingrecord'])),
    ]
