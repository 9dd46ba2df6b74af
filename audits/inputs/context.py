"""9.3.2 b): changes in external and internal issues relevant to the ISMS, as far as the ISMS
records them: approved scope versions and the SLM estate added or retired in the period."""

import datetime

from django.db.models import Count

from assets.models import Asset, Scope


def review_inputs(since: datetime.date, until: datetime.date) -> list[dict]:
    scopes = Scope.objects.filter(
        status=Scope.Status.APPROVED, approved_at__date__gt=since, approved_at__date__lte=until
    ).select_related("approved_by").order_by("version")
    lines = [f"Scope version {scope.version} approved by {scope.approved_by} on {scope.approved_at.date()}."
             for scope in scopes]
    added = Asset.objects.filter(created_at__date__gt=since, created_at__date__lte=until)
    by_kind = dict(added.order_by().values_list("kind").annotate(n=Count("pk")))
    labels = dict(Asset.Kind.choices)
    if by_kind:
        lines.append("Assets added: " + ", ".join(f"{n} {labels.get(kind, kind).lower()}"
                                                  for kind, n in sorted(by_kind.items())) + ".")
    return [{"clause": "9.3.2 b)", "heading": "Changes in external and internal issues",
             "lines": lines or ["No scope or inventory changes recorded in the period."]}]
