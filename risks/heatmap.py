"""The likelihood x impact heatmap: counts from one aggregate query, geometry for the SVG
template (risks/_heatmap.svg.html), which the register, the dashboard and the PDF pack share."""

from django.db.models import Count, Q

from risks.scoring import level_for, risk_score

BAND_FILLS = {"low": "#a3d9a5", "medium": "#ffe08a", "high": "#f9b572", "critical": "#f08080"}
CELL = 56
LEFT = 120  # room for likelihood labels
TOP = 28  # room for the title
KINDS = ("inherent", "residual")


def heatmap_counts(risks, criteria) -> dict[str, dict[tuple[int, int], int]]:
    """{"inherent"|"residual": {(likelihood, impact): count}} in one aggregate query."""
    cells = [
        (kind, likelihood, impact)
        for kind in KINDS
        for likelihood in range(1, len(criteria.likelihood_labels) + 1)
        for impact in range(1, len(criteria.impact_labels) + 1)
    ]
    totals = risks.order_by().aggregate(**{
        f"{kind}_{likelihood}_{impact}": Count(
            "pk", filter=Q(**{f"{kind}_likelihood": likelihood, f"{kind}_impact": impact})
        )
        for kind, likelihood, impact in cells
    })
    counts = {kind: {} for kind in KINDS}
    for kind, likelihood, impact in cells:
        counts[kind][(likelihood, impact)] = totals[f"{kind}_{likelihood}_{impact}"]
    return counts


def heatmap_picture(counts: dict[tuple[int, int], int], criteria, title: str) -> dict:
    """Cells and labels with their coordinates: likelihood upwards, impact to the right."""
    rows, columns = len(criteria.likelihood_labels), len(criteria.impact_labels)
    cells = []
    for likelihood in range(1, rows + 1):
        for impact in range(1, columns + 1):
            score = risk_score(likelihood, impact)
            level = level_for(score, criteria.bands)
            cells.append({
                "x": LEFT + (impact - 1) * CELL, "y": TOP + (rows - likelihood) * CELL,
                "fill": BAND_FILLS.get(level, "#eeeeee"), "level": level, "score": score,
                "count": counts.get((likelihood, impact), 0),
                "likelihood": likelihood, "impact": impact,
            })
    grid_bottom = TOP + rows * CELL
    return {
        "title": title, "cells": cells, "cell": CELL, "half": CELL // 2,
        "width": LEFT + columns * CELL + 10, "height": grid_bottom + 60,
        "y_labels": [{"y": TOP + (rows - n) * CELL + CELL // 2, "label": label}
                     for n, label in enumerate(criteria.likelihood_labels, start=1)],
        "x_labels": [{"x": LEFT + (n - 1) * CELL + CELL // 2, "label": label}
                     for n, label in enumerate(criteria.impact_labels, start=1)],
        "label_x": LEFT - 8, "label_y": grid_bottom + 16, "axis_y": grid_bottom + 44,
        "axis_x": LEFT + columns * CELL // 2, "title_x": LEFT, "axis_ly": TOP + rows * CELL // 2,
    }


def heatmaps(risks, criteria) -> list[dict]:
    """The inherent and residual pictures of `risks` (all scored with `criteria`)."""
    counts = heatmap_counts(risks, criteria)
    return [heatmap_picture(counts[kind], criteria, f"{kind.title()} risk") for kind in KINDS]
