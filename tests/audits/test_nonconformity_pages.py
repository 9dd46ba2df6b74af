"""A nonconformity worked through its pages, as a compliance team does: raise it, plan an
action, do it, check effectiveness, close; and what each role is offered and refused."""

import pytest
from django.urls import reverse

from audits.models import CorrectiveAction, EffectivenessCheck, Nonconformity
from isms.models import AuditEntry
from tests.audits import make
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _detail(user, nc) -> str:
    response = client_for(user).get(reverse("audits:nc-detail", args=[nc.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_whole_cycle_through_the_pages(officer, engineer):
    client = client_for(officer)
    raised = client.post(reverse("audits:nc-create"), {
        "title": "Releases without review", "source": "external_audit", "severity": "minor",
        "description": "Two releases shipped without review."})
    assert raised.status_code == 302
    nc = Nonconformity.objects.get(title="Releases without review")
    planned = client.post(reverse("audits:action-create", args=[nc.pk]), {
        "description": "Require review on the release branch.", "owner": engineer.pk,
        "due_date": make.today(14).isoformat(), "status": "open"})
    assert planned.status_code == 302
    action = CorrectiveAction.objects.get(nonconformity=nc)
    edit = reverse("audits:action-edit", args=[action.pk])
    assert client_for(engineer).post(edit, {"status": "done"}).status_code == 302
    nc.refresh_from_db()
    assert nc.status == Nonconformity.Status.AWAITING_CHECK
    checked = client.post(reverse("audits:check-create", args=[nc.pk]),
                          {"effective": "yes", "notes": "No unreviewed release since."})
    assert checked.status_code == 302
    closed = client.post(reverse("audits:nc-close", args=[nc.pk]))
    assert closed.status_code == 302
    nc.refresh_from_db()
    assert nc.status == Nonconformity.Status.CLOSED and nc.closed_by == officer
    assert "closed by" in _detail(officer, nc)
    changed = set(AuditEntry.objects.filter(object_repr__contains="Releases without review")
                  .values_list("action", flat=True))
    assert {AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE} <= changed


def test_closing_too_early_says_why_and_changes_nothing(officer):
    nc = make.nonconformity(officer)
    response = client_for(officer).post(reverse("audits:nc-close", args=[nc.pk]), follow=True)
    html = response.content.decode()
    assert "Plan at least one corrective action." in html
    nc.refresh_from_db()
    assert nc.status == Nonconformity.Status.OPEN and nc.closed_at is None


def test_the_page_lists_what_blocks_closing(officer, engineer):
    nc = make.nonconformity(officer)
    make.corrective_action(officer, nc, owner=engineer)
    html = _detail(officer, nc)
    assert 'data-testid="close-blockers"' in html
    assert "1 corrective action(s) not done." in html
    assert "Record an effectiveness check first." in html


def test_an_effectiveness_check_is_offered_only_when_the_actions_are_done(officer, engineer):
    nc = make.nonconformity(officer)
    action = make.corrective_action(officer, nc, owner=engineer)
    check_url = reverse("audits:check-create", args=[nc.pk])
    assert check_url not in _detail(officer, nc)
    from audits.services import update_corrective_action

    update_corrective_action(action, acting_user=engineer, status="done")
    assert check_url in _detail(officer, nc)


def test_an_ineffective_check_without_a_reason_is_refused(officer, engineer):
    nc = make.nonconformity(officer)
    action = make.corrective_action(officer, nc, owner=engineer)
    from audits.services import update_corrective_action

    update_corrective_action(action, acting_user=engineer, status="done")
    response = client_for(officer).post(reverse("audits:check-create", args=[nc.pk]),
                                        {"effective": "no", "notes": ""})
    assert response.status_code == 200  # the form again, with the reason asked for
    assert "Say why the actions were not effective." in response.content.decode()
    assert not EffectivenessCheck.objects.exists()


def test_an_engineer_sees_no_buttons_and_is_refused_every_change(officer, engineer):
    nc = make.nonconformity(officer)
    html = _detail(engineer, nc)
    assert reverse("audits:nc-edit", args=[nc.pk]) not in html
    assert reverse("audits:nc-close", args=[nc.pk]) not in html
    client = client_for(engineer)
    assert client.post(reverse("audits:nc-close", args=[nc.pk])).status_code == 403
    assert client.post(reverse("audits:action-create", args=[nc.pk]), {
        "description": "x", "owner": engineer.pk, "due_date": make.today(3).isoformat(),
        "status": "open"}).status_code == 403
    assert not CorrectiveAction.objects.exists()


def test_an_auditor_reads_everything_and_changes_nothing(officer, auditor, engineer):
    nc = make.nonconformity(officer)
    action = make.corrective_action(officer, nc, owner=engineer)
    html = _detail(auditor, nc)
    assert nc.title in html and "Require review on the release branch." in html
    client = client_for(auditor)
    for url, data in [
        (reverse("audits:nc-close", args=[nc.pk]), {}),
        (reverse("audits:nc-edit", args=[nc.pk]), {"title": "changed"}),
        (reverse("audits:action-edit", args=[action.pk]), {"status": "done"}),
        (reverse("audits:check-create", args=[nc.pk]), {"effective": "yes"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    nc.refresh_from_db()
    action.refresh_from_db()
    assert nc.title == "Releases without review" and action.status != "done"


def test_auditors_are_never_offered_as_action_owners(officer, auditor):
    nc = make.nonconformity(officer)
    form = client_for(officer).get(reverse("audits:action-create", args=[nc.pk])).content.decode()
    assert f'<option value="{officer.pk}"' in form
    assert f'<option value="{auditor.pk}"' not in form


def test_a_closed_nonconformity_offers_no_more_changes(officer, engineer):
    nc = make.nonconformity(officer)
    action = make.corrective_action(officer, nc, owner=engineer)
    from audits.services import close_nonconformity, record_effectiveness_check, update_corrective_action

    update_corrective_action(action, acting_user=engineer, status="done")
    record_effectiveness_check(nc, acting_user=officer, effective=True, notes="ok")
    close_nonconformity(nc, acting_user=officer)
    html = _detail(officer, nc)
    assert reverse("audits:nc-close", args=[nc.pk]) not in html
    assert reverse("audits:action-create", args=[nc.pk]) not in html


def test_the_list_filters_by_status(officer):
    make.nonconformity(officer, title="still-open")
    html = client_for(officer).get(reverse("audits:nc-list"), {"status": "closed"}).content.decode()
    assert "still-open" not in html
    assert "still-open" in client_for(officer).get(reverse("audits:nc-list")).content.decode()
