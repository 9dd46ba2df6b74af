"""Objectives (6.2) and measurements (9.1): owner grants, automatic measurement, the daily task."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from controls.models import SoAEntry
from governance.metrics import METRICS
from governance.models import Measurement, Objective
from governance.services.objectives import (
    add_measurement,
    create_objective,
    measure_all_objectives,
    measure_objective,
    update_objective,
)
from governance.tasks import measure_all_objectives_task
from isms.access import can
from isms.models import AuditEntry
from tests import factories

TODAY = datetime.date.today()


def _create(officer, owner, **fields):
    defaults = {"title": "Implement Annex A", "measure": "Share implemented",
                "target_value": Decimal(90), "unit": "%", "direction": "higher", "owner": owner,
                "due_date": TODAY, "status": "in_progress"}
    return create_objective(acting_user=officer, **{**defaults, **fields})


def _annex_a(implemented: int, applicable: int) -> None:
    """Decide the first `applicable` Annex A controls, `implemented` of them implemented."""
    entries = SoAEntry.objects.filter(control__framework__code="iso27001-2022").order_by("pk")
    for i, entry in enumerate(entries[:applicable]):
        entry.applicable, entry.justification = True, "Needed"
        entry.implementation_status = "implemented" if i < implemented else "planned"
        entry.save()


def test_owner_can_measure_own_objective(officer, engineer):
    objective = _create(officer, engineer)
    measurement = add_measurement(acting_user=engineer, objective=objective, date=TODAY, value=Decimal(50))
    assert (measurement.recorded_by, measurement.source) == (engineer, "manual")
    assert AuditEntry.objects.get_for_object(measurement).exists()


def test_other_engineer_cannot_measure(officer, engineer):
    objective = _create(officer, officer)
    with pytest.raises(PermissionDenied):
        add_measurement(acting_user=engineer, objective=objective, date=TODAY, value=Decimal(50))
    assert not Measurement.objects.exists()


def test_auditor_cannot_measure_even_as_owner(officer, auditor):
    objective = _create(officer, auditor)
    assert not can(auditor, "measure", objective)


def test_measurement_in_the_future_is_refused(officer):
    objective = _create(officer, officer)
    with pytest.raises(ValidationError):
        add_measurement(acting_user=officer, objective=objective,
                        date=TODAY + datetime.timedelta(days=1), value=Decimal(1))


def test_owner_change_moves_the_measure_grant(officer, engineer):
    objective = _create(officer, engineer)
    other = factories.engineer(username="erin")
    update_objective(acting_user=officer, objective=objective, owner=other)
    objective = Objective.objects.get(pk=objective.pk)
    assert can(other, "measure", objective) and not can(engineer, "measure", objective)


def test_engineer_cannot_change_objective_they_own(officer, engineer):
    objective = _create(officer, engineer)
    with pytest.raises(PermissionDenied):
        update_objective(acting_user=engineer, objective=objective, target_value=Decimal(10))


def test_unknown_metric_is_refused(officer):
    with pytest.raises(ValidationError):
        _create(officer, officer, metric="no_such_metric")


@pytest.mark.parametrize(("value", "direction", "meets"), [
    (95, "higher", True), (80, "higher", False), (10, "lower", True), (120, "lower", False)])
def test_meets_follows_direction(value, direction, meets):
    objective = Objective(target_value=Decimal(90), direction=direction)
    assert objective.meets(Decimal(value)) is meets


def test_annex_a_metric_is_share_of_applicable_controls_implemented(db):
    _annex_a(implemented=3, applicable=4)
    assert METRICS["annex_a_implemented"].compute() == Decimal("75.0")


def test_training_metric_is_share_of_required_training_current(db):
    course = factories.CourseFactory(teams=["ML Platform"])
    done, _ = factories.PersonFactory(team="ML Platform"), factories.PersonFactory(team="ML Platform")
    factories.training_record(done, course, TODAY)
    assert METRICS["training_current"].compute() == Decimal("50.0")


def test_objective_measure_automatically_records_control_status(officer):
    _annex_a(implemented=1, applicable=2)
    objective = _create(officer, officer, metric="annex_a_implemented")
    measurement = measure_objective(objective)
    assert (measurement.value, measurement.source) == (Decimal("50.0"), "control_status")
    assert measurement.date == TODAY


def test_objective_measure_automatically_twice_a_day_keeps_one_row(officer):
    objective = _create(officer, officer, metric="annex_a_implemented")
    _annex_a(implemented=1, applicable=2)
    measure_objective(objective)
    _annex_a(implemented=2, applicable=2)
    measure_objective(objective)
    assert list(objective.measurements.values_list("value", flat=True)) == [Decimal("100.0")]


def test_objective_measure_automatically_without_data_records_nothing(officer):
    objective = _create(officer, officer, metric="annex_a_implemented")
    assert measure_objective(objective) is None
    assert not Measurement.objects.exists()


def test_objective_measure_automatically_refuses_unbound(officer):
    with pytest.raises(ValidationError):
        measure_objective(_create(officer, officer))


def test_objectives_measure_all_skips_closed_and_unbound(officer):
    _annex_a(implemented=1, applicable=1)
    bound = _create(officer, officer, metric="annex_a_implemented")
    _create(officer, officer, title="Manual")
    _create(officer, officer, title="Done", metric="annex_a_implemented", status="achieved")
    assert measure_all_objectives() == 1
    assert list(Measurement.objects.values_list("objective", flat=True)) == [bound.pk]


def test_objectives_measure_task_in_a_real_worker(celery_worker_process):
    officer = factories.officer(username="olivia")
    _annex_a(implemented=2, applicable=4)
    objective = _create(officer, officer, metric="annex_a_implemented")
    assert measure_all_objectives_task.delay().get(timeout=30) == 1
    assert objective.measurements.get().value == Decimal("50.0")


def test_daily_measurement_is_scheduled(settings):
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "governance.tasks.measure_all_objectives_task" in tasks
