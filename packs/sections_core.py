"""Pack sections of the ISMS core: scope, asset inventory with model cards, Statement of
Applicability and training matrix. Each reads in a constant number of queries."""

import datetime

from django.db.models import Prefetch

from assets.models import Asset, Scope
from controls.models import SoAEntry
from controls.progress import progress_by_theme
from packs.evidence_files import cutoff
from packs.parts import chunked
from training import matrix as training

ROWS_PER_PART = 400
ASSET_LEGEND = "Asset · kind · owner · classification · C/I/A · personal data · hosting · status · depends on"


def scope_as_of(as_of: datetime.date) -> Scope | None:
    """The scope version in force on `as_of` (the newest approved by then), else the newest."""
    scopes = Scope.objects.prefetch_related("exclusions").order_by("-version")
    approved = scopes.approved().filter(approved_at__lt=cutoff(as_of)).first()
    return approved or scopes.first()


def _scope_section(as_of):
    scope = scope_as_of(as_of)
    assets = list(scope.assets.order_by("name").values_list("name", flat=True)) if scope else []
    return {
        "key": "scope", "title": "ISMS scope", "template": "packs/pack/scope.html",
        "context": {"scope": scope, "assets": assets},
    }


def _asset_sections(as_of):
    assets = list(
        Asset.objects.select_related("owner").prefetch_related(
            Prefetch("training_datasets", queryset=Asset.objects.only("name").order_by("name")),
            Prefetch("depends_on", queryset=Asset.objects.only("name").order_by("name")),
        ).order_by("name")
    )
    cards = [a for a in assets if a.has_model_card]
    inventory = {
        "key": "assets", "title": "Asset inventory", "template": "packs/pack/assets.html",
        "legend": ASSET_LEGEND,
        "context": {"total": len(assets)},
        "parts": [{"assets": rows} for rows in chunked(assets, ROWS_PER_PART)],
    }
    model_cards = {
        "key": "model-cards", "title": "Model cards", "template": "packs/pack/model_cards.html",
        "context": {"total": len(cards)},
        "parts": [{"cards": rows} for rows in chunked(cards, ROWS_PER_PART // 2)],
    }
    return [inventory, model_cards]


def _soa_section(as_of):
    entries = SoAEntry.objects.select_related("control", "owner").in_catalogue_order()
    return {
        "key": "soa", "title": "Statement of Applicability", "template": "packs/pack/soa.html",
        "context": {"entries": list(entries), "progress": progress_by_theme(SoAEntry.objects.all())},
    }


def _training_section(as_of):
    matrix = training.build(today=as_of)
    return {
        "key": "training", "title": "Training matrix", "template": "packs/pack/training.html",
        "context": {
            "courses": matrix.courses, "rows": list(matrix.rows()),
            "course_rates": matrix.course_rates(), "team_rates": matrix.team_rates(),
            "pii_gaps": matrix.pii_gaps(),
            "counts": {s: matrix.count(s) for s in (training.CURRENT, training.EXPIRING,
                                                      training.EXPIRED, training.MISSING)},
        },
    }


def pack_sections(as_of: datetime.date) -> list[dict]:
    return [_scope_section(as_of), *_asset_sections(as_of), _soa_section(as_of), _training_section(as_of)]
