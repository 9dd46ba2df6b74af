"""The audits panel: open nonconformities and overdue corrective and review actions."""

from audits.models import CorrectiveAction, Nonconformity, ReviewAction
from isms.access import can, visible


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", Nonconformity):
        return []
    overdue = list(visible(CorrectiveAction.objects.overdue(), user)
                   .select_related("owner", "nonconformity").order_by("due_date", "pk")[:8])
    return [{
        "template": "audits/_panel_audits.html",
        "open_ncs": visible(Nonconformity.objects.not_closed(), user).count(),
        "overdue_count": visible(CorrectiveAction.objects.overdue(), user).count(),
        "overdue": overdue,
        "overdue_review_actions": visible(ReviewAction.objects.overdue(), user).count(),
    }]
