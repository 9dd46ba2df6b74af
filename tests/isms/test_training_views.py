"""Training pages (issue #8)."""

import datetime

import pytest
from django.urls import reverse

from isms.models import Asset, Course, Person, TrainingRecord
from isms.services.training import expiry_of
from tests import factories
from tests.conftest import client_for

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
    with django_assert_max_num_queries(12):
        response = client.get(reverse("training-matrix"))
    assert response.status_code == 200


def test_officer_can_filter_matrix_by_team(officer):
    factories.CourseFactory(teams=["Data", "ML Platform"])
    factories.PersonFactory(name="Dana", team="Data")
    factories.PersonFactory(name="Mo", team="ML Platform")
    response = client_for(officer).get(reverse("training-matrix"), {"team": "Data"})
    assert b"Dana" in response.content and b"Mo<" not in response.content


def test_officer_can_record_training(officer):
    person, course = factories.PersonFactory(), factories.CourseFactory()
    response = client_for(officer).post(reverse("training-record-create"), {
        "person": person.pk, "course": course.pk, "completed_on": TODAY.isoformat(), "score": "80"})
    assert response.status_code == 302
    assert TrainingRecord.objects.get().score == 80


def test_officer_can_create_course(officer):
    response = client_for(officer).post(reverse("course-create"), {
        "title": "Prompt injection 101", "topic": "secure_slm_development", "validity_months": "12",
        "teams": "ML Platform, Data", "job_roles": ""})
    assert response.status_code == 302
    assert Course.objects.get().teams == ["ML Platform", "Data"]


def test_engineer_sees_only_own_records(engineer):
    mine = factories.PersonFactory(user=engineer)
    course, other_course = factories.CourseFactory(title="Mine"), factories.CourseFactory(title="Theirs")
    factories.training_record(mine, course, TODAY)
    factories.training_record(factories.PersonFactory(), other_course, TODAY)
    response = client_for(engineer).get(reverse("my-training"))
    assert b"Mine" in response.content and b"Theirs" not in response.content


@pytest.mark.parametrize("rows", [3, 120])
def test_person_list_query_count_is_constant(officer, django_assert_max_num_queries, rows):
    factories.PersonFactory.create_batch(rows)
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("person-list")).status_code == 200


@pytest.mark.parametrize("rows", [3, 120])
def test_course_list_query_count_is_constant(officer, django_assert_max_num_queries, rows):
    factories.CourseFactory.create_batch(rows)
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("course-list")).status_code == 200


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
