from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IsmsConfig(AppConfig):
    name = "isms"
    verbose_name = "ISMS"

    def ready(self) -> None:
        from isms.auth import connect_signals
        from isms.roles import roles_sync_after_migrate

        connect_signals()
        # Groups and their permissions converge after every migrate (permissions exist by then).
        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="isms-roles-sync")
