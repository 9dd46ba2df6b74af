from evidence.connector_runs import connector_run
from evidence.connector_services import connector_create
from evidence.policies import EXAMPLE
from tests import factories


def test_access_review_runs(officer):
    soa = factories.soa_entry("5.18")
    c = connector_create(acting_user=officer, name="Access review", kind="isms_access_review",
                         config={}, policy=EXAMPLE, controls=[soa.control])
    run = connector_run(c, acting_user=officer)
    assert run.status == "succeeded", run.error
    assert run.policy_allow is True
    soa.refresh_from_db()
    assert soa.automated_check_status == "pass"
