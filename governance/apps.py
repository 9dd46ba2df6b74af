from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Policies and objectives"

    def ready(self) -> None:
        from governance.dashboard import dashboard_panels
        from isms.dashboard import register_panels

        register_panels(dashboard_panels, position=90)
