from django.urls import path

from risks.views import assessments, catalogue, register

app_name = "risks"

urlpatterns = [
    path("", register.RiskListView.as_view(), name="risk-list"),
    path("export/", register.RiskExportView.as_view(), name="risk-export"),
    path("add/", register.RiskCreateView.as_view(), name="risk-create"),
    path("<int:pk>/", register.RiskDetailView.as_view(), name="risk-detail"),
    path("<int:pk>/edit/", register.RiskUpdateView.as_view(), name="risk-edit"),
    path("<int:pk>/accept/", register.RiskAcceptView.as_view(), name="risk-accept"),
    path("<int:pk>/close/", register.RiskCloseView.as_view(), name="risk-close"),
    path("<int:risk_pk>/actions/add/", register.ActionCreateView.as_view(), name="action-create"),
    path("actions/<int:pk>/edit/", register.ActionUpdateView.as_view(), name="action-edit"),
    path("controls/<int:pk>/risks/", register.ControlRisksEditView.as_view(), name="control-risks-edit"),
    path("treatment-plan/", assessments.TreatmentPlanView.as_view(), name="treatment-plan"),
    path("coverage/", assessments.CoverageView.as_view(), name="coverage"),
    path("assessments/", assessments.AssessmentListView.as_view(), name="assessment-list"),
    path("assessments/add/", assessments.AssessmentCreateView.as_view(), name="assessment-create"),
    path("assessments/<int:pk>/", assessments.AssessmentDetailView.as_view(), name="assessment-detail"),
    path("assessments/<int:pk>/submit/", assessments.AssessmentSubmitView.as_view(),
         name="assessment-submit"),
    path("assessments/<int:pk>/approve/", assessments.AssessmentApproveView.as_view(),
         name="assessment-approve"),
    path("threats/", catalogue.ThreatListView.as_view(), name="threat-list"),
    path("threats/add/", catalogue.ThreatCreateView.as_view(), name="threat-create"),
    path("threats/<int:pk>/", catalogue.ThreatDetailView.as_view(), name="threat-detail"),
    path("threats/<int:pk>/edit/", catalogue.ThreatUpdateView.as_view(), name="threat-edit"),
    path("threats/<int:pk>/retire/", catalogue.ThreatRetireView.as_view(), name="threat-retire"),
    path("criteria/", catalogue.CriteriaDetailView.as_view(), name="criteria-detail"),
    path("criteria/revise/", catalogue.CriteriaReviseView.as_view(), name="criteria-edit"),
]
