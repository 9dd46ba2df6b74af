from django.urls import path

from governance.views import objectives, policies

app_name = "governance"

urlpatterns = [
    path("policies/", policies.PolicyListView.as_view(), name="policy-list"),
    path("policies/new/", policies.PolicyCreateView.as_view(), name="policy-create"),
    path("policies/mine/", policies.MyPoliciesView.as_view(), name="my-policies"),
    path("policies/<int:pk>/", policies.PolicyDetailView.as_view(), name="policy-detail"),
    path("policies/<int:pk>/edit/", policies.PolicyUpdateView.as_view(), name="policy-edit"),
    path("policies/<int:pk>/reviewed/", policies.PolicyReviewView.as_view(), name="policy-review"),
    path("policies/<int:pk>/versions/new/", policies.PolicyVersionCreateView.as_view(),
         name="policyversion-create"),
    path("versions/<int:pk>/edit/", policies.PolicyVersionUpdateView.as_view(), name="policyversion-edit"),
    path("versions/<int:pk>/approve/", policies.PolicyVersionApproveView.as_view(),
         name="policyversion-approve"),
    path("versions/<int:pk>/acknowledge/", policies.PolicyVersionAcknowledgeView.as_view(),
         name="policyversion-acknowledge"),
    path("versions/<int:pk>/acknowledgements/new/", policies.AcknowledgementRecordView.as_view(),
         name="acknowledgement-record"),
    path("objectives/", objectives.ObjectiveListView.as_view(), name="objective-list"),
    path("objectives/new/", objectives.ObjectiveCreateView.as_view(), name="objective-create"),
    path("objectives/<int:pk>/", objectives.ObjectiveDetailView.as_view(), name="objective-detail"),
    path("objectives/<int:pk>/edit/", objectives.ObjectiveUpdateView.as_view(), name="objective-edit"),
    path("objectives/<int:pk>/measurements/new/", objectives.MeasurementCreateView.as_view(),
         name="measurement-create"),
    path("objectives/<int:pk>/measure-now/", objectives.ObjectiveMeasureNowView.as_view(),
         name="objective-measure-now"),
]
