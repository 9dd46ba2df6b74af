from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Internal audits, nonconformities and management reviews"

    def ready(self) -> None:
        from audits import related
        from audits.dashboard import dashboard_panels
        from isms.dashboard import register_panels

        related.register()
        register_panels(dashboard_panels, position=30)
