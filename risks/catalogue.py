"""Loading the threat library (risks/catalogues/*.json) and the first risk criteria."""

import json
from pathlib import Path

from django.db import transaction

from controls.catalogue import catalogues_load_all
from controls.models import Control
from risks.models import RiskCriteria, Threat

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogues"
ANNEX_A = "iso27001-2022"


@transaction.atomic
def threats_load(path: Path) -> int:
    """Create the threats of `path` that are missing; returns how many were created. Existing
    threats are left alone (officers may have edited or retired them)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    existing = set(Threat.objects.values_list("code", flat=True))
    controls = {c.ref: c for c in Control.objects.filter(framework__code=ANNEX_A)}
    created = 0
    for row in data["threats"]:
        if row["code"] in existing:
            continue
        refs = row.pop("suggested_controls", [])
        threat = Threat(is_seeded=True, **row)
        threat.full_clean()
        threat.save()
        threat.suggested_controls.set([controls[ref] for ref in refs if ref in controls])
        created += 1
    return created


def criteria_seed() -> RiskCriteria:
    """Version 1 of the criteria (the 5x5 defaults) when there is none yet."""
    current = RiskCriteria.objects.current()
    if current is None:
        current = RiskCriteria(version=1, name="Default 5x5 criteria")
        current.full_clean()
        current.save()
    return current


def risks_reference_load() -> dict[str, int]:
    # The threats point at Annex A controls, which the controls app loads after our turn.
    catalogues_load_all()
    criteria_seed()
    return {path.stem: threats_load(path) for path in sorted(CATALOGUE_DIR.glob("*.json"))}
