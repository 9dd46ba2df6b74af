from django.apps import AppConfig


class ConnectorsConfig(AppConfig):
    name = "connectors"
    verbose_name = "Connected systems"

    def ready(self) -> None:
        from connectors import related
        from connectors.dashboard import dashboard_panels
        from isms.dashboard import register_panels

        related.register()
        register_panels(dashboard_panels, position=20)
