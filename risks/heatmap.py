"""The likelihood x impact heatmap: counts from one grouped query, geometry for the SVG
template (risks/_heatmap.svg.html), which the register, the dashboard and the PDF pack share."""

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from risks.scoring import level_for, risk_score

BAND_FILLS = {"low": "#a3d9a5", "medium": "#ffe08a", "high": "#f9b572", "critical": "#f08080"}
CELL = 56
LEFT = 120  # room for likelihood labels
TOP = 28  # room for the title
KINDS = ("inherent", "residual")


def heatmap_counts(risks, criteria) -> dict[str, dict[tuple[int, int], int]]:
    """{"inherent"|"residual": {(likelihood, impact): count}} from one grouped query (a GROUP BY
    on the four scale columns: far cheaper for the database than one filtered count per cell).
    Off-scale scores (from a revised criteria) are not drawn."""
    cells = [
        (likelihood, impact)
        for likelihood in range(1, len(criteria.likelihood_labels) + 1)
        for impact in range(1, len(criteria.impact_labels) + 1)
    ]
    counts = {kind: dict.fromkeys(cells, 0) for kind in KINDS}
    groups = risks.prefetch_related(None).order_by().values_list(
        "inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact"
    ).annotate(n=Count("pk"))
    for inherent_l, inherent_i, residual_l, residual_i, n in groups:
        for kind, cell in (("inherent", (inherent_l, inherent_i)), ("residual", (residual_l, residual_i))):
            if cell in counts[kind]:
                counts[kind][cell] += n
    return counts


def heatmap_picture(counts: dict[tuple[int, int], int], criteria, title: str) -> dict:
    """Cells and labels with their coordinates: likelihood upwards, impact to the right."""
    rows, columns = len(criteria.likelihood_labels), len(criteria.impact_labels)
    cells = []
    for likelihood in range(1, rows + 1):
        for impact in range(1, columns + 1):
            score = risk_score(likelihood, impact)
            level = level_for(score, criteria.bands)
            x, y = LEFT + (impact - 1) * CELL, TOP + (rows - likelihood) * CELL
            cells.append({
                "x": x, "y": y, "cx": x + CELL // 2, "cy": y + CELL // 2,
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


def heatmap_svg(counts: dict[tuple[int, int], int], criteria, title: str) -> SafeString:
    """The heatmap as inline SVG."""
    return render_to_string("risks/_heatmap.svg.html", {"map": heatmap_picture(counts, criteria, title)})


def heatmaps(risks, criteria) -> list[SafeString]:
    """The inherent and residual heatmaps of `risks` (all scored with `criteria`), as SVG."""
    counts = heatmap_counts(risks, criteria)
    return [heatmap_svg(counts[kind], criteria, f"{kind.title()} risk") for kind in KINDS]
