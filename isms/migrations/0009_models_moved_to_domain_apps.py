from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0001_initial'),
        ('auditors', '0001_initial'),
        ('training', '0001_initial'),
        ('controls', '0003_asset_moved_app'),
        ('evidence', '0005_connectors_moved_app'),
        ('governance', '0002_person_moved_app'),
        ('incidents', '0003_asset_moved_app'),
        ('isms', '0008_user_time_zone'),
        ('packs', '0002_engagement_moved_app'),
        ('risks', '0004_asset_moved_app'),
    ]

    # The models moved between apps with their tables (Meta.db_table): only Django's picture
    # of them changes, the database stays as it is.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='course',
                name='audience_assets',
            ),
            migrations.RemoveField(
                model_name='scope',
                name='assets',
            ),
            migrations.RemoveField(
                model_name='auditengagement',
                name='auditors',
            ),
            migrations.RemoveField(
                model_name='auditengagement',
                name='ended_by',
            ),
            migrations.RemoveField(
                model_name='auditoraccess',
                name='engagement',
            ),
            migrations.RemoveField(
                model_name='auditoraccess',
                name='content_type',
            ),
            migrations.RemoveField(
                model_name='auditoraccess',
                name='user',
            ),
            migrations.RemoveField(
                model_name='trainingrecord',
                name='course',
            ),
            migrations.RemoveField(
                model_name='person',
                name='user',
            ),
            migrations.RemoveField(
                model_name='trainingrecord',
                name='person',
            ),
            migrations.RemoveField(
                model_name='scope',
                name='approved_by',
            ),
            migrations.RemoveField(
                model_name='scope',
                name='created_by',
            ),
            migrations.RemoveField(
                model_name='scopeexclusion',
                name='scope',
            ),
            migrations.RemoveField(
                model_name='trainingrecord',
                name='certificate',
            ),
            migrations.RemoveField(
                model_name='trainingrecord',
                name='recorded_by',
            ),
            migrations.DeleteModel(
                name='Asset',
            ),
            migrations.DeleteModel(
                name='AuditEngagement',
            ),
            migrations.DeleteModel(
                name='AuditorAccess',
            ),
            migrations.DeleteModel(
                name='Course',
            ),
            migrations.DeleteModel(
                name='Person',
            ),
            migrations.DeleteModel(
                name='Scope',
            ),
            migrations.DeleteModel(
                name='ScopeExclusion',
            ),
            migrations.DeleteModel(
                name='TrainingRecord',
            ),
        ]),
    ]
