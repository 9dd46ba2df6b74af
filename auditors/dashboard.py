"""Dashboard panel: the audit engagements running today."""

from auditors.models import AuditEngagement
from isms.access import can, visible


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", AuditEngagement):
        return []
    engagements = visible(AuditEngagement.objects.active(), user).prefetch_related("auditors")
    return [{"template": "auditors/_panel_engagements.html", "engagements": list(engagements)}]
