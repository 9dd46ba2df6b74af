"""The dashboard is a list of panels filled by the domain apps.

Each app registers a function `panels(user) -> list[dict]` when it loads (its AppConfig.ready):
the panels this user may see, dicts with a "template" and whatever that template needs. The
platform never imports the apps; `position` orders them, what needs action today first:

    10 incidents (breach clocks)   20 connectors   30 audits (overdue corrective actions)
    40 risks   50 controls   60 evidence   70 assets   80 training   90 governance
    100 packs   110 auditors (engagements)   120 recent changes (the audit trail, here)
"""

from collections.abc import Callable

from isms.access import can, visible
from isms.models import AuditEntry

PanelsOf = Callable[[object], list[dict]]
_providers: list[tuple[int, PanelsOf]] = []


def register_panels(panels: PanelsOf, *, position: int) -> None:
    """Add an app's panels (idempotent: ready() may run more than once in tests)."""
    if (position, panels) not in _providers:
        _providers.append((position, panels))
        _providers.sort(key=lambda provider: provider[0])


def recent_changes_panels(user) -> list[dict]:
    if not can(user, "view", AuditEntry):
        return []
    entries = visible(AuditEntry.objects.for_listing(), user)[:8]
    return [{"template": "isms/_panel_recent_changes.html", "entries": list(entries)}]


register_panels(recent_changes_panels, position=120)


def all_panels(user) -> list[dict]:
    return [panel for _position, panels in _providers for panel in panels(user)]
