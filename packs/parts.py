"""Long sections are laid out as several documents in parallel (see packs/sections.py)."""


def chunked(rows: list, size: int) -> list[list]:
    """Rows in runs of `size` (at least one run, possibly empty, so a section always prints)."""
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]
