"""Demo data for policies and objectives: present and idempotent."""

from demo.seed import demo_seed
from governance.models import Acknowledgement, Measurement, Objective, Policy, PolicyVersion


def test_demo_seed_creates_policies_and_objectives_idempotently(db):
    demo_seed()
    models = (Policy, PolicyVersion, Acknowledgement, Objective, Measurement)
    counts = [m.objects.count() for m in models]
    demo_seed()
    assert [m.objects.count() for m in models] == counts
    versions = PolicyVersion.objects
    assert versions.get(policy__title="Information security policy", number=1).status == "approved"
    assert versions.get(policy__title="Acceptable use of SLMs", number=2).status == "draft"
    assert Policy.objects.overdue().exists()
    bound = Objective.objects.bound()
    assert bound.count() == 2 and Measurement.objects.filter(source="control_status").count() == 2
