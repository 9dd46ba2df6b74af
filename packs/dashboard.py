"""The dashboard's audit-pack panel: the latest packs, with their state and downloads."""

from isms.access import can
from packs.models import AuditPack


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", AuditPack):
        return []
    packs = AuditPack.objects.for_listing().visible_to(user).order_by("-requested_at", "-pk")[:5]
    return [{"template": "packs/_panel_packs.html", "packs": list(packs),
             "may_request": can(user, "add", AuditPack)}]
