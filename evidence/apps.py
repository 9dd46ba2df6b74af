from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"

    def ready(self) -> None:
        from evidence import related
        from evidence.dashboard import dashboard_panels
        from isms.dashboard import register_panels

        related.register()
        register_panels(dashboard_panels, position=60)
