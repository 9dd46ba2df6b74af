"""Audits test data, created through the services as users would (shared by the access matrix)."""

import datetime

from django.utils import timezone

from audits import services
from audits.models import AuditProgramme
from controls.models import Control
from tests import factories


def today(days: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def programme(officer, year: int | None = None) -> AuditProgramme:
    year = year or today().year
    return AuditProgramme.objects.filter(year=year).first() or services.create_audit_programme(
        acting_user=officer, year=year, objectives="Every clause once a year.")


def audit(officer, *, lead_auditor=None, auditee=None, clauses=("9.2",), refs=("8.28",), **fields):
    fields.setdefault("title", "Secure development audit")
    fields.setdefault("planned_start", today(-2))
    fields.setdefault("planned_end", today(-1))
    return services.create_internal_audit(
        acting_user=officer, programme=programme(officer), clauses=list(clauses),
        controls=list(Control.objects.filter(ref__in=refs)),
        lead_auditor=lead_auditor or factories.UserFactory(username="lead-auditor"), auditee=auditee,
        **fields,
    )


def audit_with_finding(officer, result: str = "minor_nc"):
    """A started audit whose 8.28 item records `result`; returns (audit, item)."""
    item_audit = audit(officer)
    services.start_internal_audit(item_audit, acting_user=officer)
    item = item_audit.items.get(control__ref="8.28")
    services.update_checklist_item(acting_user=officer, item=item, result=result,
                                   notes="Two releases shipped without review.")
    return item_audit, item


def nonconformity(officer, **fields):
    fields.setdefault("title", "Releases without review")
    fields.setdefault("source", "external_audit")
    fields.setdefault("description", "The certification body found unreviewed releases.")
    return services.raise_nonconformity(acting_user=officer, **fields)


def corrective_action(officer, nc=None, *, owner, due: int = 10, **fields):
    return services.create_corrective_action(
        acting_user=officer, nonconformity=nc or nonconformity(officer), owner=owner,
        description=fields.pop("description", "Require review on the release branch."),
        due_date=today(due), **fields,
    )


def review(officer, *, date=None, **fields):
    return services.create_review(acting_user=officer, date=date or today(), **fields)


def review_action(officer, rev=None, *, owner, due: int = 10, **fields):
    return services.create_review_action(
        acting_user=officer, review=rev or review(officer), owner=owner,
        description=fields.pop("description", "Publish the evaluation summary."), due_date=today(due),
        **fields,
    )
