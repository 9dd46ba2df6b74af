from django.db.models import Prefetch
from django.urls import reverse_lazy

from governance.filters import ObjectiveFilter
from governance.forms import MeasurementForm, ObjectiveForm
from governance.metrics import METRICS
from governance.models import Measurement, Objective
from governance.services.objectives import (
    add_measurement,
    create_objective,
    measure_objective,
    update_objective,
)
from governance.trend import trend
from isms.access import can
from isms.generic import (
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsObjectFormView,
    IsmsUpdateView,
)

OLDEST_FIRST = Measurement.objects.order_by("date", "pk")


def _rows(objectives) -> list[dict]:
    """Each objective with its latest value, whether that meets the target, and its trend."""
    return [
        {"objective": o, "latest": o.format(o.latest_value), "meets": o.meets(o.latest_value),
         "trend": trend(o, o.measurements.all())}
        for o in objectives
    ]


class ObjectiveListView(IsmsListView):
    model = Objective
    queryset = Objective.objects.with_latest().select_related("owner").prefetch_related(
        Prefetch("measurements", queryset=OLDEST_FIRST))
    filterset_class = ObjectiveFilter
    template_name = "governance/objective_list.html"
    partial_template_name = "governance/_objective_rows.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = _rows(ctx["object_list"])
        ctx["may_add"] = can(self.request.user, "add", Objective)
        return ctx


class ObjectiveDetailView(IsmsDetailView):
    model = Objective
    queryset = Objective.objects.with_latest().select_related("owner").prefetch_related(
        Prefetch("measurements", queryset=OLDEST_FIRST.select_related("recorded_by")))
    template_name = "governance/objective_detail.html"

    def get_context_data(self, **kwargs):
        user, objective = self.request.user, self.object
        measurements = list(objective.measurements.all())
        return super().get_context_data(
            **kwargs, trend=trend(objective, measurements, width=480, height=120),
            measurements=[(m, objective.meets(m.value)) for m in reversed(measurements)],
            metric=METRICS.get(objective.metric), meets=objective.meets(objective.latest_value),
            may_change=can(user, "change", objective), may_measure=can(user, "measure", objective),
        )


class ObjectiveCreateView(IsmsCreateView):
    model, form_class, service = Objective, ObjectiveForm, create_objective
    template_name = "governance/form.html"
    success_url = reverse_lazy("governance:objective-list")
    extra_context = {"heading": "New objective", "cancel_url": success_url}
    success_message = "Objective added."


class ObjectiveUpdateView(IsmsUpdateView):
    model, form_class, service = Objective, ObjectiveForm, update_objective
    template_name = "governance/form.html"
    extra_context = {"heading": "Edit objective"}
    success_message = "Objective saved."

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class MeasurementCreateView(IsmsObjectFormView):
    model, permission_action = Objective, "measure"
    form_class, service = MeasurementForm, add_measurement
    template_name = "governance/measurement_form.html"
    success_message = "Measurement recorded."


class ObjectiveMeasureNowView(IsmsActionView):
    model, permission_action = Objective, "measure"
    queryset = Objective.objects.bound()
    service = measure_objective
    success_message = "Measured from the product's own data."
