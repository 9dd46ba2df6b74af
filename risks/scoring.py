"""Risk scoring: pure functions of the criteria (no database access)."""

LEVELS = ("low", "medium", "high", "critical")


def risk_score(likelihood: int, impact: int) -> int:
    return likelihood * impact


def level_for(score: int, bands: list[dict]) -> str:
    """The band with the highest min_score not above `score` (the lowest band otherwise)."""
    ordered = sorted(bands, key=lambda band: int(band["min_score"]))
    level = ordered[0]["level"] if ordered else LEVELS[0]
    for band in ordered:
        if score >= int(band["min_score"]):
            level = band["level"]
    return level


def rate(criteria, likelihood: int, impact: int) -> tuple[int, str]:
    """(score, level) of a likelihood/impact pair under `criteria`."""
    score = risk_score(likelihood, impact)
    return score, level_for(score, criteria.bands)


def in_scale(value: int | None, labels: list[str]) -> bool:
    return value is not None and 1 <= value <= len(labels)
