"""Training pages (issue #8)."""

import datetime

import pytest
from django.urls import reverse

from assets.models import Asset
from tests import factories
from tests.conftest import client_for
from training.models import Course, Person, TrainingRecord
from training.services import expiry_of

TODAY = datetime.date.today()


def _estate(people: int, courses: int) -> None:
    """Rows made fast (bulk_create in the test only), with a few asset rules in play."""
    owner = factories.UserFactory()
    asset = factories.AssetFactory(owner=owner, holds_pii=True)
    made = Course.objects.bulk_create(
        Course(title=f"C{i}", validity_months=12, teams=["ML Platform"], audience_pii_assets=i == 0)
        for i in range(courses)
    )
    made[-1].audience_assets.add(asset)
    folks = Person.objects.bulk_create(
        Person(name=f"P{i}", email=f"p{i}@example.com", team="ML Platform") for i in range(people)
    )
    TrainingRecord.objects.bulk_create(
        TrainingRecord(person=p, course=made[0], completed_on=TODAY,
                       expires_on=expiry_of(made[0], TODAY)) for p in folks[::2]
    )
    Asset.objects.get(pk=asset.pk).assignees.add(owner)


@pytest.mark.parametrize("people,courses", [(5, 2), (500, 10)])
def test_training_matrix_query_count_is_constant(officer, django_assert_max_num_queries, people, courses):
    _estate(people, courses)
    client = client_for(officer)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("training:training-matrix"))
    assert response.status_code == 200


def test_officer_can_filter_matrix_by_team(officer):
    factories.CourseFactory(teams=["Data", "ML Platform"])
    factories.PersonFactory(name="Dana", team="Data")
    factories.PersonFactory(name="Mo", team="ML Platform")
    response = client_for(officer).get(reverse("training:training-matrix"), {"team": "Data"})
    assert b"Dana" in response.content and b"Mo<" not in response.content


def test_officer_can_record_training(officer):
    person, course = factories.PersonFactory(), factories.CourseFactory()
    response = client_for(officer).post(reverse("training:training-record-create"), {
        "person": person.pk, "course": course.pk, "completed_on": TODAY.isoformat(), "score": "80"})
    assert response.status_code == 302
    assert TrainingRecord.objects.get().score == 80


def test_officer_can_create_course(officer):
    response = client_for(officer).post(reverse("training:course-create"), {
        "title": "Prompt injection 101", "topic": "secure_slm_development", "validity_months": "12",
        "teams": "ML Platform, Data", "job_roles": ""})
    assert response.status_code == 302
    assert Course.objects.get().teams == ["ML Platform", "Data"]


def test_engineer_sees_only_own_records(engineer):
    mine = factories.PersonFactory(user=engineer)
    course, other_course = factories.CourseFactory(title="Mine"), factories.CourseFactory(title="Theirs")
    factories.training_record(mine, course, TODAY)
    factories.training_record(factories.PersonFactory(), other_course, TODAY)
    response = client_for(engineer).get(reverse("training:my-training"))
    assert b"Mine" in response.content and b"Theirs" not in response.content


@pytest.mark.parametrize("rows", [3, 120])
def test_person_list_query_count_is_constant(officer, django_assert_max_num_queries, rows):
    factories.PersonFactory.create_batch(rows)
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("training:person-list")).status_code == 200


@pytest.mark.parametrize("rows", [3, 120])
def test_course_list_query_count_is_constant(officer, django_assert_max_num_queries, rows):
    factories.CourseFactory.create_batch(rows)
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("training:course-list")).status_code == 200


def test_officer_sees_training_panel_on_dashboard(officer, engineer):
    factories.AssetFactory(owner=engineer, holds_pii=True)
    factories.CourseFactory(title="PII handling", teams=[], audience_pii_assets=True)
    factories.PersonFactory(name="Evan Engineer", user=engineer)
    response = client_for(officer).get(reverse("dashboard"))
    assert b"Training and awareness" in response.content
    assert b"Evan Engineer: PII handling" in response.content


def test_engineer_does_not_see_training_panel(engineer):
    response = client_for(engineer).get(reverse("dashboard"))
    assert b"Training and awareness" not in response.content


def test_officer_adds_and_edits_a_person(officer):
    client = client_for(officer)
    response = client.post(reverse("training:person-create"), {
        "name": "Noor Haddad", "email": "noor@example.com", "team": "Data", "job_role": "Data scientist",
        "active": "on"})
    person = Person.objects.get(email="noor@example.com")
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    response = client.post(reverse("training:person-edit", args=[person.pk]), {
        "name": "Noor Haddad", "email": "noor@example.com", "team": "ML Platform", "job_role": ""})
    person.refresh_from_db()
    assert (person.team, person.active) == ("ML Platform", False)


def test_person_email_must_be_unique(officer):
    factories.PersonFactory(email="taken@example.com")
    response = client_for(officer).post(reverse("training:person-create"),
                                        {"name": "X", "email": "taken@example.com"})
    assert response.status_code == 200 and b"already exists" in response.content
    assert Person.objects.count() == 1


def test_person_page_lists_records_with_correction_links(officer):
    person, course = factories.PersonFactory(name="Ola"), factories.CourseFactory(title="Privacy")
    record = factories.training_record(person, course, TODAY)
    html = client_for(officer).get(person.get_absolute_url()).content.decode()
    assert "Privacy" in html and reverse("training:training-record-edit", args=[record.pk]) in html


def test_auditor_sees_a_person_without_correction_links(auditor):
    person = factories.PersonFactory()
    record = factories.training_record(person, factories.CourseFactory(), TODAY)
    html = client_for(auditor).get(person.get_absolute_url()).content.decode()
    assert reverse("training:training-record-edit", args=[record.pk]) not in html
    assert reverse("training:person-edit", args=[person.pk]) not in html


def test_correcting_the_completion_date_recomputes_expiry_and_rearms_the_reminder(officer):
    course = factories.CourseFactory(validity_months=12)
    record = factories.training_record(factories.PersonFactory(), course, datetime.date(2026, 1, 10),
                                       reminded_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC))
    response = client_for(officer).post(reverse("training:training-record-edit", args=[record.pk]), {
        "course": course.pk, "completed_on": "2026-03-10", "score": "91"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.completed_on, record.expires_on, record.score, record.reminded_at) == (
        datetime.date(2026, 3, 10), datetime.date(2027, 3, 10), 91, None)


def test_correction_refuses_a_future_date_and_changes_nothing(officer):
    course = factories.CourseFactory()
    record = factories.training_record(factories.PersonFactory(), course, datetime.date(2026, 1, 10))
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    response = client_for(officer).post(reverse("training:training-record-edit", args=[record.pk]), {
        "course": course.pk, "completed_on": future})
    assert response.status_code == 200 and b"in the future" in response.content
    record.refresh_from_db()
    assert record.completed_on == datetime.date(2026, 1, 10)


def test_correction_refuses_to_duplicate_another_record(officer):
    person, course = factories.PersonFactory(), factories.CourseFactory()
    factories.training_record(person, course, datetime.date(2026, 2, 1))
    record = factories.training_record(person, course, datetime.date(2026, 1, 10))
    response = client_for(officer).post(reverse("training:training-record-edit", args=[record.pk]), {
        "course": course.pk, "completed_on": "2026-02-01"})
    assert b"already recorded" in response.content
    record.refresh_from_db()
    assert record.completed_on == datetime.date(2026, 1, 10)


def test_officer_removes_a_record_entered_by_mistake_and_the_trail_keeps_it(officer):
    from isms.models import AuditEntry

    person = factories.PersonFactory()
    record = factories.training_record(person, factories.CourseFactory(), TODAY)
    response = client_for(officer).post(reverse("training:training-record-delete", args=[record.pk]))
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert not TrainingRecord.objects.exists()
    assert AuditEntry.objects.filter(object_pk=str(record.pk), action=AuditEntry.Action.DELETE).exists()


def test_record_form_is_prefilled_from_the_person_page(officer):
    person = factories.PersonFactory()
    url = reverse("training:training-record-create")
    html = client_for(officer).get(url, {"person": person.pk}).content.decode()
    assert f'value="{person.pk}" selected' in html
