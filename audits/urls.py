from django.urls import path

from audits.views import nonconformities as ncs
from audits.views import programme, reviews

app_name = "audits"

urlpatterns = [
    path("internal-audits/", programme.AuditListView.as_view(), name="audit-list"),
    path("internal-audits/add/", programme.AuditCreateView.as_view(), name="audit-create"),
    path("internal-audits/<int:pk>/", programme.AuditDetailView.as_view(), name="audit-detail"),
    path("internal-audits/<int:pk>/edit/", programme.AuditUpdateView.as_view(), name="audit-edit"),
    path("internal-audits/<int:pk>/start/", programme.AuditStartView.as_view(), name="audit-start"),
    path("internal-audits/<int:pk>/report/", programme.AuditReportView.as_view(), name="audit-report"),
    path("internal-audits/items/<int:pk>/edit/", programme.ChecklistItemUpdateView.as_view(),
         name="item-edit"),
    path("internal-audits/programmes/", programme.ProgrammeListView.as_view(), name="programme-list"),
    path("internal-audits/programmes/add/", programme.ProgrammeCreateView.as_view(), name="programme-create"),
    path("internal-audits/programmes/<int:pk>/", programme.ProgrammeDetailView.as_view(),
         name="programme-detail"),
    path("internal-audits/programmes/<int:pk>/edit/", programme.ProgrammeUpdateView.as_view(),
         name="programme-edit"),
    path("nonconformities/", ncs.NonconformityListView.as_view(), name="nc-list"),
    path("nonconformities/add/", ncs.NonconformityCreateView.as_view(), name="nc-create"),
    path("nonconformities/<int:pk>/", ncs.NonconformityDetailView.as_view(), name="nc-detail"),
    path("nonconformities/<int:pk>/edit/", ncs.NonconformityUpdateView.as_view(), name="nc-edit"),
    path("nonconformities/<int:pk>/close/", ncs.NonconformityCloseView.as_view(), name="nc-close"),
    path("nonconformities/<int:nc_pk>/actions/add/", ncs.CorrectiveActionCreateView.as_view(),
         name="action-create"),
    path("nonconformities/<int:nc_pk>/check/", ncs.EffectivenessCheckCreateView.as_view(),
         name="check-create"),
    path("nonconformities/actions/<int:pk>/edit/", ncs.CorrectiveActionUpdateView.as_view(),
         name="action-edit"),
    path("management-reviews/", reviews.ReviewListView.as_view(), name="review-list"),
    path("management-reviews/add/", reviews.ReviewCreateView.as_view(), name="review-create"),
    path("management-reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="review-detail"),
    path("management-reviews/<int:pk>/pdf/", reviews.ReviewPdfView.as_view(), name="review-pdf"),
    path("management-reviews/<int:pk>/edit/", reviews.ReviewUpdateView.as_view(), name="review-edit"),
    path("management-reviews/<int:pk>/prepare/", reviews.ReviewPrepareView.as_view(), name="review-prepare"),
    path("management-reviews/<int:pk>/hold/", reviews.ReviewHoldView.as_view(), name="review-hold"),
    path("management-reviews/<int:pk>/approve/", reviews.ReviewApproveView.as_view(), name="review-approve"),
    path("management-reviews/<int:review_pk>/actions/add/", reviews.ReviewActionCreateView.as_view(),
         name="reviewaction-create"),
    path("management-reviews/actions/<int:pk>/edit/", reviews.ReviewActionUpdateView.as_view(),
         name="reviewaction-edit"),
]
