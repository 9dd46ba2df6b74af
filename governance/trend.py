"""A small trend line of an objective's measurements with its target, drawn as inline SVG by
the template (no JavaScript, no inline styles: the CSP forbids both)."""

from __future__ import annotations

from decimal import Decimal

PAD = 4


def trend(objective, measurements, width: int = 160, height: int = 40) -> dict | None:
    """Coordinates for templates/governance/_trend_svg.html; measurements oldest first."""
    points = [(m.date, m.value) for m in measurements]
    if not points:
        return None
    values = [v for _, v in points] + [objective.target_value]
    low, high = min(values), max(values)
    span = (high - low) or Decimal(1)
    first, last = points[0][0], points[-1][0]
    days = (last - first).days or 1

    def x(date) -> float:
        if len(points) == 1:
            return width / 2
        return round(PAD + (width - 2 * PAD) * (date - first).days / days, 1)

    def y(value) -> float:
        return round(PAD + (height - 2 * PAD) * float((high - value) / span), 1)

    dots = [{"x": x(d), "y": y(v), "label": f"{d:%Y-%m-%d}: {objective.format(v)}",
             "ok": objective.meets(v)} for d, v in points]
    return {
        "width": width, "height": height, "dots": dots,
        "line": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "target_y": y(objective.target_value), "right": width - PAD, "left": PAD,
        "target": objective.target_label, "show_labels": height >= 60,
        "target_label_y": max(y(objective.target_value) - 3, 11),
        "label": f"Trend of {objective.title}: latest {objective.format(points[-1][1])}, "
                 f"target {objective.target_label}",
    }
