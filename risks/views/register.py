from django.shortcuts import get_object_or_404

from controls.models import Control
from isms.access import can, visible
from isms.generic import (
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsObjectFormView,
    IsmsUpdateView,
)
from risks import services
from risks.export import register_response
from risks.filters import RiskFilter
from risks.forms import AcceptanceForm, ActionForm, ActionProgressForm, ControlRisksForm, RiskForm
from risks.heatmap import heatmaps
from risks.models import Risk, RiskAssessment, TreatmentAction


class RiskListView(IsmsListView):
    """The risk register, with the heatmaps of the chosen (else the current) assessment."""

    model = Risk
    queryset = Risk.objects.for_register()
    filterset_class = RiskFilter
    template_name = "risks/risk_list.html"
    partial_template_name = "risks/_risk_rows.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        assessment = self.filterset.form.cleaned_data.get("assessment") if self.filterset.is_valid() else None
        if assessment is None:
            assessment = RiskAssessment.objects.select_related("criteria").current()
        if assessment is not None:
            risks = self.object_list.filter(assessment=assessment)  # the listed risks, as filtered
            # A callable: the template calls it only when the heatmaps' fragment is not kept.
            ctx.update(heatmap_assessment=assessment, heatmaps=lambda: heatmaps(risks, assessment.criteria))
        return ctx


class RiskExportView(RiskListView):
    """The register as CSV (streamed) or XLSX, with the register's filters."""

    def get_context_data(self, **kwargs):
        return {}

    def render_to_response(self, context, **response_kwargs):
        return register_response(self.object_list, self.request.GET.get("format", "csv"))


class RiskDetailView(IsmsDetailView):
    model = Risk
    queryset = Risk.objects.for_register().prefetch_related("controls__framework")
    template_name = "risks/risk_detail.html"

    def get_context_data(self, **kwargs):
        actions = self.object.actions.select_related("owner")
        # Incidents that asked for this risk to be reassessed (incidents.RiskReassessment),
        # for those who may see them: engineers do not.
        reassessments = visible(self.object.incident_reviews.select_related("incident", "requested_by"),
                                self.request.user)
        return super().get_context_data(**kwargs, actions=actions, reassessments=reassessments,
                                        acceptances=self.object.acceptances.select_related("accepted_by"))


class RiskCreateView(IsmsCreateView):
    model = Risk
    form_class = RiskForm
    template_name = "risks/form.html"
    service = services.create_risk
    success_message = "Risk added to the register."

    def get_initial(self):
        initial = {k: self.request.GET.get(k) for k in ("assessment", "threat") if self.request.GET.get(k)}
        if self.request.GET.get("asset"):
            initial["assets"] = [self.request.GET["asset"]]
        initial.setdefault("assessment", getattr(RiskAssessment.objects.current(), "pk", None))
        return {"owner": self.request.user.pk, **initial}


class RiskUpdateView(IsmsUpdateView):
    model = Risk
    form_class = RiskForm
    template_name = "risks/form.html"
    service = services.update_risk
    success_message = "Risk saved."


class RiskAcceptView(IsmsObjectFormView):
    model = Risk
    permission_action = "accept"
    form_class = AcceptanceForm
    template_name = "risks/risk_accept.html"
    service = services.accept_risk
    success_message = "Residual risk accepted."


class RiskCloseView(IsmsActionView):
    model = Risk
    permission_action = "change"
    service = services.close_risk
    success_message = "Risk closed."


class ActionCreateView(IsmsCreateView):
    model = TreatmentAction
    form_class = ActionForm
    template_name = "risks/form.html"
    service = services.create_treatment_action
    success_message = "Treatment action added."

    def service_target(self) -> Risk:
        return get_object_or_404(visible(Risk.objects.all(), self.request.user), pk=self.kwargs["risk_pk"])


class ActionUpdateView(IsmsUpdateView):
    model = TreatmentAction
    form_class = ActionForm
    template_name = "risks/form.html"
    service = services.update_treatment_action
    success_message = "Treatment action saved."

    def get_form_class(self):
        # Officers plan actions; an action's owner (guardian grant) only reports progress.
        return ActionForm if can(self.request.user, "change", TreatmentAction) else ActionProgressForm




class ControlRisksEditView(IsmsObjectFormView):
    """Which risks a control treats, set from the control's side (officers)."""

    model = Control
    permission_model = Risk
    form_class = ControlRisksForm
    template_name = "risks/control_risks_form.html"
    service = services.set_control_risks
    success_message = "Risks linked to the control saved."

    def get_initial(self):
        return {"risks": Risk.objects.open_for_change().filter(controls=self.target)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, control=self.target)
