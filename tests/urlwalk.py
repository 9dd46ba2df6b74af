"""Enumerate every named URL pattern of the project with the view behind it."""

from django.urls import URLPattern, URLResolver, get_resolver


def url_patterns(resolver=None, namespace=""):
    """Yield (qualified name, view callback) for every named pattern, admin excluded."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def view_class(callback):
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)
