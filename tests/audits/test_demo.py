import pytest

from audits.models import InternalAudit, ManagementReview, Nonconformity
from demo.seed import demo_seed
from isms.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_demo_has_a_reported_audit_a_closed_and_an_open_nc_and_a_held_review():
    demo_seed()
    audit = InternalAudit.objects.get(status="reported")
    closed = Nonconformity.objects.get(checklist_item__audit=audit)
    assert closed.status == "closed" and closed.checks.get().effective
    assert closed.actions.get().status == "done"
    open_nc = Nonconformity.objects.exclude(status="closed").get()
    assert open_nc.actions.overdue().exists()
    review = ManagementReview.objects.get()
    assert review.status == "held" and review.inputs and review.actions.exists()
    assert audit.programme.audits.count() == 2  # and one planned


def test_demo_seed_twice_changes_nothing_in_audits():
    demo_seed()
    models = ["internalaudit", "nonconformity", "managementreview", "correctiveaction"]
    before = AuditEntry.objects.filter(content_type__model__in=models).count()
    demo_seed()
    assert AuditEntry.objects.filter(content_type__model__in=models).count() == before
