from assets.models import Asset, Scope
from demo.seed import demo_seed
from isms.access import can


def test_demo_seed_builds_the_slm_estate_idempotently(db):
    demo_seed()
    users = demo_seed()
    assert Asset.objects.count() == 12
    assert list(Scope.objects.values_list("version", "status")) == [(2, "draft"), (1, "approved")]
    assert Scope.objects.get(version=1).exclusions.count() == 2
    model = Asset.objects.get(name="support-assistant-7b")
    assert can(users["engineer"], "change", model) and not can(users["engineer2"], "change", model)
    assert [d.name for d in model.training_datasets.all()] == ["support-tickets-2025"]
