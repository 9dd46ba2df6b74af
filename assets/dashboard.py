"""Dashboard panel: the asset inventory at a glance and the scope in force."""

from django.db.models import Count, Q

from assets.models import Asset, Scope
from isms.access import can, visible


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", Asset):
        return []
    assets = visible(Asset.objects.all(), user)
    by_kind = dict(assets.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    totals = assets.aggregate(total=Count("pk"), pii=Count("pk", filter=Q(holds_pii=True)))
    return [{
        "template": "assets/_panel_assets.html",
        "kinds": [(label, by_kind.get(value, 0)) for value, label in Asset.Kind.choices],
        "totals": totals,
        "scope": visible(Scope.objects.latest_approved(), user).first(),
        "draft": visible(Scope.objects.drafts(), user).first(),
    }]
