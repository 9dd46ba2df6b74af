import pytest

from demo.seed import demo_seed
from risks.models import Risk, RiskAssessment, TreatmentAction
from tests import factories

pytestmark = pytest.mark.django_db
KINDS = ["model", "endpoint", "dataset", "pipeline", "infrastructure", "supplier_service"]


def _inventory(owner):
    for kind in KINDS:
        factories.AssetFactory(name=f"demo-{kind}", kind=kind, owner=owner, model_version="1.0")


def test_demo_seed_builds_an_approved_assessment_and_a_draft_with_a_stale_acceptance():
    users = demo_seed()
    _inventory(users["engineer"])
    demo_seed()
    demo_seed()  # idempotent
    assert RiskAssessment.objects.approved().count() == 1
    draft = RiskAssessment.objects.current()
    assert draft.status == "draft" and draft.risks.count() == 8
    assert Risk.objects.filter(assessment=draft).with_stale_acceptance().count() == 1
    assert TreatmentAction.objects.overdue().exists()
    assert {r.residual_level for r in draft.risks.all()} >= {"low", "medium", "high"}


def test_risks_demo_creates_no_risks_without_an_inventory():
    from assets import demo as assets_demo
    from demo.seed import DEMO_STEPS
    from risks import demo as risks_demo

    assert DEMO_STEPS.index(assets_demo) < DEMO_STEPS.index(risks_demo)
    risks_demo.seed({"officer": factories.officer(), "engineer": factories.engineer()})
    assert not Risk.objects.exists()
