import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from isms.access import can
from isms.models import AuditEntry
from risks.models import Risk, RiskAcceptance, RiskAssessment, Threat
from risks.services import (
    accept_risk,
    approve_assessment,
    close_risk,
    create_treatment_action,
    retire_threat,
    revise_criteria,
    start_assessment,
    submit_assessment,
    update_risk,
    update_treatment_action,
)
from tests import factories

pytestmark = pytest.mark.django_db
SHA_A = "a" * 64
SHA_B = "b" * 64


def test_threat_library_is_seeded_with_suggested_controls():
    threat = Threat.objects.get(code="slm-model-inversion")
    assert threat.is_seeded
    assert set(threat.suggested_controls.values_list("ref", flat=True)) >= {"8.11", "8.12"}
    assert Threat.objects.count() == 44


def test_threat_load_does_not_overwrite_officer_edits():
    from risks.catalogue import risks_reference_load

    threat = Threat.objects.get(code="slm-model-inversion")
    threat.name, threat.retired = "Our wording", True
    threat.save()
    assert sum(risks_reference_load().values()) == 0
    threat.refresh_from_db()
    assert (threat.name, threat.retired) == ("Our wording", True)


def test_threat_retire_keeps_the_threat_but_hides_it(officer):
    threat = Threat.objects.get(code="slm-model-inversion")
    retire_threat(threat, acting_user=officer)
    assert not Threat.objects.active().filter(pk=threat.pk).exists()


def test_risk_create_stores_scores_and_levels_from_the_criteria(officer):
    risk = factories.risk(officer)
    assert (risk.inherent_score, risk.inherent_level) == (16, "high")
    assert (risk.residual_score, risk.residual_level) == (6, "medium")


def test_risk_create_refuses_values_outside_the_scale(officer):
    with pytest.raises(ValidationError) as error:
        factories.risk(officer, inherent_likelihood=6)
    assert "inherent_likelihood" in error.value.message_dict


def test_engineer_cannot_create_a_risk(engineer, officer):
    with pytest.raises(PermissionDenied):
        factories.risk(engineer, assessment=factories.RiskAssessmentFactory(assessor=officer))


def test_criteria_revise_creates_a_new_version_and_keeps_stored_scores(officer):
    risk = factories.risk(officer)
    old = risk.assessment.criteria
    new = revise_criteria(
        acting_user=officer, name="Stricter", likelihood_labels=old.likelihood_labels,
        impact_labels=old.impact_labels, appetite=4,
        bands=[{"level": "low", "min_score": 1}, {"level": "critical", "min_score": 3}],
    )
    assert new.version == old.version + 1
    risk.refresh_from_db()
    old.refresh_from_db()
    assert (risk.residual_score, risk.residual_level, old.appetite) == (6, "medium", 9)
    assert risk.assessment.criteria == old


def test_criteria_revise_refuses_bands_not_starting_at_one(officer):
    with pytest.raises(ValidationError):
        revise_criteria(acting_user=officer, bands=[{"level": "low", "min_score": 3}], appetite=5)


def test_risk_update_refused_when_assessment_is_approved(officer):
    risk = factories.risk(officer)
    submit_assessment(risk.assessment, acting_user=officer)
    approve_assessment(risk.assessment, acting_user=officer)
    with pytest.raises(ValidationError):
        update_risk(acting_user=officer, risk=risk, residual_likelihood=1)


def test_risk_update_moves_the_accept_permission_to_the_new_owner(officer, engineer):
    risk = factories.risk(officer)
    update_risk(acting_user=officer, risk=risk, owner=engineer)
    assert can(engineer, "accept", risk)


def test_risk_accept_by_engineer_owner_records_a_snapshot(officer, engineer):
    model = factories.AssetFactory(kind="model", model_version="1.0", artefact_sha256=SHA_A)
    risk = factories.risk(officer, owner=engineer, assets=[model], residual_likelihood=4)
    acceptance = accept_risk(risk, acting_user=engineer, justification="Compensated by rate limits")
    assert acceptance.asset_snapshot == {str(model.pk): {"model_version": "1.0", "artefact_sha256": SHA_A}}
    assert acceptance.residual_score_at_acceptance == 12
    assert AuditEntry.objects.filter(object_pk=str(acceptance.pk), action=0).exists()


def test_risk_accept_refused_for_an_officer_who_is_not_the_owner(officer, engineer):
    risk = factories.risk(officer, owner=engineer)
    with pytest.raises(PermissionDenied):
        accept_risk(risk, acting_user=officer, justification="no")


def test_acceptance_becomes_stale_when_the_model_version_changes(officer):
    model = factories.AssetFactory(kind="model", model_version="1.0", artefact_sha256=SHA_A)
    risk = factories.risk(officer, assets=[model], residual_likelihood=4)
    acceptance = accept_risk(risk, acting_user=officer, justification="ok")
    assert not acceptance.is_stale
    model.model_version = "1.1"
    model.save()
    acceptance = RiskAcceptance.objects.get(pk=acceptance.pk)
    assert acceptance.is_stale
    assert list(Risk.objects.with_stale_acceptance()) == [risk]


def test_acceptance_becomes_stale_when_the_residual_score_changes(officer):
    risk = factories.risk(officer, residual_likelihood=4)
    accept_risk(risk, acting_user=officer, justification="ok")
    update_risk(acting_user=officer, risk=risk, residual_impact=4)
    assert Risk.objects.get(pk=risk.pk).acceptance_state == "stale"


def test_risk_close_refused_above_appetite_without_acceptance(officer):
    risk = factories.risk(officer, residual_likelihood=4)
    with pytest.raises(ValidationError):
        close_risk(risk, acting_user=officer)


def test_risk_close_after_acceptance(officer):
    risk = factories.risk(officer, residual_likelihood=4)
    accept_risk(risk, acting_user=officer, justification="ok")
    assert close_risk(risk, acting_user=officer).status == "closed"


def test_risk_close_refused_when_acceptance_is_stale(officer):
    model = factories.AssetFactory(kind="model", artefact_sha256=SHA_A)
    risk = factories.risk(officer, assets=[model], residual_likelihood=4)
    accept_risk(risk, acting_user=officer, justification="ok")
    model.artefact_sha256 = SHA_B
    model.save()
    with pytest.raises(ValidationError):
        close_risk(Risk.objects.get(pk=risk.pk), acting_user=officer)


def test_action_create_lets_its_engineer_owner_update_it(officer, engineer):
    risk = factories.risk(officer)
    action = create_treatment_action(
        acting_user=officer, risk=risk, description="Add output filter", owner=engineer,
        due_date=timezone.localdate(),
    )
    update_treatment_action(acting_user=engineer, action=action, status="done")
    action.refresh_from_db()
    assert action.status == "done"


def test_engineer_cannot_update_an_action_of_someone_else(officer, engineer):
    risk = factories.risk(officer)
    action = create_treatment_action(
        acting_user=officer, risk=risk, description="x", owner=officer, due_date=timezone.localdate()
    )
    with pytest.raises(PermissionDenied):
        update_treatment_action(acting_user=engineer, action=action, status="done")


def test_overdue_lists_open_actions_past_due(officer):
    risk = factories.risk(officer)
    past = timezone.localdate() - datetime.timedelta(days=3)
    late = create_treatment_action(risk, acting_user=officer, description="late", owner=officer,
                                   due_date=past)
    create_treatment_action(acting_user=officer, risk=risk, description="done", owner=officer, due_date=past,
                  status="done")
    assert list(risk.actions.overdue()) == [late]


def test_assessment_start_copies_the_last_approved_assessment(officer):
    model = factories.AssetFactory(kind="model")
    risk = factories.risk(officer, assets=[model])
    create_treatment_action(acting_user=officer, risk=risk, description="open", owner=officer,
                  due_date=timezone.localdate())
    create_treatment_action(acting_user=officer, risk=risk, description="done", owner=officer,
                  due_date=timezone.localdate(), status="done")
    submit_assessment(risk.assessment, acting_user=officer)
    approve_assessment(risk.assessment, acting_user=officer)
    draft = start_assessment(acting_user=officer, title="2027", copy_from_last_approved=True)
    copy = draft.risks.get()
    assert draft.status == RiskAssessment.Status.DRAFT and copy.copied_from == risk
    assert list(copy.assets.all()) == [model]
    assert list(copy.actions.values_list("description", flat=True)) == ["open"]


def test_assessment_approve_needs_review_first(officer):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    with pytest.raises(ValidationError):
        approve_assessment(assessment, acting_user=officer)


def test_control_risks_set_links_and_unlinks_from_the_control_side_but_not_frozen_risks(officer):
    from controls.models import Control
    from risks.services import set_control_risks

    control = Control.objects.get(ref="8.28")
    kept, dropped, added = (factories.risk(officer, title=t) for t in ("kept", "dropped", "added"))
    frozen = factories.risk(officer, title="frozen")
    for risk in (kept, dropped, frozen):
        risk.controls.add(control)
    frozen.assessment.status = "approved"
    frozen.assessment.save()
    set_control_risks(acting_user=officer, control=control, risks=[kept, added])
    assert set(control.risks.values_list("title", flat=True)) == {"kept", "added", "frozen"}


def test_engineer_cannot_link_risks_to_a_control(engineer):
    from django.core.exceptions import PermissionDenied

    from controls.models import Control
    from risks.services import set_control_risks

    with pytest.raises(PermissionDenied):
        set_control_risks(acting_user=engineer, control=Control.objects.get(ref="8.28"), risks=[])


def test_the_current_assessment_is_the_newest_open_one_else_the_last_approved(officer,
                                                                               django_assert_num_queries):
    import datetime

    from risks.models import RiskAssessment
    from tests.factories import RiskAssessmentFactory

    def make(month: int, status: str = "draft", year: int = 2026):
        day = datetime.date(year, month, 1)
        return RiskAssessmentFactory(assessor=officer, assessment_date=day, status=status)

    def current():
        with django_assert_num_queries(1):
            return RiskAssessment.objects.current()

    RiskAssessment.objects.all().delete()
    assert current() is None
    old_approved, new_approved = make(1, "approved"), make(6, "approved")
    assert current() == new_approved != old_approved
    older_draft = make(1, year=2025)
    assert current() == older_draft  # an open assessment is the one people work on, however old
    in_review = make(3, "in_review")
    assert current() == in_review
