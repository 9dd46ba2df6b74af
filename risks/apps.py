from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_reference_data(sender, **kwargs) -> None:
    from risks.catalogue import risks_reference_load

    risks_reference_load()


class RisksConfig(AppConfig):
    name = "risks"

    def ready(self) -> None:
        from isms.dashboard import register_panels
        from risks import related
        from risks.dashboard import dashboard_panels

        related.register()
        register_panels(dashboard_panels, position=40)
        # The threat library and the first criteria are reference data every database needs
        # (test databases flushed between tests too): (re)loaded idempotently after migrate.
        post_migrate.connect(_load_reference_data, sender=self, dispatch_uid="risks-threats")
