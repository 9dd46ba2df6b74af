"""Deciding the Statement of Applicability through its pages: who may, what is kept, what is
refused (nothing written) and what the audit trail records."""

import datetime

import pytest
from django.urls import reverse

from controls.models import SoAEntry
from controls.services import update_soa_entry
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for
from tests.factories import soa_entry

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _edit(entry) -> str:
    return reverse("controls:soa-edit", args=[entry.pk])


def _form(**overrides) -> dict:
    data = {"applicable": "true", "justification": "Endpoints face the internet.",
            "implementation_status": "not_started", "implementation": "", "last_reviewed": ""}
    return {**data, **overrides}


def _updates(entry):
    return AuditEntry.objects.get_for_object(entry).filter(action=AuditEntry.Action.UPDATE)


# --- who may decide ---------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("engineer", 403), ("auditor", 403)])
def test_roles_other_than_officer_cannot_post_a_decision(personas, role, status):
    entry = soa_entry("5.7")
    response = client_for(personas[role]).post(_edit(entry), _form())
    assert response.status_code == status
    entry.refresh_from_db()
    assert entry.applicable is None and not _updates(entry).exists()


def test_anonymous_is_sent_to_log_in_and_nothing_changes(client):
    entry = soa_entry("5.7")
    response = client.post(_edit(entry), _form())
    assert response.status_code == 302 and "login" in response.url
    assert soa_entry("5.7").applicable is None


def test_auditor_whose_engagement_ended_is_signed_out(auditor_ended):
    response = client_for(auditor_ended).post(_edit(soa_entry("5.7")), _form())
    assert response.status_code == 302 and "login" in response.url
    assert soa_entry("5.7").applicable is None


def test_engineer_assigned_to_a_control_still_cannot_change_its_decision(officer, engineer):
    entry = update_soa_entry(soa_entry("8.8"), acting_user=officer, assignees=[engineer])
    response = client_for(engineer).post(_edit(entry), _form(implementation_status="implemented"))
    assert response.status_code == 403
    assert soa_entry("8.8").implementation_status == SoAEntry.Status.NOT_STARTED


def test_superuser_may_decide(db):
    admin = factories.UserFactory(username="root", is_superuser=True)
    response = client_for(admin).post(_edit(soa_entry("5.7")), _form())
    assert response.status_code == 302 and soa_entry("5.7").applicable is True


# --- applicability and justification ----------------------------------------------------------


def test_officer_excludes_a_control_with_a_justification(officer):
    entry = soa_entry("7.4")
    client_for(officer).post(_edit(entry), _form(applicable="false",
                                                  justification="No premises of our own to monitor."))
    entry.refresh_from_db()
    assert entry.applicable is False and entry.justification == "No premises of our own to monitor."
    assert entry.status_label == "Excluded"


def test_officer_includes_a_control_and_sets_its_status(officer):
    entry = soa_entry("8.16")
    client_for(officer).post(_edit(entry), _form(implementation_status="planned",
                                                  implementation="Alert on prompt-injection signatures."))
    entry.refresh_from_db()
    assert entry.applicable is True and entry.status_label == "Planned"
    assert entry.implementation == "Alert on prompt-injection signatures."


def test_a_justification_of_blanks_is_refused_and_nothing_is_saved(officer):
    entry = soa_entry("8.16")
    response = client_for(officer).post(_edit(entry), _form(justification="   \n  "), **HTMX)
    assert response.status_code == 200
    assert "Give a justification for including this control." in response.content.decode()
    assert soa_entry("8.16").applicable is None and not _updates(entry).exists()


def test_excluding_without_a_justification_says_so(officer):
    response = client_for(officer).post(_edit(soa_entry("7.4")), _form(applicable="false", justification=""))
    assert "Give a justification for excluding this control." in response.content.decode()
    assert soa_entry("7.4").applicable is None


def test_justification_is_saved_without_surrounding_blanks(officer):
    client_for(officer).post(_edit(soa_entry("5.9")), _form(justification="  Inventory of SLM assets.  \n"))
    assert soa_entry("5.9").justification == "Inventory of SLM assets."


def test_a_decision_may_be_taken_back_to_undecided(officer):
    entry = update_soa_entry(soa_entry("5.9"), acting_user=officer, applicable=True, justification="Needed")
    client_for(officer).post(_edit(entry), _form(applicable="unknown", justification=""))
    entry.refresh_from_db()
    assert entry.applicable is None and entry.applicability_label == "Undecided"


def test_excluded_control_keeps_its_status_and_shows_it_again_once_included(officer):
    entry = update_soa_entry(soa_entry("7.12"), acting_user=officer, applicable=True,
                             justification="Racks", implementation_status="partial")
    update_soa_entry(entry, acting_user=officer, applicable=False, justification="Cloud only now")
    assert soa_entry("7.12").status_label == "Excluded"
    update_soa_entry(entry, acting_user=officer, applicable=True, justification="Back on premises")
    assert soa_entry("7.12").status_label == "Partially implemented"


@pytest.mark.parametrize("status", ["done", "", "IMPLEMENTED"])
def test_an_unknown_implementation_status_is_refused(officer, status):
    entry = soa_entry("8.9")
    response = client_for(officer).post(_edit(entry), _form(implementation_status=status))
    assert response.status_code == 200 and response.context["form"].errors["implementation_status"]
    assert soa_entry("8.9").applicable is None


def test_a_malformed_review_date_is_refused(officer):
    response = client_for(officer).post(_edit(soa_entry("8.9")), _form(last_reviewed="2026-13-45"))
    assert response.context["form"].errors["last_reviewed"]
    assert soa_entry("8.9").applicable is None


def test_review_date_is_saved(officer):
    client_for(officer).post(_edit(soa_entry("8.9")), _form(last_reviewed="2026-06-30"))
    assert soa_entry("8.9").last_reviewed == datetime.date(2026, 6, 30)


@pytest.mark.parametrize("status", ["not_started", "planned", "partial", "implemented"])
def test_officer_moves_a_control_through_every_status(officer, status):
    client_for(officer).post(_edit(soa_entry("5.23")), _form(implementation_status=status))
    assert soa_entry("5.23").implementation_status == status


# --- owner and assignees ----------------------------------------------------------------------


def test_an_auditor_cannot_be_made_owner(officer, auditor):
    response = client_for(officer).post(_edit(soa_entry("5.2")), _form(owner=auditor.pk))
    assert response.context["form"].errors["owner"]
    assert soa_entry("5.2").owner is None


def test_only_engineers_can_be_assigned(officer, auditor):
    response = client_for(officer).post(_edit(soa_entry("5.2")), _form(assignees=[officer.pk]))
    assert response.context["form"].errors["assignees"]
    response = client_for(officer).post(_edit(soa_entry("5.2")), _form(assignees=[auditor.pk]))
    assert response.context["form"].errors["assignees"]
    assert not soa_entry("5.2").assignees.exists()


def test_assigning_through_the_page_lets_the_engineer_attach_evidence(officer, engineer):
    from isms.access import may_attach_evidence

    control = soa_entry("8.25").control
    assert not may_attach_evidence(engineer, control)
    client_for(officer).post(_edit(soa_entry("8.25")), _form(assignees=[engineer.pk], owner=officer.pk))
    fresh = factories.engineer(username=engineer.username)  # permissions are cached per user object
    assert may_attach_evidence(fresh, soa_entry("8.25").control)
    assert soa_entry("8.25").owner == officer


def test_unassigning_through_the_page_takes_evidence_attachment_away(officer, engineer):
    from isms.access import may_attach_evidence

    update_soa_entry(soa_entry("8.25"), acting_user=officer, assignees=[engineer])
    client_for(officer).post(_edit(soa_entry("8.25")), _form(assignees=[]))
    fresh = factories.engineer(username=engineer.username)
    assert not may_attach_evidence(fresh, soa_entry("8.25").control)


# --- the audit trail --------------------------------------------------------------------------


def test_a_decision_is_audited_with_the_officer_and_the_changed_fields(officer):
    entry = soa_entry("5.15")
    client_for(officer).post(_edit(entry), _form(applicable="false", justification="Handled by IdP vendor"))
    update = _updates(entry).get()
    assert update.actor == officer
    assert str(update.changes_dict["applicable"][1]) == "False"
    assert update.changes_dict["justification"] == ["", "Handled by IdP vendor"]


def test_assigning_an_engineer_is_audited_on_the_soa_entry(officer, engineer):
    entry = soa_entry("5.15")
    client_for(officer).post(_edit(entry), _form(assignees=[engineer.pk]))
    changes = [e.changes_dict for e in _updates(entry)]
    assert any("assignees" in c and c["assignees"]["operation"] == "add" for c in changes)


def test_mapping_an_asset_is_audited_on_the_soa_entry(officer):
    asset = factories.AssetFactory(name="support-endpoint")
    entry = soa_entry("8.20")
    client_for(officer).post(_edit(entry), _form(assets=[asset.pk]))
    changes = [e.changes_dict for e in _updates(entry)]
    assert any(c.get("assets", {}).get("objects") == ["support-endpoint"] for c in changes)


def test_saving_without_a_change_writes_no_update_entry(officer):
    entry = update_soa_entry(soa_entry("5.15"), acting_user=officer, applicable=True, justification="Needed")
    before = _updates(entry).count()
    update_soa_entry(entry, acting_user=officer, applicable=True, justification="Needed")
    assert _updates(entry).count() == before


# --- the pages show the decision --------------------------------------------------------------


def test_the_saved_row_shows_the_decision_to_readers(officer, engineer):
    update_soa_entry(soa_entry("7.12"), acting_user=officer, applicable=False,
                     justification="Cloud hosted: no cabling of ours.")
    html = client_for(engineer).get(reverse("controls:soa-list"), {"theme": "physical"}).content.decode()
    assert "Cloud hosted: no cabling of ours." in html and "Excluded" in html


def test_the_row_of_an_unknown_entry_is_404(officer):
    assert client_for(officer).get(reverse("controls:soa-row", args=[999999]), **HTMX).status_code == 404
    assert client_for(officer).post(reverse("controls:soa-edit", args=[999999]), _form()).status_code == 404


def test_readers_get_the_display_row_back_for_cancel(engineer):
    response = client_for(engineer).get(reverse("controls:soa-row", args=[soa_entry("5.1").pk]), **HTMX)
    assert response.status_code == 200 and b">Edit<" not in response.content
