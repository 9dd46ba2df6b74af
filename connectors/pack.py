"""Audit-pack section: connected systems and their latest automated check results as of a day."""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery

from connectors.models import Connector, ConnectorRun

FINISHED = [ConnectorRun.Status.SUCCEEDED, ConnectorRun.Status.FAILED]


def _sha256(run: ConnectorRun | None) -> str:
    if run is None or run.evidence is None:
        return ""
    versions = list(run.evidence.versions.all())  # newest first
    files = list(versions[0].files.all()) if versions else []
    return files[0].sha256 if files else ""


def pack_sections(as_of: datetime.date) -> list[dict]:
    end = datetime.datetime.combine(
        as_of + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
    )
    window = Q(runs__finished_at__gte=end - datetime.timedelta(days=30), runs__finished_at__lt=end)
    latest = ConnectorRun.objects.filter(connector=OuterRef("pk"), status__in=FINISHED, finished_at__lt=end)
    connectors = list(
        Connector.objects.filter(created_at__lt=end)
        .annotate(
            latest_run_id=Subquery(latest.order_by("-finished_at", "-pk").values("pk")[:1]),
            runs_30d=Count("runs", filter=window & Q(runs__status__in=FINISHED)),
            failed_30d=Count("runs", filter=window & Q(runs__status=ConnectorRun.Status.FAILED)),
        )
        .prefetch_related("controls")
        .order_by("name")
    )
    runs = ConnectorRun.objects.select_related("evidence").prefetch_related("evidence__versions__files")
    latest_runs = runs.in_bulk([c.latest_run_id for c in connectors if c.latest_run_id])
    rows = []
    for connector in connectors:
        run = latest_runs.get(connector.latest_run_id)
        rows.append(
            {
                "name": connector.name,
                "kind": connector.get_kind_display(),
                "controls": [c.ref for c in connector.controls.all()],
                "interval_minutes": connector.interval_minutes,
                "enabled": connector.enabled,
                "latest": run,
                "sha256": _sha256(run),
                "runs_30d": connector.runs_30d,
                "failed_30d": connector.failed_30d,
            }
        )
    return [
        {
            "key": "connectors",
            "title": "Connected systems and automated checks",
            "template": "connectors/pack/connectors.html",
            "context": {"as_of": as_of, "connectors": rows},
        }
    ]
