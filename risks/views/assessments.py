from isms.generic import IsmsActionView, IsmsCreateView, IsmsDetailView, IsmsListView, IsmsTemplateView
from risks import services
from risks.coverage import coverage_rows, coverage_totals, suggestions
from risks.filters import ActionFilter, AssessmentFilter
from risks.forms import AssessmentForm
from risks.heatmap import heatmaps
from risks.models import Risk, RiskAssessment, TreatmentAction


class AssessmentListView(IsmsListView):
    model = RiskAssessment
    queryset = RiskAssessment.objects.select_related("assessor", "criteria", "approved_by")
    filterset_class = AssessmentFilter
    template_name = "risks/assessment_list.html"
    partial_template_name = "risks/_assessment_rows.html"


class AssessmentDetailView(IsmsDetailView):
    model = RiskAssessment
    queryset = RiskAssessment.objects.select_related("assessor", "criteria", "approved_by", "copied_from")
    template_name = "risks/assessment_detail.html"

    def get_context_data(self, **kwargs):
        risks = Risk.objects.filter(assessment=self.object)
        rows = coverage_rows(self.object)
        return super().get_context_data(
            **kwargs, risks=risks.for_register(),
            heatmaps=heatmaps(risks, self.object.criteria),
            suggestions=suggestions(rows), totals=coverage_totals(rows),
        )


class AssessmentCreateView(IsmsCreateView):
    model = RiskAssessment
    form_class = AssessmentForm
    template_name = "risks/form.html"
    service = services.start_assessment
    success_message = "Assessment started."


class AssessmentSubmitView(IsmsActionView):
    model = RiskAssessment
    permission_action = "change"
    service = services.submit_assessment
    success_message = "Assessment submitted for review."


class AssessmentApproveView(IsmsActionView):
    model = RiskAssessment
    permission_action = "change"
    service = services.approve_assessment
    success_message = "Assessment approved; it is now frozen."


class CoverageView(IsmsTemplateView):
    permission_model = Risk
    template_name = "risks/coverage.html"

    def get_context_data(self, **kwargs):
        assessment = RiskAssessment.objects.current()
        rows = coverage_rows(assessment)
        return super().get_context_data(
            **kwargs, assessment=assessment, rows=rows, totals=coverage_totals(rows)
        )


class TreatmentPlanView(IsmsListView):
    model = TreatmentAction
    queryset = TreatmentAction.objects.select_related("risk__assessment", "owner").order_by(
        "risk__title", "risk_id", "due_date", "pk"
    )
    filterset_class = ActionFilter
    template_name = "risks/treatment_plan.html"
    partial_template_name = "risks/_treatment_rows.html"
