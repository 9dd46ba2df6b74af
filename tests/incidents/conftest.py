import datetime

import pytest
from django.utils import timezone

from tests import factories


@pytest.fixture
def reported(engineer):
    """An event an engineer reported, not triaged yet."""
    return factories.incident(engineer)


@pytest.fixture
def incident(engineer, officer):
    """A triaged incident reported by the engineer."""
    return factories.incident(engineer, officer=officer)


@pytest.fixture
def breach(engineer, officer):
    """A triaged personal-data breach; awareness ten hours ago."""
    return factories.incident(engineer, officer=officer,
                              breach_aware_at=timezone.now() - datetime.timedelta(hours=10))
