"""Writes to objectives (clause 6.2) and measurements (clause 9.1). The owner of an objective
holds guardian `measure_objective` on it, so engineers can record measurements of their own."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from governance.metrics import METRICS
from governance.models import Measurement, Objective
from isms.access import require as _check
from isms.models import User

MEASURE_PERM = "governance.measure_objective"
OBJECTIVE_FIELDS = ("title", "description", "measure", "target_value", "unit", "direction", "owner",
                    "due_date", "status", "metric")



def _clean_metric(objective: Objective) -> None:
    if objective.metric and objective.metric not in METRICS:
        raise ValidationError({"metric": f"Unknown metric “{objective.metric}”."})


@transaction.atomic
def create_objective(*, acting_user: User, **fields) -> Objective:
    _check(acting_user, "add", Objective)
    objective = Objective(**{k: v for k, v in fields.items() if k in OBJECTIVE_FIELDS})
    _clean_metric(objective)
    objective.full_clean()
    objective.save()
    assign_perm(MEASURE_PERM, objective.owner, objective)
    return objective


@transaction.atomic
def update_objective(objective: Objective, *, acting_user: User, **fields) -> Objective:
    """Change an objective; a new owner takes over the right to record measurements."""
    _check(acting_user, "change", objective)
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    previous_owner = objective.owner
    for name in OBJECTIVE_FIELDS:
        if name in fields:
            setattr(objective, name, fields[name])
    _clean_metric(objective)
    objective.full_clean()
    objective.save()
    if objective.owner_id != previous_owner.pk:
        remove_perm(MEASURE_PERM, previous_owner, objective)
        assign_perm(MEASURE_PERM, objective.owner, objective)
    return objective


@transaction.atomic
def add_measurement(
    objective: Objective, *, acting_user: User, date: datetime.date, value: Decimal, note: str = ""
) -> Measurement:
    """Record a value measured by hand (officers, or the objective's owner)."""
    _check(acting_user, "measure", objective)
    if date > timezone.localdate():
        raise ValidationError({"date": "The date is in the future."})
    measurement = Measurement(objective=objective, date=date, value=value, note=note,
                              source=Measurement.Source.MANUAL, recorded_by=acting_user)
    measurement.full_clean()
    measurement.save()
    return measurement


@transaction.atomic
def measure_objective(
    objective: Objective, *, acting_user: User | None = None, today: datetime.date | None = None
) -> Measurement | None:
    """Record today's value of the objective's metric (once per day: a second run updates it).
    Returns None when the metric has nothing to measure yet (no applicable controls, say)."""
    if acting_user is not None:
        _check(acting_user, "measure", objective)
    metric = METRICS.get(objective.metric)
    if metric is None:
        raise ValidationError("This objective is not bound to a metric the product can measure.")
    value = metric.compute()
    if value is None:
        return None
    today = today or timezone.localdate()
    measurement = Measurement.objects.select_for_update().filter(
        objective=objective, date=today, source=Measurement.Source.CONTROL_STATUS).first()
    measurement = measurement or Measurement(
        objective=objective, date=today, source=Measurement.Source.CONTROL_STATUS)
    measurement.value, measurement.recorded_by = value, acting_user
    measurement.note = f"Measured automatically: {metric.label}."
    measurement.full_clean()
    measurement.save()
    return measurement


def measure_all_objectives(today: datetime.date | None = None) -> int:
    """Measure every open objective bound to a metric; returns how many got a value."""
    done = 0
    for objective in Objective.objects.bound().open():
        if measure_objective(objective, today=today) is not None:
            done += 1
    return done
