"""Management reviews: inputs prepared from the ISMS's data and frozen, life cycle, PDF."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from audits import services
from audits.inputs import risks as risks_inputs
from audits.models import ManagementReview
from audits.review_inputs import REVIEW_INPUT_PROVIDERS, clause_key, review_inputs_collect
from isms.models import AuditEntry
from tests import factories
from tests.audits import make
from tests.conftest import client_for


def _section(review, clause):
    """Every section with this clause merged (other apps' providers may add their own)."""
    sections = [section for section in review.inputs if section["clause"] == clause]
    assert sections, clause
    return {"clause": clause, "lines": [line for section in sections for line in section["lines"]]}


def test_review_input_providers_return_sections_of_the_contract(db):
    sections = review_inputs_collect(make.today(-365), make.today())
    assert {s["clause"] for s in sections} >= {
        "9.3.2 a)", "9.3.2 b)", "9.3.2 d) 1)", "9.3.2 d) 2)", "9.3.2 d) 3)", "9.3.2 f)", "9.3.2 g)"}
    for section in sections:
        assert set(section) == {"clause", "heading", "lines"}
        assert all(isinstance(line, str) for line in section["lines"])
    assert all(provider.__module__.startswith("audits.") for provider in REVIEW_INPUT_PROVIDERS[:7])


def test_clause_key_sorts_numbered_items_naturally():
    assert sorted(["9.3.2 d) 10)", "9.3.2 e)", "9.3.2 d) 2)", "9.3.2 a)"], key=clause_key) == [
        "9.3.2 a)", "9.3.2 d) 2)", "9.3.2 d) 10)", "9.3.2 e)"]


def test_prepare_inputs_summarises_the_isms_and_freezes_a_snapshot(officer, engineer):
    late = make.nonconformity(officer, title="Image patching late")
    make.corrective_action(officer, late, owner=engineer, due=-5)
    audit, item = make.audit_with_finding(officer, result="ofi")
    for other in audit.items.exclude(pk=item.pk):
        services.update_checklist_item(acting_user=officer, item=other, result="conforming")
    services.report_internal_audit(
        audit, acting_user=officer, summary="Fine.", conclusion="Conforming, one OFI.")
    factories.risk(officer, residual_likelihood=5, residual_impact=5)
    factories.ScopeFactory(created_by=officer)
    factories.AssetFactory(kind="dataset")
    review = make.review(officer, interested_party_feedback="Customers ask for evaluation reports.")
    services.prepare_review_inputs(review, acting_user=officer)
    review.refresh_from_db()
    assert "Image patching late" in " ".join(_section(review, "9.3.2 d) 1)")["lines"])
    assert "1 corrective action(s) overdue" in " ".join(_section(review, "9.3.2 d) 1)")["lines"])
    assert "Conforming, one OFI." in " ".join(_section(review, "9.3.2 d) 3)")["lines"])
    assert "Two releases shipped" in " ".join(_section(review, "9.3.2 g)")["lines"])
    assert "above the appetite" in " ".join(_section(review, "9.3.2 f)")["lines"])
    assert "Scope version" in " ".join(_section(review, "9.3.2 b)")["lines"])
    assert "1 dataset" in " ".join(_section(review, "9.3.2 b)")["lines"])
    assert "Statement of Applicability" in " ".join(_section(review, "9.3.2 d) 2)")["lines"])
    assert _section(review, "9.3.2 e)")["lines"] == ["Customers ask for evaluation reports."]
    clauses = [s["clause"] for s in review.inputs]
    assert clauses == sorted(clauses, key=clause_key)
    # A snapshot: later changes to the data do not change the prepared inputs.
    make.nonconformity(officer, title="Raised after the preparation")
    review.refresh_from_db()
    assert "Raised after the preparation" not in str(review.inputs)


def test_previous_review_actions_feed_the_next_review(officer, engineer):
    first = make.review(officer, date=make.today(-200))
    make.review_action(officer, first, owner=engineer, description="Publish the model card summary")
    second = make.review(officer)
    services.prepare_review_inputs(second, acting_user=officer)
    second.refresh_from_db()
    assert second.inputs_since == first.date
    lines = " ".join(_section(second, "9.3.2 a)")["lines"])
    assert "Publish the model card summary" in lines and "Open" in lines


def test_inputs_look_back_one_year_without_a_previous_review(officer):
    review = make.review(officer)
    services.prepare_review_inputs(review, acting_user=officer)
    assert review.inputs_since == review.date.replace(year=review.date.year - 1)


def test_prepare_inputs_uses_only_the_listed_providers(officer):
    review = make.review(officer)
    services.prepare_review_inputs(review, acting_user=officer, providers=[risks_inputs.review_inputs])
    assert [s["clause"] for s in review.inputs] == ["9.3.2 e)", "9.3.2 f)"]


def test_review_life_cycle_freezes_after_approval(officer):
    review = make.review(officer)
    with pytest.raises(ValidationError, match="Prepare the review inputs"):
        services.hold_review(review, acting_user=officer)
    services.prepare_review_inputs(review, acting_user=officer)
    services.hold_review(review, acting_user=officer)
    with pytest.raises(ValidationError, match="minutes"):
        services.approve_review(review, acting_user=officer)
    services.update_review(acting_user=officer, review=review, minutes="Inputs presented.")
    services.approve_review(review, acting_user=officer)
    assert review.status == ManagementReview.Status.APPROVED and review.approved_by == officer
    with pytest.raises(ValidationError, match="frozen"):
        services.update_review(acting_user=officer, review=review, minutes="Rewritten")
    with pytest.raises(ValidationError, match="frozen"):
        services.prepare_review_inputs(review, acting_user=officer)
    entries = AuditEntry.objects.filter(content_type__model="managementreview", object_pk=str(review.pk))
    assert entries.count() >= 4


def test_review_action_owner_updates_progress_after_approval(officer, engineer):
    review = make.review(officer)
    action = make.review_action(officer, review, owner=engineer)
    services.prepare_review_inputs(review, acting_user=officer)
    services.hold_review(review, acting_user=officer)
    services.update_review(acting_user=officer, review=review, minutes="m")
    services.approve_review(review, acting_user=officer)
    services.update_review_action(acting_user=engineer, action=action, status="done", description="x")
    action.refresh_from_db()
    assert action.status == "done" and action.completed_at and action.description != "x"


def test_review_pdf_download_contains_the_review(officer, auditor, engineer):
    review = make.review(officer, title="Autumn management review", attendees=[officer],
                         external_attendees="Dr. Mara Keller, CEO")
    make.review_action(officer, review, owner=engineer, description="Publish the evaluation summary")
    services.prepare_review_inputs(review, acting_user=officer)
    response = client_for(auditor).get(reverse("audits:review-pdf", args=[review.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("Autumn management review", "Dr. Mara Keller", "Publish the evaluation summary",
                     "9.3.2 d) 1)", "Nonconformities and corrective actions"):
        assert expected in text
    assert AuditEntry.objects.filter(content_type__model="managementreview", action=AuditEntry.Action.ACCESS,
                                     actor=auditor).exists()
