"""Management reviews (clause 9.3): draft -> held -> minutes approved (frozen)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits.models import ManagementReview, ReviewAction
from audits.models.nonconformities import ActionStatus
from audits.review_inputs import clause_key, review_inputs_collect
from audits.services.nonconformities import apply_action_status, owner_grant
from isms.access import require as _require
from isms.models import User

Status = ManagementReview.Status
REVIEW_ACTION_CHANGE_PERM = "audits.change_reviewaction"



def _check_not_frozen(review: ManagementReview) -> None:
    if review.is_frozen:
        raise ValidationError("The minutes are approved: the review is frozen.")


@transaction.atomic
def create_review(*, acting_user: User, attendees=(), **fields) -> ManagementReview:
    _require(acting_user, "add", ManagementReview)
    review = ManagementReview(**fields)
    review.full_clean()
    review.save()
    review.attendees.set(attendees)
    return review


@transaction.atomic
def update_review(
    review: ManagementReview, *, acting_user: User, attendees=None, **fields
) -> ManagementReview:
    _require(acting_user, "change", review)
    _check_not_frozen(review)
    for name, value in fields.items():
        setattr(review, name, value)
    review.full_clean()
    review.save()
    if attendees is not None:
        review.attendees.set(attendees)
    return review


def inputs_period(review: ManagementReview) -> tuple[datetime.date, datetime.date]:
    """From the previous review's date (or one year back) to this review's date."""
    previous = ManagementReview.objects.filter(date__lt=review.date).exclude(pk=review.pk).order_by(
        "-date").first()
    since = previous.date if previous else review.date.replace(year=review.date.year - 1)
    return since, review.date


def _feedback_section(review: ManagementReview) -> dict:
    # Entered by people, not computed: it comes from the review itself.
    lines = [line.strip() for line in review.interested_party_feedback.splitlines() if line.strip()]
    return {"clause": "9.3.2 e)", "heading": "Feedback from interested parties",
            "lines": lines or ["No feedback recorded."]}


@transaction.atomic
def prepare_review_inputs(
    review: ManagementReview, *, acting_user: User, providers: list | None = None
) -> ManagementReview:
    """Compute the 9.3.2 inputs now and freeze them on the review as a snapshot."""
    _require(acting_user, "change", review)
    _check_not_frozen(review)
    since, until = inputs_period(review)
    sections = review_inputs_collect(since, until, providers) + [_feedback_section(review)]
    review.inputs = sorted(sections, key=lambda section: clause_key(section["clause"]))
    review.inputs_since, review.inputs_prepared_at = since, timezone.now()
    review.save()
    return review


@transaction.atomic
def hold_review(review: ManagementReview, *, acting_user: User) -> ManagementReview:
    """The meeting took place (its inputs must have been prepared)."""
    _require(acting_user, "change", review)
    if review.status != Status.DRAFT:
        raise ValidationError("Only a draft review can be marked as held.")
    if not review.inputs:
        raise ValidationError("Prepare the review inputs before the meeting.")
    review.status = Status.HELD
    review.save()
    return review


@transaction.atomic
def approve_review(review: ManagementReview, *, acting_user: User) -> ManagementReview:
    """Approve the minutes: the review is frozen from now on."""
    _require(acting_user, "change", review)
    if review.status != Status.HELD:
        raise ValidationError("Only a held review's minutes can be approved.")
    if not review.minutes.strip():
        raise ValidationError("Write the minutes before approving them.")
    review.status = Status.APPROVED
    review.approved_by, review.approved_at = acting_user, timezone.now()
    review.save()
    return review


@transaction.atomic
def create_review_action(review: ManagementReview, *, acting_user: User, **fields) -> ReviewAction:
    _require(acting_user, "add", ReviewAction)
    _check_not_frozen(review)
    status = fields.pop("status", ActionStatus.OPEN)
    action = ReviewAction(review=review, **fields)
    apply_action_status(action, status)
    action.full_clean()
    action.save()
    owner_grant(action, None, REVIEW_ACTION_CHANGE_PERM)
    return action


@transaction.atomic
def update_review_action(action: ReviewAction, *, acting_user: User, **fields) -> ReviewAction:
    """Actions keep being worked on after the minutes are approved: only their progress then."""
    _require(acting_user, "change", action)
    if action.review.is_frozen and set(fields) - {"status"}:
        fields = {"status": fields.get("status", action.status)}
    previous_owner = action.owner
    status = fields.pop("status", action.status)
    for name, value in fields.items():
        setattr(action, name, value)
    apply_action_status(action, status)
    action.full_clean()
    action.save()
    owner_grant(action, previous_owner, REVIEW_ACTION_CHANGE_PERM)
    return action
