from isms.generic import (
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsTemplateView,
    IsmsUpdateView,
)
from risks import services
from risks.filters import ThreatFilter
from risks.forms import CriteriaForm, ThreatForm
from risks.models import RiskCriteria, Threat


class ThreatListView(IsmsListView):
    model = Threat
    queryset = Threat.objects.all()
    filterset_class = ThreatFilter
    template_name = "risks/threat_list.html"
    partial_template_name = "risks/_threat_rows.html"


class ThreatDetailView(IsmsDetailView):
    model = Threat
    queryset = Threat.objects.prefetch_related("suggested_controls", "risks__assessment")
    template_name = "risks/threat_detail.html"


class ThreatCreateView(IsmsCreateView):
    model = Threat
    form_class = ThreatForm
    template_name = "risks/form.html"
    service = services.create_threat
    success_message = "Threat added to the library."


class ThreatUpdateView(IsmsUpdateView):
    model = Threat
    form_class = ThreatForm
    template_name = "risks/form.html"
    service = services.update_threat
    success_message = "Threat saved."


class ThreatRetireView(IsmsActionView):
    model = Threat
    permission_action = "change"
    service = services.retire_threat
    success_message = "Threat retired: it is no longer offered for new risks."


class CriteriaDetailView(IsmsTemplateView):
    permission_model = RiskCriteria
    template_name = "risks/criteria_detail.html"

    def get_context_data(self, **kwargs):
        versions = RiskCriteria.objects.all()
        return super().get_context_data(**kwargs, versions=versions, criteria=versions.first())


class CriteriaReviseView(IsmsCreateView):
    model = RiskCriteria
    form_class = CriteriaForm
    template_name = "risks/form.html"
    service = services.revise_criteria
    success_message = "New criteria version saved; existing assessments keep theirs."

    def get_initial(self):
        current = RiskCriteria.objects.current()
        return {f: getattr(current, f) for f in CriteriaForm.Meta.fields} if current else {}
