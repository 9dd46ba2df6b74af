from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self) -> None:
        from isms.dashboard import register_panels
        from training.dashboard import dashboard_panels

        register_panels(dashboard_panels, position=80)
