from auditlog.signals import accessed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from audits import services
from audits.filters import ReviewFilter
from audits.forms import ReviewActionForm, ReviewActionProgressForm, ReviewForm
from audits.models import ManagementReview, ReviewAction
from audits.review_pdf import review_pdf
from isms.access import can, visible
from isms.generic import (
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsUpdateView,
)


class ReviewListView(IsmsListView):
    model = ManagementReview
    queryset = ManagementReview.objects.prefetch_related("attendees")
    filterset_class = ReviewFilter
    template_name = "audits/review_list.html"


class ReviewDetailView(IsmsDetailView):
    model = ManagementReview
    queryset = ManagementReview.objects.select_related("approved_by").prefetch_related("attendees")
    context_object_name = "review"
    template_name = "audits/review_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, actions=self.object.actions.select_related("owner"))


class ReviewPdfView(ReviewDetailView):
    """The review as a PDF download; downloads are recorded in the audit trail."""

    def render_to_response(self, context, **response_kwargs):
        review = self.object
        response = HttpResponse(review_pdf(review), content_type="application/pdf")
        name = f"management-review-{review.date}-{slugify(review.title)}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        accessed.send(sender=ManagementReview, instance=review)
        return response


class ReviewCreateView(IsmsCreateView):
    model = ManagementReview
    form_class = ReviewForm
    template_name = "audits/form.html"
    service = services.create_review
    success_message = "Management review created: prepare its inputs before the meeting."


class ReviewUpdateView(IsmsUpdateView):
    model = ManagementReview
    form_class = ReviewForm
    template_name = "audits/form.html"
    service = services.update_review
    success_message = "Management review saved."


class ReviewPrepareView(IsmsActionView):
    model = ManagementReview
    permission_action = "change"
    service = services.prepare_review_inputs
    success_message = "Review inputs prepared from the ISMS's data."


class ReviewHoldView(IsmsActionView):
    model = ManagementReview
    permission_action = "change"
    service = services.hold_review
    success_message = "Review marked as held."


class ReviewApproveView(IsmsActionView):
    model = ManagementReview
    permission_action = "change"
    service = services.approve_review
    success_message = "Minutes approved; the review is frozen."


class ReviewActionCreateView(IsmsCreateView):
    model = ReviewAction
    form_class = ReviewActionForm
    template_name = "audits/form.html"
    service = services.create_review_action
    success_message = "Review action added."

    def review(self) -> ManagementReview:
        return get_object_or_404(visible(ManagementReview.objects.all(), self.request.user),
                                 pk=self.kwargs["review_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, parent=self.review())

    def service_target(self) -> ManagementReview:
        return self.review()


class ReviewActionUpdateView(IsmsUpdateView):
    model = ReviewAction
    form_class = ReviewActionForm
    template_name = "audits/form.html"
    service = services.update_review_action
    success_message = "Review action saved."

    def get_form_class(self):
        if can(self.request.user, "change", ReviewAction) and not self.object.review.is_frozen:
            return ReviewActionForm
        return ReviewActionProgressForm
