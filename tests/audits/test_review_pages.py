"""A management review (clause 9.3) through its pages: hold and approve in order, refusals that
say why and change nothing, and what each role is offered."""

import pytest
from django.urls import reverse

from audits.models import ManagementReview, ReviewAction
from audits.services import prepare_review_inputs
from tests.audits import make
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
Status = ManagementReview.Status


def _post(user, name, review, data=None, follow=False):
    return client_for(user).post(reverse(f"audits:{name}", args=[review.pk]), data or {}, follow=follow)


def test_a_review_cannot_be_held_before_its_inputs_are_prepared(officer):
    review = make.review(officer, title="Q4 review")
    response = _post(officer, "review-hold", review, follow=True)
    assert "Prepare the review inputs before the meeting." in response.content.decode()
    review.refresh_from_db()
    assert review.status == Status.DRAFT


def test_minutes_are_needed_before_approval(officer):
    review = make.review(officer, title="Q4 review")
    prepare_review_inputs(review, acting_user=officer)
    assert _post(officer, "review-hold", review).status_code == 302
    response = _post(officer, "review-approve", review, follow=True)
    assert "Write the minutes before approving them." in response.content.decode()
    review.refresh_from_db()
    assert review.status == Status.HELD and review.approved_by is None


def test_hold_then_approve_freezes_the_review(officer):
    review = make.review(officer, title="Q4 review", minutes="Objectives met; budget approved.")
    prepare_review_inputs(review, acting_user=officer)
    _post(officer, "review-hold", review)
    assert _post(officer, "review-approve", review).status_code == 302
    review.refresh_from_db()
    assert review.status == Status.APPROVED and review.approved_by == officer
    response = _post(officer, "review-edit", review, {"title": "rewritten", "date": make.today().isoformat()},
                     follow=True)
    review.refresh_from_db()
    assert review.title == "Q4 review"
    assert response.status_code in (200, 400, 403)


def test_approving_a_draft_is_refused(officer):
    review = make.review(officer)
    response = _post(officer, "review-approve", review, follow=True)
    assert "Only a held review" in response.content.decode()
    review.refresh_from_db()
    assert review.status == Status.DRAFT


def test_engineers_and_auditors_change_nothing(officer, engineer, auditor):
    review = make.review(officer, title="Q4 review", minutes="m")
    prepare_review_inputs(review, acting_user=officer)
    for user in (engineer, auditor):
        for name in ("review-hold", "review-approve", "review-prepare"):
            assert _post(user, name, review).status_code == 403, (user.username, name)
    review.refresh_from_db()
    assert review.status == Status.DRAFT


def test_an_auditor_reads_the_review_without_its_buttons(officer, auditor):
    review = make.review(officer, title="Q4 review")
    response = client_for(auditor).get(reverse("audits:review-detail", args=[review.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "Q4 review" in html
    for name in ("review-hold", "review-approve", "review-edit", "review-prepare"):
        assert reverse(f"audits:{name}", args=[review.pk]) not in html


def test_an_action_from_the_review_goes_to_its_owner(officer, engineer):
    review = make.review(officer)
    response = client_for(officer).post(reverse("audits:reviewaction-create", args=[review.pk]), {
        "description": "Publish the evaluation summary.", "owner": engineer.pk,
        "due_date": make.today(30).isoformat(), "status": "open"})
    assert response.status_code == 302
    action = ReviewAction.objects.get(review=review)
    assert action.owner == engineer
    edit = reverse("audits:reviewaction-edit", args=[action.pk])
    assert client_for(engineer).post(edit, {"status": "done"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.completed_at is not None


def test_auditors_are_never_offered_as_review_action_owners(officer, auditor):
    review = make.review(officer)
    form = client_for(officer).get(reverse("audits:reviewaction-create", args=[review.pk])).content.decode()
    assert f'<option value="{auditor.pk}"' not in form
    assert f'<option value="{officer.pk}"' in form
