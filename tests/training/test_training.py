"""Training records (issue #8): matrix logic, services, reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from isms.models import AuditEntry
from tests import factories
from training import matrix as training
from training.models import TrainingRecord
from training.services import (
    add_training_record,
    create_course,
    create_person,
    send_training_reminders,
)

TODAY = datetime.date.today()


def test_training_record_add_computes_expiry_and_audits(officer):
    person, course = factories.PersonFactory(), factories.CourseFactory(validity_months=6)
    record = add_training_record(acting_user=officer, person=person, course=course,
                                 completed_on=datetime.date(2026, 1, 31), score=90)
    assert record.expires_on == datetime.date(2026, 7, 31)
    assert record.recorded_by == officer
    assert AuditEntry.objects.get_for_object(record).exists()


def test_training_record_add_stores_certificate_as_evidence(officer):
    person, course = factories.PersonFactory(name="Ann"), factories.CourseFactory(title="Awareness")
    upload = SimpleUploadedFile("cert.pdf", b"%PDF-1.4 certificate", content_type="application/pdf")
    record = add_training_record(acting_user=officer, person=person, course=course,
                                 completed_on=TODAY, certificate_file=upload)
    assert record.certificate.title == "Training certificate: Ann – Awareness"


def test_training_record_add_refuses_future_date(officer):
    with pytest.raises(ValidationError):
        add_training_record(acting_user=officer, person=factories.PersonFactory(),
                            course=factories.CourseFactory(),
                            completed_on=TODAY + datetime.timedelta(days=1))


def test_training_record_add_refuses_engineer(engineer):
    with pytest.raises(PermissionDenied):
        add_training_record(acting_user=engineer, person=factories.PersonFactory(),
                            course=factories.CourseFactory(), completed_on=TODAY)


def test_course_create_refuses_zero_validity(officer):
    with pytest.raises(ValidationError):
        create_course(acting_user=officer, title="X", validity_months=0)


def test_person_create_saves(officer):
    person = create_person(acting_user=officer, name="Bo", email="bo@example.com", team="Data")
    assert person.pk and person.active


def test_queryset_states(db):
    person, course = factories.PersonFactory(), factories.CourseFactory(validity_months=1)
    old = factories.training_record(person, course, TODAY - datetime.timedelta(days=90))
    soon = factories.training_record(person, course, TODAY - datetime.timedelta(days=20))
    assert list(TrainingRecord.objects.expired()) == [old]
    assert list(TrainingRecord.objects.expiring_within(30)) == [soon]
    assert list(TrainingRecord.objects.current()) == [soon]


def test_matrix_states_per_cell(db):
    course = factories.CourseFactory(validity_months=12)
    current, expiring, expired, missing = (factories.PersonFactory() for _ in range(4))
    factories.training_record(current, course, TODAY)
    factories.training_record(expiring, course, TODAY - datetime.timedelta(days=350))
    factories.training_record(expired, course, TODAY - datetime.timedelta(days=400))
    cells = training.build().cells
    assert [cells[(p.pk, course.pk)] for p in (current, expiring, expired, missing)] == [
        "current", "expiring", "expired", "missing"]


def test_matrix_latest_completion_wins(db):
    person, course = factories.PersonFactory(), factories.CourseFactory()
    factories.training_record(person, course, TODAY - datetime.timedelta(days=800))
    factories.training_record(person, course, TODAY)
    assert training.build().cells[(person.pk, course.pk)] == "current"


def test_matrix_requires_course_by_job_role_only_when_listed(db):
    course = factories.CourseFactory(teams=[], job_roles=["Data scientist"])
    scientist = factories.PersonFactory(job_role="Data scientist")
    other = factories.PersonFactory(job_role="Manager")
    cells = training.build().cells
    assert (scientist.pk, course.pk) in cells and (other.pk, course.pk) not in cells


def test_matrix_requires_course_for_asset_assignees(officer, engineer):
    asset = factories.AssetFactory(owner=officer)
    asset.assignees.add(engineer)
    course = factories.CourseFactory(teams=[])
    course.audience_assets.add(asset)
    person = factories.PersonFactory(team="Other", user=engineer)
    assert training.build().cells[(person.pk, course.pk)] == "missing"


def test_matrix_lists_pii_holders_without_training(engineer):
    factories.AssetFactory(owner=engineer, holds_pii=True)
    course = factories.CourseFactory(teams=[], audience_pii_assets=True)
    person = factories.PersonFactory(team="Other", user=engineer)
    matrix = training.build()
    assert matrix.pii_gaps() == [(person, [course])]
    factories.training_record(person, course, TODAY)
    assert training.build().pii_gaps() == []


def test_a_team_matrix_finds_the_duties_the_whole_matrix_finds(officer, engineer,
                                                               django_assert_num_queries):
    """A PII asset owned outside the team, assigned to someone in it: the course whose audience
    it is requires them, counts as a PII course and lists them as a PII holder."""
    outsider = factories.engineer()
    shared = factories.AssetFactory(owner=outsider, holds_pii=True)
    shared.assignees.add(engineer)
    factories.AssetFactory(owner=officer, holds_pii=True)  # nobody in the team: not read
    course = factories.CourseFactory(teams=[])
    course.audience_assets.add(shared)
    person = factories.PersonFactory(team="Red", user=engineer)
    factories.PersonFactory(team="Blue", user=outsider)
    with django_assert_num_queries(5):  # people, courses, their audiences, assets, records
        matrix = training.build(team="Red")
    assert matrix.cells == {(person.pk, course.pk): "missing"}
    assert matrix.pii_courses == {course.pk} and matrix.pii_holders == {person.pk}
    assert matrix.pii_gaps() == [(person, [course])]
    assert training.build(team="Red").cells == {
        key: state for key, state in training.build().cells.items() if key[0] == person.pk
    }


def test_matrix_rates_per_course_and_team(db):
    course = factories.CourseFactory()
    done, _ = factories.PersonFactory(), factories.PersonFactory()
    factories.training_record(done, course, TODAY)
    matrix = training.build()
    assert matrix.course_rates() == [(course, 50)]
    assert matrix.team_rates() == [("ML Platform", 50)]


def test_training_reminders_send_sends_once(db):
    person, course = factories.PersonFactory(), factories.CourseFactory(validity_months=12)
    record = factories.training_record(person, course, TODAY - datetime.timedelta(days=350))
    factories.training_record(factories.PersonFactory(), course, TODAY)  # not due
    assert send_training_reminders() == 1
    assert mail.outbox[0].to == [person.email]
    record.refresh_from_db()
    assert record.reminded_at is not None
    assert send_training_reminders() == 0
    assert len(mail.outbox) == 1


def test_training_reminders_send_reminds_again_for_a_new_period(db):
    person, course = factories.PersonFactory(), factories.CourseFactory(validity_months=12)
    record = factories.training_record(person, course, TODAY - datetime.timedelta(days=350))
    record.reminded_at = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    record.save()
    assert send_training_reminders() == 1
