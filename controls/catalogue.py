"""Loading control catalogues from the JSON files in controls/catalogues/."""

import json
from pathlib import Path

from django.db import transaction

from controls.models import Control, Framework

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogues"


@transaction.atomic
def catalogue_load(path: Path) -> tuple[Framework, int]:
    """Create the framework and any of its controls that are missing; returns how many were
    created. Existing rows are left alone (officers may have edited the guidance), so a
    second run changes nothing."""
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["framework"]
    framework, _ = Framework.objects.get_or_create(
        code=meta["code"],
        defaults={k: meta[k] for k in ("name", "version", "publisher")},
    )
    existing = set(framework.controls.values_list("ref", flat=True))
    created = 0
    for position, row in enumerate(data["controls"], start=1):
        if row["ref"] in existing:
            continue
        control = Control(framework=framework, position=position, **row)
        control.full_clean()
        control.save()
        created += 1
    return framework, created


def catalogues_load_all() -> dict[str, int]:
    return {path.stem: catalogue_load(path)[1] for path in sorted(CATALOGUE_DIR.glob("*.json"))}
