"""Dashboard panels of the controls app: implementation progress for everyone who reads the
SoA, and the controls assigned to the signed-in engineer."""

from controls.models import SoAEntry
from controls.progress import progress_by_theme
from isms.access import can, role_of, visible
from isms.roles import ENGINEER


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", SoAEntry):
        return []
    entries = visible(SoAEntry.objects.all(), user)
    panels = [{"template": "controls/_panel_progress.html", "progress": progress_by_theme(entries)}]
    if role_of(user) == ENGINEER:
        assigned = entries.assigned_to(user).select_related("control").in_catalogue_order()
        panels.append({"template": "controls/_panel_assigned.html", "entries": list(assigned)})
    return panels
