"""Implementation progress by theme: counts from one aggregate query, plus the geometry of a
stacked horizontal bar chart rendered as inline SVG by controls/_progress_svg.html (the same
template can go into the audit pack PDF)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from controls.models import Control, SoAEntry

# (key, label, fill colour) in stacking order
SEGMENTS = [
    ("implemented", "Implemented", "#198754"),
    ("partial", "Partial", "#6ea8fe"),
    ("planned", "Planned", "#ffc107"),
    ("not_started", "Not started", "#adb5bd"),
    ("excluded", "Excluded", "#e9ecef"),
]
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT, BAR_HEIGHT, TOP, LEGEND_STEP = 130, 440, 34, 22, 8, 124


def _counts(entries: QuerySet) -> dict[str, dict[str, int]]:
    included = ~Q(applicable=False)
    aggregates = {
        key: Count("pk", filter=included & Q(implementation_status=key))
        for key, _, _ in SEGMENTS if key != "excluded"
    }
    aggregates["excluded"] = Count("pk", filter=Q(applicable=False))
    rows = entries.order_by().values("control__theme").annotate(**aggregates)
    return {row.pop("control__theme"): row for row in rows}


def progress_by_theme(entries: QuerySet[SoAEntry]) -> dict:
    """{"rows": [{"label", "y", "total", "segments": [{key, label, fill, count, x, width}]}],
    "legend": [...], "height", "width", "totals": {key: count}} for the SVG template."""
    return _chart(_counts(entries))


def _chart(counts: dict[str, dict[str, int]]) -> dict:
    rows, totals = [], {key: 0 for key, _, _ in SEGMENTS}
    for index, (theme, label) in enumerate(Control.Theme.choices):
        theme_counts = counts.get(theme, {})
        total = sum(theme_counts.values())
        x, segments = LABEL_WIDTH, []
        for key, seg_label, fill in SEGMENTS:
            count = theme_counts.get(key, 0)
            totals[key] += count
            width = round(BAR_WIDTH * count / total, 1) if total else 0
            if count:
                segments.append({"key": key, "label": seg_label, "fill": fill, "count": count,
                                 "x": x, "width": width, "text_x": x + width / 2})
            x += width
        y = TOP + index * ROW_HEIGHT
        rows.append({"label": label, "y": y, "text_y": y + BAR_HEIGHT / 2 + 4, "total": total,
                     "segments": segments})
    legend_y = TOP + len(rows) * ROW_HEIGHT + 6
    legend = [{"label": lab, "fill": fill, "x": i * LEGEND_STEP, "y": legend_y, "count": totals[key],
               "text_x": i * LEGEND_STEP + 16, "text_y": legend_y + 10}
              for i, (key, lab, fill) in enumerate(SEGMENTS)]
    return {"rows": rows, "legend": legend, "totals": totals, "bar_height": BAR_HEIGHT,
            "width": max(LABEL_WIDTH + BAR_WIDTH + 50, LEGEND_STEP * len(SEGMENTS)), "height": legend_y + 24,
            "total_x": LABEL_WIDTH + BAR_WIDTH + 6}
