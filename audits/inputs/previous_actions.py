"""9.3.2 a): status of actions from previous management reviews."""

import datetime

from django.db.models import Q

from audits.models import ReviewAction
from audits.models.nonconformities import ActionStatus


def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]:
    # Actions of the reviews since the last one, and older ones still not done.
    actions = ReviewAction.objects.filter(review__date__lt=until).filter(
        Q(review__date__gte=since) | ~Q(status=ActionStatus.DONE)
    ).select_related("owner", "review")
    lines = []
    for action in actions.order_by("review__date", "due_date", "pk"):
        state = action.get_status_display()
        if action.status != ActionStatus.DONE and action.due_date < until:
            state += f", overdue since {action.due_date}"
        lines.append(f"{action.description} (review of {action.review.date}; owner {action.owner}; "
                     f"due {action.due_date}): {state}.")
    return [{"clause": "9.3.2 a)", "heading": "Status of actions from previous management reviews",
             "lines": lines or ["No actions from previous reviews."]}]
