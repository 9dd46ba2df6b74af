"""The risk register's table rows as plain values, for the list page (issue #11).

Reading the register as model instances builds seven objects per risk (the risk, its
assessment, criteria, threat, owner, assets and acceptances) and took most of the page's
time; these rows are three value queries for any page size. Acceptance states come from the
same rule as Risk.acceptance_state (risks.models.treatment.acceptance_state)."""

from collections import defaultdict
from types import SimpleNamespace

from isms.jinja import pk_url
from isms.models.users import user_label
from risks.models import Risk, RiskAcceptance
from risks.models.treatment import acceptance_state, snapshot_of
from risks.templatetags.risks_tags import acceptance_state_badge, level_badge

COLUMNS = (
    "pk", "title", "assessment__title", "threat__name", "threat__reference",
    "inherent_level", "inherent_score", "treatment", "residual_level", "residual_score", "status",
    "owner__username", "owner__first_name", "owner__last_name", "assessment__criteria__appetite",
    "open_action_count", "overdue_action_count",
)
TREATMENTS = dict(Risk.Treatment.choices)
STATUSES = dict(Risk.Status.choices)


def register_rows(risks) -> list[SimpleNamespace]:
    """One row per risk of `risks` (a page of Risk.objects.with_action_counts()), in its order."""
    rows = list(risks.values(*COLUMNS))
    ids = [row["pk"] for row in rows]
    assets = defaultdict(list)
    links = Risk.assets.through.objects.filter(risk_id__any_of=ids).order_by("asset__name").values_list(
        "risk_id", "asset_id", "asset__name", "asset__kind", "asset__model_version", "asset__artefact_sha256"
    )
    for risk_id, *facts in links:
        assets[risk_id].append(facts)
    above = [row["pk"] for row in rows if row["residual_score"] > row["assessment__criteria__appetite"]]
    latest = {  # ordered by pk: the newest acceptance of each risk is the one kept
        risk_id: (score, snapshot)
        for risk_id, score, snapshot in RiskAcceptance.objects.filter(risk_id__any_of=above)
        .order_by("risk_id", "pk").values_list("risk_id", "residual_score_at_acceptance", "asset_snapshot")
    }
    detail_url = pk_url("risks:risk-detail")
    for row in rows:
        facts = assets[row["pk"]]
        state = acceptance_state(
            row["residual_score"], row["assessment__criteria__appetite"], latest.get(row["pk"]),
            snapshot_of((pk, kind, version, digest) for pk, _, kind, version, digest in facts),
        )
        row.update(
            # What the row partial shows, built here: a call from a Jinja2 template costs
            # several times as much as the same call from Python.
            url=detail_url(row["pk"]),
            asset_names=", ".join(name for _, name, *_ in facts),
            inherent_badge=level_badge(row["inherent_level"], row["inherent_score"]),
            residual_badge=level_badge(row["residual_level"], row["residual_score"]),
            acceptance_state=state, acceptance_badge=acceptance_state_badge(state),
            owner=user_label(row["owner__first_name"], row["owner__last_name"], row["owner__username"]),
            treatment_label=TREATMENTS.get(row["treatment"], row["treatment"]),
            status_label=STATUSES.get(row["status"], row["status"]),
        )
    return [SimpleNamespace(**row) for row in rows]
