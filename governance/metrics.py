"""Metrics the product computes from its own data, for objectives "measured from control status".

The extension point: METRICS maps a metric name to a label, a unit and a function returning the
current value (a Decimal, or None when there is nothing to measure yet). Connector results can
be added later as further entries; nothing else needs to change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ANNEX_A = "iso27001-2022"


@dataclass(frozen=True)
class Metric:
    label: str
    unit: str
    compute: Callable[[], Decimal | None]


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def annex_a_implemented() -> Decimal | None:
    """Share of applicable Annex A controls whose SoA entry says implemented."""
    from controls.models import SoAEntry

    applicable = SoAEntry.objects.filter(control__framework__code=ANNEX_A, applicable=True)
    done = applicable.filter(implementation_status=SoAEntry.Status.IMPLEMENTED).count()
    return _share(done, applicable.count())


def training_current() -> Decimal | None:
    """Share of required training (person x course, from the training matrix) that is current."""
    from training import matrix as training

    cells = training.build().cells.values()
    current = sum(1 for state in cells if state in (training.CURRENT, training.EXPIRING))
    return _share(current, len(cells))


METRICS: dict[str, Metric] = {
    "annex_a_implemented": Metric("Share of applicable Annex A controls implemented", "%",
                                  annex_a_implemented),
    "training_current": Metric("Share of required training that is current", "%", training_current),
}


def metric_choices() -> list[tuple[str, str]]:
    return [("", "— measured by hand —"), *((name, m.label) for name, m in METRICS.items())]
