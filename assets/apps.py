from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "assets"
    verbose_name = "Scope and assets"

    def ready(self) -> None:
        from assets.dashboard import dashboard_panels
        from isms.dashboard import register_panels

        register_panels(dashboard_panels, position=70)
