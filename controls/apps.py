from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_catalogues(sender, **kwargs) -> None:
    from controls.catalogue import catalogues_load_all
    from controls.services import ensure_soa_entries

    catalogues_load_all()
    ensure_soa_entries()


class ControlsConfig(AppConfig):
    name = "controls"

    def ready(self) -> None:
        from controls import related
        from controls.dashboard import dashboard_panels
        from isms.dashboard import register_panels

        related.register()
        register_panels(dashboard_panels, position=50)
        # Catalogues are reference data every database needs (test databases flushed between
        # tests too), so they are (re)loaded idempotently after every migrate, and every
        # control gets its (undecided) Statement of Applicability entry.
        post_migrate.connect(_load_catalogues, sender=self, dispatch_uid="controls-catalogues")
