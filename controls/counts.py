"""Numbers per control that other apps hold: the risks that a control treats (risks), its
evidence items and its valid evidence (evidence).

Those apps sit above controls (their models link to controls), so they register a counting
function here when they load; the SoA, its exports and the control pages ask for a count by
name. A count nobody registered is empty (a control with nothing linked)."""

from collections.abc import Callable, Iterable, Mapping

Counter = Callable[[list[int]], Mapping[int, int]]
_counters: dict[str, Counter] = {}

RISKS = "risks"  # risks linked to the control
EVIDENCE = "evidence"  # evidence items linked to the control
VALID_EVIDENCE = "valid_evidence"  # of those, neither rejected nor expired today


def register_control_count(name: str, counter: Counter) -> None:
    """counter(control ids) -> {control id: count}; ids missing from the result count 0."""
    _counters[name] = counter


def control_counts(name: str, control_ids: Iterable[int]) -> Mapping[int, int]:
    counter = _counters.get(name)
    return counter(list(control_ids)) if counter else {}
