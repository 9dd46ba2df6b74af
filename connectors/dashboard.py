"""Connectors on the dashboard: failing ones (run failed or policy denied) stand out."""

from django.db.models import Count, OuterRef, Q, Subquery

from connectors.models import Connector, ConnectorRun
from isms.access import can, visible


def dashboard_panels(user) -> list[dict]:
    if not can(user, "view", Connector):
        return []
    connectors = visible(Connector.objects.all(), user)
    counts = connectors.aggregate(
        total=Count("pk"),
        failing=Count("pk", filter=Q(last_status=ConnectorRun.Status.FAILED) | Q(last_policy_allow=False)),
        never=Count("pk", filter=Q(last_run_at__isnull=True)),
    )
    if not counts["total"]:
        return []
    latest = ConnectorRun.objects.filter(
        connector=OuterRef("pk"), status__in=[ConnectorRun.Status.SUCCEEDED, ConnectorRun.Status.FAILED]
    ).order_by("-finished_at", "-pk")
    failing = list(
        connectors.failing()
        .annotate(
            last_error=Subquery(latest.values("error")[:1]),
            last_reasons=Subquery(latest.values("policy_reasons")[:1]),
        )
        .order_by("-last_run_at")[:6]
    )
    return [{"template": "connectors/_panel_connectors.html", "counts": counts, "failing": failing}]
