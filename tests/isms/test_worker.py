import pytest

from isms.tasks import isms_health_task
from tests import factories


@pytest.mark.worker
def test_a_real_worker_runs_a_task_against_the_database(celery_worker_process):
    factories.UserFactory.create_batch(3)
    result = isms_health_task.delay()
    assert result.get(timeout=30) == {"users": 3}
