"""Management-review inputs (9.3.2) from policies and objectives."""

import datetime

from django.utils import timezone

from governance.review_inputs import review_inputs
from tests import factories

TODAY = timezone.localdate()
MONTH_AGO = TODAY - datetime.timedelta(days=30)


def _by_clause(items) -> dict:
    return {item["clause"]: item for item in items}


def test_review_inputs_lists_objectives_against_target(officer):
    behind = factories.ObjectiveFactory(title="Annex A implemented", owner=officer)
    factories.MeasurementFactory(objective=behind, value=82, date=MONTH_AGO)
    lower = factories.ObjectiveFactory(title="Days to patch", target_value=14, unit="days",
                                       direction="lower", owner=officer)
    factories.MeasurementFactory(objective=lower, value=11, date=MONTH_AGO)
    factories.ObjectiveFactory(title="Not yet measured", owner=officer)
    item = _by_clause(review_inputs(MONTH_AGO, TODAY))["9.3.2 d) 4)"]
    assert item["heading"] == "Fulfilment of information security objectives"
    lines = item["lines"]
    assert f"Annex A implemented: 82 % (target ≥ 90 %, off target, measured {MONTH_AGO:%Y-%m-%d})" in lines
    assert any(line.startswith("Days to patch: 11 days (target ≤ 14 days, on target") for line in lines)
    assert "Not yet measured: not measured yet (target ≥ 90 %)" in item["lines"]


def test_review_inputs_use_values_measured_by_the_end_of_the_period(officer):
    objective = factories.ObjectiveFactory(title="Annex A implemented", owner=officer)
    factories.MeasurementFactory(objective=objective, value=60, date=MONTH_AGO)
    factories.MeasurementFactory(objective=objective, value=95, date=TODAY)
    item = _by_clause(review_inputs(MONTH_AGO, TODAY - datetime.timedelta(days=1)))["9.3.2 d) 4)"]
    assert item["lines"][0].startswith("Annex A implemented: 60 %")


def test_review_inputs_list_policy_versions_approved_in_the_period(officer):
    inside = factories.PolicyVersionFactory(policy__title="Acceptable use of SLMs", number=2,
                                            status="approved", created_by=officer,
                                            change_summary="Prompt logging")
    factories.PolicyVersionFactory(policy__title="Old policy", status="approved", created_by=officer,
                                   approved_at=timezone.now() - datetime.timedelta(days=90))
    factories.PolicyVersionFactory(policy__title="Draft policy", created_by=officer)
    item = _by_clause(review_inputs(MONTH_AGO, TODAY))["9.3.2 b)"]
    name = officer.get_full_name()
    assert item["lines"] == [
        f"Acceptable use of SLMs v2 approved {inside.approved_at:%Y-%m-%d} by {name}: Prompt logging"]


def test_review_inputs_say_so_when_nothing_happened(db):
    items = _by_clause(review_inputs(MONTH_AGO, TODAY))
    assert items["9.3.2 b)"]["lines"] == ["No policy version was approved in the period."]
    assert items["9.3.2 d) 4)"]["lines"] == ["No information security objectives are set."]
