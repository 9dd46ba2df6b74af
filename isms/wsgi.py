import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isms.settings")
application = get_wsgi_application()


def prepare_process() -> None:
    """Freeze what the process has loaded (Django, the apps, the URL patterns) out of the
    garbage collector's sight: a full collection then scans only what requests allocate,
    instead of the whole framework every second request or so (docs/performance.md). A web
    worker calls this once; bench/run.py too, to measure pages as a worker serves them."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 - loads every URL pattern now rather than per worker later
    gc.freeze()


prepare_process()
