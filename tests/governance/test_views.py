"""Policy and objective pages: flows through the client, constant query counts, the panel."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Acknowledgement, Measurement, Objective, Policy, PolicyVersion
from governance.services.objectives import create_objective
from tests import factories
from tests.conftest import client_for

TODAY = timezone.localdate()


def _policies(count: int, officer) -> None:
    for i in range(count):
        policy = factories.PolicyFactory(owner=officer, title=f"P{i}",
                                         next_review_date=TODAY - datetime.timedelta(days=i % 3))
        factories.PolicyVersionFactory(policy=policy, number=1, status="approved", created_by=officer)
        factories.PolicyVersionFactory(policy=policy, number=2, created_by=officer)


def _objectives(count: int, officer) -> None:
    for i in range(count):
        objective = factories.ObjectiveFactory(owner=officer, title=f"O{i}")
        for days in range(4):
            factories.MeasurementFactory(objective=objective, value=70 + days * i % 30,
                                         date=TODAY - datetime.timedelta(days=30 * days))


@pytest.mark.parametrize("rows", [1, 60])
def test_policy_list_query_count_is_constant(officer, django_assert_max_num_queries, rows):
    _policies(rows, officer)
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:policy-list"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 60])
def test_objective_list_query_count_is_constant(officer, django_assert_max_num_queries, rows):
    _objectives(rows, officer)
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:objective-list"))
    assert response.status_code == 200
    assert response.content.count(b"<svg class=\"trend\"") == min(rows, 50)


@pytest.mark.parametrize("people", [2, 80])
def test_policy_detail_query_count_is_constant(officer, django_assert_max_num_queries, people):
    version = factories.PolicyVersionFactory(status="approved", created_by=officer)
    for person in factories.PersonFactory.create_batch(people):
        Acknowledgement.objects.create(version=version, person=person, acknowledged_on=TODAY)
    factories.PersonFactory.create_batch(people)
    client = client_for(officer)
    with django_assert_max_num_queries(14):
        response = client.get(version.policy.get_absolute_url())
    assert b"50 %" in response.content


def test_policy_list_filters_overdue(officer):
    factories.PolicyFactory(title="Late policy", next_review_date=TODAY - datetime.timedelta(days=1))
    factories.PolicyFactory(title="Fresh policy")
    response = client_for(officer).get(reverse("governance:policy-list"), {"overdue": "true"})
    assert b"Late policy" in response.content and b"Fresh policy" not in response.content
    assert b"Review overdue" in response.content


def test_policy_list_filters_status(officer):
    factories.PolicyVersionFactory(policy__title="In force", status="approved", created_by=officer)
    factories.PolicyVersionFactory(policy__title="Only a draft", created_by=officer)
    response = client_for(officer).get(reverse("governance:policy-list"), {"status": "draft"})
    assert b"Only a draft" in response.content and b"In force" not in response.content


def test_officer_creates_policy_writes_version_and_approves(officer):
    client = client_for(officer)
    response = client.post(reverse("governance:policy-create"), {
        "title": "Acceptable use of SLMs", "kind": "topic", "topic": "slm_acceptable_use",
        "owner": officer.pk, "review_interval_months": "12", "next_review_date": TODAY.isoformat()})
    policy = Policy.objects.get()
    assert response.url == reverse("governance:policyversion-create", args=[policy.pk])
    client.post(response.url, {"text": "Use approved endpoints only.", "change_summary": "First issue"})
    version = PolicyVersion.objects.get()
    response = client.post(reverse("governance:policyversion-approve", args=[version.pk]))
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.status, version.approved_by) == ("approved", officer)


def test_empty_version_shows_error_and_saves_nothing(officer):
    policy = factories.PolicyFactory()
    response = client_for(officer).post(
        reverse("governance:policyversion-create", args=[policy.pk]), {"text": "", "change_summary": "x"})
    assert response.status_code == 200
    assert b"text, a document or both" in response.content
    assert not PolicyVersion.objects.exists()


def test_approved_version_has_no_edit_page(officer):
    version = factories.PolicyVersionFactory(status="approved", created_by=officer)
    response = client_for(officer).post(reverse("governance:policyversion-edit", args=[version.pk]),
                                        {"text": "Changed"})
    assert response.status_code == 404
    assert PolicyVersion.objects.get().text == "Use approved SLM endpoints only."


def test_policy_text_is_shown_escaped(officer):
    version = factories.PolicyVersionFactory(status="approved", created_by=officer,
                                             text="<script>alert(1)</script>\nSecond line")
    content = client_for(officer).get(version.policy.get_absolute_url()).content
    assert b"<script>alert" not in content and b"&lt;script&gt;" in content
    assert b"<br>Second line" in content


def test_engineer_acknowledges_from_my_policies(officer, engineer):
    person = factories.PersonFactory(user=engineer)
    version = factories.PolicyVersionFactory(status="approved", created_by=officer)
    client = client_for(engineer)
    assert b"I have read and accept v" in client.get(reverse("governance:my-policies")).content
    response = client.post(reverse("governance:policyversion-acknowledge", args=[version.pk]))
    assert response.url == reverse("governance:my-policies")
    assert Acknowledgement.objects.get().person == person
    assert b"Acknowledged " in client.get(reverse("governance:my-policies")).content


def test_engineer_does_not_see_who_acknowledged(officer, engineer):
    version = factories.PolicyVersionFactory(status="approved", created_by=officer)
    Acknowledgement.objects.create(version=version, person=factories.PersonFactory(name="Zed Person"),
                                   acknowledged_on=TODAY)
    content = client_for(engineer).get(version.policy.get_absolute_url()).content
    assert b"Zed Person" not in content
    assert b"Zed Person" in client_for(officer).get(version.policy.get_absolute_url()).content


def test_officer_records_acknowledgements(officer):
    version = factories.PolicyVersionFactory(status="approved", created_by=officer)
    people = factories.PersonFactory.create_batch(2)
    response = client_for(officer).post(reverse("governance:acknowledgement-record", args=[version.pk]), {
        "people": [p.pk for p in people], "acknowledged_on": TODAY.isoformat()})
    assert response.status_code == 302
    assert Acknowledgement.objects.filter(version=version, recorded_by=officer).count() == 2


def test_owner_engineer_adds_measurement_through_the_page(officer, engineer):
    objective = create_objective(acting_user=officer, title="Patch CVEs", measure="Days to patch",
                                 target_value=Decimal(14), unit="days", direction="lower", owner=engineer,
                                 due_date=TODAY)
    client = client_for(engineer)
    assert b"Add measurement" in client.get(objective.get_absolute_url()).content
    response = client.post(reverse("governance:measurement-create", args=[objective.pk]),
                           {"date": TODAY.isoformat(), "value": "12", "note": "November"})
    assert response.status_code == 302
    content = client.get(objective.get_absolute_url()).content
    assert b"On target" in content and b"November" in content


def test_bad_measurement_keeps_the_input(officer):
    objective = factories.ObjectiveFactory(owner=officer)
    response = client_for(officer).post(reverse("governance:measurement-create", args=[objective.pk]),
                                        {"date": TODAY.isoformat(), "value": "lots", "note": "kept"})
    assert response.status_code == 200 and b'value="kept"' in response.content
    assert not Measurement.objects.exists()


def test_officer_measures_bound_objective_now(officer):
    objective = factories.ObjectiveFactory(owner=officer, metric="training_current")
    course = factories.CourseFactory()
    factories.training_record(factories.PersonFactory(), course, TODAY)
    response = client_for(officer).post(reverse("governance:objective-measure-now", args=[objective.pk]))
    assert response.status_code == 302
    assert objective.measurements.get().value == Decimal("100.0")


def test_officer_creates_objective_bound_to_metric(officer):
    response = client_for(officer).post(reverse("governance:objective-create"), {
        "title": "Annex A", "measure": "Share implemented", "target_value": "90", "unit": "%",
        "direction": "higher", "owner": officer.pk, "due_date": TODAY.isoformat(),
        "status": "in_progress", "metric": "annex_a_implemented"})
    assert response.status_code == 302
    assert Objective.objects.get().metric == "annex_a_implemented"


def test_dashboard_panel_lists_overdue_reviews_and_off_target(officer, engineer):
    factories.PolicyFactory(title="Stale policy", next_review_date=TODAY - datetime.timedelta(days=3))
    factories.MeasurementFactory(objective__title="Behind objective", value=40)
    factories.MeasurementFactory(objective__title="Fine objective", value=95)
    for user in (officer, engineer):
        content = client_for(user).get(reverse("dashboard")).content.decode()
        content = content.split('data-testid="panel-governance"')[1].split("</div></div></div>")[0]
        assert "Stale policy" in content and "Behind objective" in content
        assert "Fine objective" not in content


def test_outsider_sees_no_governance_panel(outsider):
    assert client_for(outsider).get(reverse("dashboard")).status_code == 403


def test_navigation_offers_policies_and_objectives(engineer):
    content = client_for(engineer).get(reverse("dashboard")).content
    assert b"My policies" in content and b"Objectives" in content


@pytest.mark.parametrize("measurements", [1, 120])
def test_objective_detail_query_count_is_constant(officer, django_assert_max_num_queries, measurements):
    objective = factories.ObjectiveFactory(owner=officer)
    for i in range(measurements):
        factories.MeasurementFactory(objective=objective, value=i, recorded_by=officer,
                                     date=TODAY - datetime.timedelta(days=i))
    client = client_for(officer)
    with django_assert_max_num_queries(10):
        response = client.get(objective.get_absolute_url())
    assert response.status_code == 200
