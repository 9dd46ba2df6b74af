from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The one-command demo's data (`seed_demo`): each app's demo.py, in order."""

    name = "demo"
