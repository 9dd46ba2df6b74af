from demo.seed import demo_seed
from training import matrix as training
from training.models import Course, Person, TrainingRecord


def test_demo_seed_builds_training_records_idempotently(db):
    demo_seed()
    users = demo_seed()
    assert Person.objects.count() == 12 and Course.objects.count() == 4
    assert Person.objects.get(user=users["engineer"]).name == "Evan Engineer"
    assert TrainingRecord.objects.count() == 19
    states = set(training.build().cells.values())
    assert states == {"current", "expiring", "expired", "missing"}
