"""Policies (clause 5.2): frozen approved versions, officer-only approval, acknowledgements."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.models import Acknowledgement, PolicyVersion
from governance.services.policies import (
    acknowledge_policy,
    acknowledgement_rates,
    approve_policy_version,
    create_policy,
    create_policy_version,
    record_acknowledgements,
    record_policy_review,
    update_policy_version,
)
from isms.models import AuditEntry
from tests import factories

TODAY = datetime.date.today()


@pytest.fixture
def policy(officer):
    return factories.PolicyFactory(owner=officer, review_interval_months=6)


def _approved(policy, officer, number=1):
    version = create_policy_version(acting_user=officer, policy=policy, text=f"Text v{number}")
    return approve_policy_version(version, acting_user=officer)


def test_policy_create_is_audit_logged(officer):
    policy = create_policy(acting_user=officer, title="Information security policy", kind="infosec",
                           topic="general", owner=officer, review_interval_months=12,
                           next_review_date=TODAY)
    assert AuditEntry.objects.get_for_object(policy).filter(action=0).exists()


def test_engineer_cannot_create_policy(engineer):
    with pytest.raises(PermissionDenied):
        create_policy(acting_user=engineer, title="Mine", kind="topic", topic="other", owner=engineer,
                      review_interval_months=12, next_review_date=TODAY)


def test_policy_version_numbers_follow_on(officer, policy):
    _approved(policy, officer)
    draft = create_policy_version(acting_user=officer, policy=policy, text="v2")
    assert (draft.number, draft.status) == (2, "draft")


def test_policy_version_create_refuses_second_draft(officer, policy):
    create_policy_version(acting_user=officer, policy=policy, text="v1")
    with pytest.raises(ValidationError, match="already has a draft"):
        create_policy_version(acting_user=officer, policy=policy, text="v1 again")


def test_policy_version_needs_text_or_document(officer, policy):
    with pytest.raises(ValidationError, match="text, a document or both"):
        create_policy_version(acting_user=officer, policy=policy, text="  ")
    assert not PolicyVersion.objects.exists()


def test_policy_version_document_is_stored_as_evidence(officer, policy):
    version = create_policy_version(acting_user=officer, policy=policy, document_file=factories.upload())
    assert version.document.title == f"Policy document: {policy.title} v1"
    assert version.document.versions.get().files.get().sha256


def test_policy_version_approve_records_approver_and_next_review(officer, policy):
    version = _approved(policy, officer)
    policy.refresh_from_db()
    assert (version.status, version.approved_by) == ("approved", officer)
    assert policy.next_review_date > TODAY + datetime.timedelta(days=170)


def test_policy_version_approve_supersedes_previous(officer, policy):
    first = _approved(policy, officer)
    second = _approved(policy, officer, number=2)
    first.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "approved")


def test_engineer_cannot_approve(engineer, officer, policy):
    draft = create_policy_version(acting_user=officer, policy=policy, text="v1")
    with pytest.raises(PermissionDenied):
        approve_policy_version(draft, acting_user=engineer)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_approved_version_is_frozen_in_the_service(officer, policy):
    version = _approved(policy, officer)
    with pytest.raises(ValidationError, match="frozen"):
        update_policy_version(acting_user=officer, version=version, text="Changed")
    version.refresh_from_db()
    assert version.text == "Text v1"


def test_approved_version_is_frozen_in_the_model(officer, policy):
    version = _approved(policy, officer)
    version.text = "Rewritten behind the service's back"
    with pytest.raises(ValidationError, match="frozen"):
        version.save()
    assert PolicyVersion.objects.get(pk=version.pk).text == "Text v1"


def test_superseded_version_cannot_be_revived(officer, policy):
    first = _approved(policy, officer)
    _approved(policy, officer, number=2)
    first.refresh_from_db()
    first.status = "approved"
    with pytest.raises(ValidationError, match="frozen"):
        first.save()


def test_approved_version_cannot_be_deleted(officer, policy):
    version = _approved(policy, officer)
    with pytest.raises(ValidationError, match="frozen"):
        version.delete()
    assert PolicyVersion.objects.filter(pk=version.pk).exists()


def test_draft_can_be_edited(officer, policy):
    draft = create_policy_version(acting_user=officer, policy=policy, text="v1")
    update_policy_version(acting_user=officer, version=draft, text="v1, reworded", change_summary="Typo")
    draft.refresh_from_db()
    assert draft.text == "v1, reworded"


def test_policy_acknowledge_by_linked_engineer(officer, engineer, policy):
    person = factories.PersonFactory(user=engineer)
    version = _approved(policy, officer)
    ack = acknowledge_policy(version, acting_user=engineer)
    assert (ack.person, ack.acknowledged_on, ack.recorded_by) == (person, timezone.localdate(), engineer)
    assert AuditEntry.objects.get_for_object(ack).exists()


def test_policy_acknowledge_twice_is_refused(officer, engineer, policy):
    factories.PersonFactory(user=engineer)
    version = _approved(policy, officer)
    acknowledge_policy(version, acting_user=engineer)
    with pytest.raises(ValidationError, match="already acknowledged"):
        acknowledge_policy(version, acting_user=engineer)


def test_policy_acknowledge_without_person_is_refused(officer, engineer, policy):
    version = _approved(policy, officer)
    with pytest.raises(ValidationError, match="not linked"):
        acknowledge_policy(version, acting_user=engineer)


def test_draft_cannot_be_acknowledged(officer, engineer, policy):
    factories.PersonFactory(user=engineer)
    draft = create_policy_version(acting_user=officer, policy=policy, text="v1")
    with pytest.raises(ValidationError, match="approved version in force"):
        acknowledge_policy(draft, acting_user=engineer)


def test_auditor_cannot_acknowledge(officer, auditor, policy):
    factories.PersonFactory(user=auditor)
    version = _approved(policy, officer)
    with pytest.raises(PermissionDenied):
        acknowledge_policy(version, acting_user=auditor)


def test_engineer_cannot_record_for_others(officer, engineer, policy):
    version = _approved(policy, officer)
    with pytest.raises(PermissionDenied):
        record_acknowledgements(acting_user=engineer, version=version,
                                people=[factories.PersonFactory()], acknowledged_on=TODAY)


def test_acknowledgements_record_skips_people_already_done(officer, policy):
    version = _approved(policy, officer)
    a, b = factories.PersonFactory(), factories.PersonFactory()
    record_acknowledgements(acting_user=officer, version=version, people=[a], acknowledged_on=TODAY)
    made = record_acknowledgements(acting_user=officer, version=version, people=[a, b],
                                   acknowledged_on=TODAY)
    assert [ack.person for ack in made] == [b]
    assert Acknowledgement.objects.count() == 2


def test_acknowledgements_record_refuses_future_date(officer, policy):
    version = _approved(policy, officer)
    with pytest.raises(ValidationError):
        record_acknowledgements(acting_user=officer, version=version, people=[factories.PersonFactory()],
                                acknowledged_on=TODAY + datetime.timedelta(days=1))


def test_acknowledgement_rate_counts_active_people(officer, policy):
    version = _approved(policy, officer)
    people = factories.PersonFactory.create_batch(4)
    factories.PersonFactory(active=False)
    record_acknowledgements(acting_user=officer, version=version, people=people[:3], acknowledged_on=TODAY)
    rate = acknowledgement_rates([version])[version.pk]
    assert (rate.acknowledged, rate.total, rate.percent) == (3, 4, 75)


def test_policy_with_versions_cannot_be_deleted(officer, policy):
    from django.db.models import ProtectedError

    _approved(policy, officer)
    with pytest.raises(ProtectedError):
        policy.delete()
    assert PolicyVersion.objects.exists()


def test_policy_review_record_moves_next_review(officer, policy):
    _approved(policy, officer)
    policy.next_review_date = TODAY - datetime.timedelta(days=10)
    policy.save()
    policy = record_policy_review(policy, acting_user=officer)
    assert policy.last_reviewed_on == TODAY
    assert policy.next_review_date > TODAY + datetime.timedelta(days=170)
    assert AuditEntry.objects.get_for_object(policy).filter(action=1).exists()


def test_policy_review_record_needs_an_approved_version(officer, policy):
    with pytest.raises(ValidationError, match="first version"):
        record_policy_review(policy, acting_user=officer)


def test_engineer_cannot_record_review(officer, engineer, policy):
    _approved(policy, officer)
    with pytest.raises(PermissionDenied):
        record_policy_review(policy, acting_user=engineer)
