from django.apps import AppConfig


class AuditorsConfig(AppConfig):
    name = "auditors"
    verbose_name = "External auditors"

    def ready(self) -> None:
        from auditors import access_log  # noqa: F401  (its `accessed` signal receiver)
        from auditors.dashboard import dashboard_panels
        from auditors.models import AuditEngagement
        from isms.access import register_engagement_check
        from isms.dashboard import register_panels

        register_engagement_check(
            lambda user: AuditEngagement.objects.active().filter(auditors=user).exists()
        )
        register_panels(dashboard_panels, position=110)
