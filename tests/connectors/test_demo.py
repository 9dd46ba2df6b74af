from connectors.models import Connector, ConnectorRun, PolicyTestSuite
from demo.seed import demo_seed


def test_demo_seed_builds_connectors_with_history_idempotently(db):
    demo_seed()
    demo_seed()
    review = Connector.objects.get(name="ISMS access review")
    assert review.runs.filter(status=ConnectorRun.Status.SUCCEEDED).count() == 2
    assert review.last_policy_allow is True
    idp = Connector.objects.get(name="Identity provider users")
    assert idp.is_failing and idp.has_secret
    assert PolicyTestSuite.objects.get().versions.count() == 1
