"""Which applicable threats an assessment has assessed for each asset (threat.asset_kinds
holds the asset's kind). Three queries whatever the sizes; the matching is done in Python
because JSON containment lookups differ between SQLite and PostgreSQL."""

from assets.models import Asset
from risks.models import Risk, Threat


def _assessed_pairs(assessment) -> set[tuple[int, int]]:
    if assessment is None:
        return set()
    return set(Risk.objects.filter(assessment=assessment).values_list("assets", "threat"))


def in_scope_assets():
    """The assets of the approved ISMS scope; before any scope is approved, those in production."""
    assets = Asset.objects.in_scope()
    return assets if assets.exists() else Asset.objects.filter(status=Asset.Status.PRODUCTION)


def coverage_rows(assessment, assets=None) -> list[dict]:
    """Per asset: the applicable threats that are assessed and those that are not."""
    if assets is None:
        assets = in_scope_assets()
    threats = list(Threat.objects.active())
    pairs = _assessed_pairs(assessment)
    rows = []
    for asset in assets:
        applicable = [t for t in threats if t.applies_to(asset.kind)]
        rows.append({
            "asset": asset,
            "assessed": [t for t in applicable if (asset.pk, t.pk) in pairs],
            "missing": [t for t in applicable if (asset.pk, t.pk) not in pairs],
        })
    return rows


def coverage_totals(rows: list[dict]) -> dict:
    assessed = sum(len(row["assessed"]) for row in rows)
    missing = sum(len(row["missing"]) for row in rows)
    total = assessed + missing
    return {"assessed": assessed, "missing": missing, "total": total,
            "percent": round(100 * assessed / total) if total else 100}


def suggestions(rows: list[dict], limit: int = 10) -> list[dict]:
    """Unassessed threats ranked by how many assets they apply to: {threat, assets}."""
    by_threat: dict[int, dict] = {}
    for row in rows:
        for threat in row["missing"]:
            entry = by_threat.setdefault(threat.pk, {"threat": threat, "assets": []})
            entry["assets"].append(row["asset"])
    ranked = sorted(by_threat.values(), key=lambda e: (-len(e["assets"]), e["threat"].name))
    return ranked[:limit]
