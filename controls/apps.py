from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_catalogues(sender, **kwargs) -> None:
    from controls.catalogue import catalogues_load_all

    catalogues_load_all()


class ControlsConfig(AppConfig):
    name = "controls"

    def ready(self) -> None:
        # Catalogues are reference data every database needs (test databases flushed between
        # tests too), so they are (re)loaded idempotently after every migrate.
        post_migrate.connect(_load_catalogues, sender=self, dispatch_uid="controls-catalogues")
