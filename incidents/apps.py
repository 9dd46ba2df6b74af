from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_reference_data(sender, **kwargs) -> None:
    from incidents.catalogue import regimes_seed

    regimes_seed()


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = "Incidents"

    def ready(self) -> None:
        from incidents.dashboard import dashboard_panels
        from isms.dashboard import register_panels

        register_panels(dashboard_panels, position=10)
        post_migrate.connect(_load_reference_data, sender=self, dispatch_uid="incidents-regimes")
