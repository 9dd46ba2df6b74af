from django.apps import AppConfig


class PacksConfig(AppConfig):
    name = "packs"
    verbose_name = "Audit packs"

    def ready(self) -> None:
        from isms.dashboard import register_panels
        from packs.dashboard import dashboard_panels

        register_panels(dashboard_panels, position=100)
