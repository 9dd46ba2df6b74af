import gc

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate


class IsmsConfig(AppConfig):
    name = "isms"
    verbose_name = "ISMS"

    def ready(self) -> None:
        from isms import lookups  # noqa: F401  (registers __any_of)
        from isms.roles import roles_sync_after_migrate

        # Python's cyclic garbage collector runs after every 700 new container objects: a list
        # page of 100 rows makes thousands, which cost 3 young collections and a middle one per
        # request, 1 to 1.5 ms on the benchmark (docs/performance.md). Most die by reference
        # counting anyway; the rest are collected a few requests later.
        if settings.GC_GEN0_THRESHOLD:
            gc.set_threshold(settings.GC_GEN0_THRESHOLD, *gc.get_threshold()[1:])
        # Groups and their permissions converge after every migrate (permissions exist by then).
        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="isms-roles-sync")
