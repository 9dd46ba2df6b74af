"""Pages: constant query counts, inline checklist editing, raising an NC, owners' updates."""

import pytest
from django.urls import reverse

from audits import services
from audits.models import Nonconformity
from tests import factories
from tests.audits import make
from tests.conftest import client_for


@pytest.mark.parametrize("count", [1, 50])
def test_audit_list_query_count_is_constant(officer, django_assert_max_num_queries, count):
    lead = factories.UserFactory(username="lead")
    for n in range(count):
        make.audit(officer, lead_auditor=lead, title=f"Audit {n}", refs=("8.28", "8.25"))
    client = client_for(officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("audits:audit-list"))
    assert response.status_code == 200 and response.content.count(b'href="/internal-audits/') >= count


@pytest.mark.parametrize("count", [1, 50])
def test_nc_list_query_count_is_constant(officer, django_assert_max_num_queries, count):
    _, item = make.audit_with_finding(officer)
    make.nonconformity(officer, checklist_item=item, source="internal_audit")
    for n in range(count):
        make.corrective_action(officer, make.nonconformity(officer, title=f"NC {n}"), owner=officer, due=-1)
    client = client_for(officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("audits:nc-list"))
    assert response.status_code == 200 and b"overdue" in response.content


@pytest.mark.parametrize("count", [1, 50])
def test_review_and_programme_lists_query_counts_are_constant(officer, django_assert_max_num_queries, count):
    for n in range(count):
        make.review(officer, date=make.today(-n), attendees=[officer], external_attendees="Dr. Keller")
        make.programme(officer, year=2000 + n)
    client = client_for(officer)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("audits:review-list")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("audits:programme-list")).status_code == 200


def test_audit_detail_query_count_is_constant(officer, django_assert_max_num_queries):
    audit = make.audit(officer, clauses=("4.1", "4.2", "5.1", "9.2", "9.3"), refs=("8.25", "8.28", "8.29"))
    client = client_for(officer)
    with django_assert_max_num_queries(20):
        assert client.get(audit.get_absolute_url()).status_code == 200


def test_nc_list_filters_by_status_source_and_overdue(officer):
    late = make.nonconformity(officer, title="Late patching")
    make.corrective_action(officer, late, owner=officer, due=-2)
    make.nonconformity(officer, title="Incident follow-up", source="incident",
                       incident=factories.incident(officer, officer=officer))
    client = client_for(officer)
    body = client.get(reverse("audits:nc-list"), {"overdue": "true"}).content.decode()
    assert "Late patching" in body and "Incident follow-up" not in body
    body = client.get(reverse("audits:nc-list"), {"source": "incident"}).content.decode()
    assert "Incident follow-up" in body and "Late patching" not in body
    body = client.get(reverse("audits:nc-list"), {"status": "open"}).content.decode()
    assert "Incident follow-up" in body and "Late patching" not in body
    closed = make.nonconformity(officer, title="Already closed")
    action = make.corrective_action(officer, closed, owner=officer)
    services.update_corrective_action(acting_user=officer, action=action, status="done")
    services.record_effectiveness_check(acting_user=officer, nonconformity=closed, effective=True)
    services.close_nonconformity(closed, acting_user=officer)
    body = client.get(reverse("audits:nc-list"), {"not_closed": "true"}).content.decode()
    assert "Incident follow-up" in body and "Late patching" in body and "Already closed" not in body


def test_officer_records_a_result_inline_with_htmx(officer):
    audit, item = make.audit_with_finding(officer, result="conforming")
    client = client_for(officer)
    url = reverse("audits:item-edit", args=[item.pk])
    form = client.get(url, headers={"HX-Request": "true"})
    assert b"<html" not in form.content and b"Save result" in form.content
    response = client.post(url, {"result": "major_nc", "notes": "No approvals", "evidence_refs": "PR 12"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200 and b"Raise nonconformity" in response.content
    item.refresh_from_db()
    assert item.result == "major_nc" and item.evidence_refs == "PR 12"


def test_raise_nonconformity_form_is_prefilled_from_the_finding(officer):
    _, item = make.audit_with_finding(officer, result="major_nc")
    response = client_for(officer).get(reverse("audits:nc-create"), {"item": item.pk})
    form = response.context["form"]
    assert form.initial["checklist_item"] == item.pk and form.initial["severity"] == "major"
    response = client_for(officer).post(reverse("audits:nc-create") + f"?item={item.pk}", {
        "title": "Unreviewed releases", "source": "internal_audit", "checklist_item": item.pk,
        "severity": "major", "description": "Two releases", "root_cause": "", "correction": ""})
    nc = Nonconformity.objects.get()
    assert response.status_code == 302 and nc.checklist_item == item


def test_invalid_independence_shows_the_conflicting_control_on_the_form(officer, engineer):
    from controls.services import update_soa_entry

    entry = factories.soa_entry("8.28")
    update_soa_entry(acting_user=officer, entry=entry, owner=engineer, applicable=True, justification="x")
    response = client_for(officer).post(reverse("audits:audit-create"), {
        "programme": make.programme(officer).pk, "title": "SDLC", "clauses": ["9.2"],
        "controls": [entry.control_id], "lead_auditor": engineer.pk,
        "planned_start": make.today(), "planned_end": make.today()})
    assert response.status_code == 200
    assert "control 8.28" in response.content.decode()


def test_engineer_owner_updates_only_the_status_of_their_action(officer, engineer):
    action = make.corrective_action(officer, owner=engineer)
    client = client_for(engineer)
    url = reverse("audits:action-edit", args=[action.pk])
    assert list(client.get(url).context["form"].fields) == ["status"]
    assert client.post(url, {"status": "done", "description": "changed"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.description != "changed"


def test_dashboard_shows_overdue_corrective_actions(officer, engineer):
    make.corrective_action(officer, owner=engineer, due=-4, description="Rebuild images weekly")
    body = client_for(engineer).get(reverse("dashboard")).content.decode()
    assert "Rebuild images weekly" in body and "1 overdue corrective action" in body


def test_auditor_sees_pages_without_edit_buttons(officer, auditor):
    audit, _ = make.audit_with_finding(officer, result="major_nc")
    body = client_for(auditor).get(audit.get_absolute_url()).content.decode()
    assert "Record result" not in body and "Raise nonconformity" not in body


def test_engineer_lead_auditor_records_results_and_others_cannot(officer, engineer):
    audit = make.audit(officer, lead_auditor=engineer)
    services.start_internal_audit(audit, acting_user=officer)
    item = audit.items.first()
    assert b"Record result" in client_for(engineer).get(audit.get_absolute_url()).content
    url = reverse("audits:item-edit", args=[item.pk])
    assert client_for(engineer).post(url, {"result": "conforming"}).status_code == 302
    item.refresh_from_db()
    assert item.result == "conforming"
    other = factories.engineer(username="priya")
    assert b"Record result" not in client_for(other).get(audit.get_absolute_url()).content
    assert client_for(other).post(url, {"result": "ofi"}).status_code == 403


def test_changing_the_lead_auditor_moves_the_grant(officer, engineer):
    from isms.access import can

    audit = make.audit(officer, lead_auditor=engineer)
    other = factories.engineer(username="priya")
    services.update_internal_audit(acting_user=officer, audit=audit, lead_auditor=other)
    item = audit.items.first()
    assert can(other, "change", item) and not can(engineer, "change", item)
