import pytest

from isms.tasks import isms_health_task
from tests import factories


@pytest.mark.worker
def test_a_real_worker_runs_a_task_against_the_database(celery_worker_process):
    factories.UserFactory.create_batch(3)
    result = isms_health_task.delay()
    assert result.get(timeout=30) == {"users": 3}


@pytest.mark.worker
def test_a_real_worker_sends_training_reminders(celery_worker_process):
    import datetime

    from training.tasks import send_training_reminders_task

    person, course = factories.PersonFactory(), factories.CourseFactory(validity_months=12)
    record = factories.training_record(person, course, datetime.date.today() - datetime.timedelta(days=350))
    assert send_training_reminders_task.delay().get(timeout=30) == 1
    record.refresh_from_db()
    assert record.reminded_at is not None  # the outbox lives in the worker process
