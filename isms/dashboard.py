"""The dashboard is a list of panels. Each app offers a `dashboard_panels(user)` function that
returns the panels this user may see: dicts with a "template" and whatever that template needs."""

import importlib

from isms.access import can, visible
from isms.models import AuditEngagement, AuditEntry

# Modules with dashboard_panels(user), in the order their panels appear.
PANEL_PROVIDERS = [
    # What needs action today first: breach clocks, failing connectors, overdue corrective actions.
    "incidents.dashboard",
    "evidence.connector_dashboard",
    "audits.dashboard",
    "risks.dashboard",
    "controls.dashboard",
    "evidence.dashboard",
    "isms.dashboard_assets",
    "isms.dashboard_training",
    "governance.dashboard",
    "packs.dashboard",
    "isms.dashboard",  # audit engagements and recent changes
]


def dashboard_panels(user) -> list[dict]:
    panels = []
    if can(user, "view", AuditEngagement):
        engagements = visible(AuditEngagement.objects.active(), user).prefetch_related("auditors")
        panels.append({"template": "isms/_panel_engagements.html", "engagements": list(engagements)})
    if can(user, "view", AuditEntry):
        entries = visible(AuditEntry.objects.for_listing(), user)[:8]
        panels.append({"template": "isms/_panel_recent_changes.html", "entries": list(entries)})
    return panels


def all_panels(user) -> list[dict]:
    return [
        panel
        for module in PANEL_PROVIDERS
        for panel in importlib.import_module(module).dashboard_panels(user)
    ]
