"""What the dashboard shows a user: each panel is computed only when the user may see it."""

from django.utils import timezone

from isms.access import can, role_of, visible
from isms.models import AuditEngagement, AuditEntry


def dashboard_panels(user) -> dict:
    panels: dict = {"role": role_of(user)}
    if can(user, "view", AuditEntry):
        panels["recent_changes"] = list(
            visible(AuditEntry.objects.for_listing(), user)[:8]
        )
    if can(user, "view", AuditEngagement):
        panels["engagements"] = list(
            visible(AuditEngagement.objects.active(), user).prefetch_related("auditors")
        )
    panels["today"] = timezone.localdate()
    return panels
