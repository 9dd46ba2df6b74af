from django.shortcuts import get_object_or_404

from audits import services
from audits.filters import NonconformityFilter
from audits.forms import (
    ActionProgressForm,
    CorrectiveActionForm,
    EffectivenessCheckForm,
    NonconformityForm,
)
from audits.models import ChecklistItem, CorrectiveAction, EffectivenessCheck, Nonconformity
from isms.access import can, visible
from isms.generic import (
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsUpdateView,
)


class NonconformityListView(IsmsListView):
    model = Nonconformity
    queryset = Nonconformity.objects.for_listing().order_by("-raised_on", "-pk")
    filterset_class = NonconformityFilter
    template_name = "audits/nc_list.html"
    partial_template_name = "audits/_nc_rows.html"


class NonconformityDetailView(IsmsDetailView):
    model = Nonconformity
    queryset = Nonconformity.objects.select_related("raised_by", "closed_by", "checklist_item__audit",
                                                     "checklist_item__control", "incident")
    context_object_name = "nc"
    template_name = "audits/nc_detail.html"

    def get_context_data(self, **kwargs):
        nc = self.object
        return super().get_context_data(
            **kwargs, actions=nc.actions.select_related("owner"),
            checks=nc.checks.select_related("checked_by"),
            close_blockers=services.close_blockers(nc) if nc.status != nc.Status.CLOSED else [],
        )


class NonconformityCreateView(IsmsCreateView):
    model = Nonconformity
    form_class = NonconformityForm
    template_name = "audits/form.html"
    service = services.raise_nonconformity
    success_message = "Nonconformity raised."

    def get_initial(self):
        incident_pk = self.request.GET.get("incident", "")
        if incident_pk.isdigit():
            return self._from_incident(incident_pk)
        item_pk = self.request.GET.get("item")
        if not item_pk or not item_pk.isdigit():
            return {}
        item = get_object_or_404(visible(ChecklistItem.objects.select_related("audit", "control"),
                                         self.request.user), pk=item_pk)
        severity = "major" if item.result == ChecklistItem.Result.MAJOR_NC else "minor"
        return {"checklist_item": item.pk, "source": Nonconformity.Source.INTERNAL_AUDIT,
                "severity": severity, "title": f"{item.subject}: {item.get_result_display().lower()}",
                "description": item.notes}

    def _from_incident(self, pk: str) -> dict:
        from incidents.models import Incident

        incident = get_object_or_404(visible(Incident.objects.all(), self.request.user), pk=pk)
        return {"incident": incident.pk, "source": Nonconformity.Source.INCIDENT,
                "title": f"{incident.reference}: {incident.title}",
                "description": incident.lessons_learned or incident.description}


class NonconformityUpdateView(IsmsUpdateView):
    model = Nonconformity
    form_class = NonconformityForm
    template_name = "audits/form.html"
    service = services.update_nonconformity
    success_message = "Nonconformity saved."


class NonconformityCloseView(IsmsActionView):
    model = Nonconformity
    permission_action = "change"
    service = services.close_nonconformity
    success_message = "Nonconformity closed."


class _ForNonconformity:
    """Create views nested under a nonconformity (looked up among the visible ones)."""

    def nonconformity(self) -> Nonconformity:
        return get_object_or_404(visible(Nonconformity.objects.all(), self.request.user),
                                 pk=self.kwargs["nc_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, parent=self.nonconformity())

    def service_target(self) -> Nonconformity:
        return self.nonconformity()


class CorrectiveActionCreateView(_ForNonconformity, IsmsCreateView):
    model = CorrectiveAction
    form_class = CorrectiveActionForm
    template_name = "audits/form.html"
    service = services.create_corrective_action
    success_message = "Corrective action planned."


class CorrectiveActionUpdateView(IsmsUpdateView):
    model = CorrectiveAction
    form_class = CorrectiveActionForm
    template_name = "audits/form.html"
    service = services.update_corrective_action
    success_message = "Corrective action saved."

    def get_form_class(self):
        # Officers plan actions; an action's owner (guardian grant) only reports progress.
        officer = can(self.request.user, "change", CorrectiveAction)
        return CorrectiveActionForm if officer else ActionProgressForm


class EffectivenessCheckCreateView(_ForNonconformity, IsmsCreateView):
    model = EffectivenessCheck
    form_class = EffectivenessCheckForm
    template_name = "audits/form.html"
    service = services.record_effectiveness_check
    success_message = "Effectiveness check recorded."
