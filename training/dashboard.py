"""Dashboard panel: training completion per course (a small SVG), expired and expiring
records, and people with access to personal data who lack the training it requires."""

from isms.access import can
from training import matrix as training
from training.models import TrainingRecord

BAR_WIDTH = 200


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", TrainingRecord):
        return []
    matrix = training.build()
    bars = [
        {"title": course.title, "rate": rate or 0, "width": round(BAR_WIDTH * (rate or 0) / 100),
         "y": 20 * i}
        for i, (course, rate) in enumerate(matrix.course_rates())
    ]
    return [{
        "template": "training/_panel_training.html",
        "bars": bars, "height": 20 * len(bars), "bar_width": BAR_WIDTH,
        "expired": matrix.count(training.EXPIRED), "expiring": matrix.count(training.EXPIRING),
        "missing": matrix.count(training.MISSING), "pii_gaps": matrix.pii_gaps(),
    }]
