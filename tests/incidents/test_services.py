import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from incidents import services
from incidents.models import Incident, TimelineEntry
from isms.access import can, visible
from isms.models import AuditEntry
from tests import factories


def _visible(user):
    return list(visible(Incident.objects.all(), user))


def test_event_report_by_engineer_is_visible_to_them_and_not_to_other_engineers(engineer, reported):
    other = factories.engineer(username="erin")
    assert _visible(engineer) == [reported]
    assert _visible(other) == []
    assert can(engineer, "log", reported) and not can(engineer, "change", reported)
    assert reported.timeline.get().kind == TimelineEntry.Kind.STATUS_CHANGE
    assert AuditEntry.objects.filter(object_pk=str(reported.pk), action=AuditEntry.Action.CREATE).exists()


def test_event_report_refused_to_auditors_and_outsiders(auditor, outsider):
    for user in (auditor, outsider):
        with pytest.raises(PermissionDenied):
            factories.incident(user)
    assert Incident.objects.count() == 0


def test_incident_triage_promotes_with_severity_category_and_owner(officer, engineer, reported):
    other = factories.engineer(username="erin")
    threat = factories.ThreatFactory()
    incident = services.triage_incident(reported, acting_user=officer, decision="incident", severity="high",
                                        category="data_leak", owner=other, threats=[threat])
    assert incident.status == Incident.Status.TRIAGE and incident.owner == other
    assert list(incident.threats.all()) == [threat]
    assert _visible(other) == [incident]  # the owner follows it
    assert incident.timeline.filter(kind=TimelineEntry.Kind.DECISION).exists()


def test_incident_triage_needs_severity_and_category(officer, reported):
    with pytest.raises(ValidationError) as error:
        services.triage_incident(reported, acting_user=officer, decision="incident")
    assert set(error.value.message_dict) == {"severity", "category"}
    reported.refresh_from_db()
    assert reported.status == Incident.Status.REPORTED


def test_incident_triage_dismissal_needs_a_reason(officer, reported):
    with pytest.raises(ValidationError):
        services.triage_incident(reported, acting_user=officer, decision="not_incident", reason=" ")
    event = services.triage_incident(reported, acting_user=officer, decision="not_incident",
                                     reason="Planned load test.")
    assert event.status == Incident.Status.NOT_INCIDENT and event.dismissal_reason == "Planned load test."
    with pytest.raises(ValidationError, match="already been triaged"):
        services.triage_incident(event, acting_user=officer, decision="incident", severity="low",
                                 category="other")


def test_engineer_cannot_triage_even_their_own_report(engineer, reported):
    with pytest.raises(PermissionDenied):
        services.triage_incident(reported, acting_user=engineer, decision="not_incident", reason="x")


def test_incident_update_moves_the_owner_grant_but_the_reporter_keeps_theirs(officer, engineer, incident):
    first, second = factories.engineer(username="erin"), factories.engineer(username="finn")
    incident = services.update_incident(acting_user=officer, incident=incident, owner=first)
    assert incident in _visible(first)
    services.update_incident(acting_user=officer, incident=incident, owner=second)
    assert _visible(first) == [] and _visible(second) == [incident]
    services.update_incident(acting_user=officer, incident=incident, owner=officer)
    assert _visible(engineer) == [incident]  # reported it


def test_incident_status_change_follows_the_allowed_path_and_logs_it(officer, incident):
    incident = services.change_incident_status(incident, acting_user=officer, status="contained",
                                               note="Rolled back")
    entry = incident.timeline.filter(kind=TimelineEntry.Kind.STATUS_CHANGE).last()
    assert "Triage → Contained. Rolled back" in entry.text and entry.author == officer
    with pytest.raises(ValidationError, match="cannot go from Contained to Recovered"):
        services.change_incident_status(incident, acting_user=officer, status="recovered")
    with pytest.raises(ValidationError, match="Close incident"):
        services.change_incident_status(incident, acting_user=officer, status="closed")
    incident.refresh_from_db()
    assert incident.status == "contained"


def test_incident_status_change_refused_on_an_untriaged_event(officer, reported):
    with pytest.raises(ValidationError):
        services.change_incident_status(reported, acting_user=officer, status="contained")


def _recover(incident, officer):
    for status in ("contained", "eradicated", "recovered"):
        incident = services.change_incident_status(incident, acting_user=officer, status=status)
    return incident


def test_incident_close_needs_lessons_learned_and_a_reason_for_no_corrective_action(officer, incident):
    incident = _recover(incident, officer)
    with pytest.raises(ValidationError) as error:
        services.close_incident(incident, acting_user=officer, lessons_learned="",
                                no_corrective_action_reason="")
    assert set(error.value.message_dict) == {"lessons_learned", "no_corrective_action_reason"}
    with pytest.raises(ValidationError) as error:
        services.close_incident(incident, acting_user=officer, lessons_learned="Filter outputs.")
    assert set(error.value.message_dict) == {"no_corrective_action_reason"}
    incident.refresh_from_db()
    assert incident.status == "recovered" and incident.lessons_learned == ""
    closed = services.close_incident(incident, acting_user=officer, lessons_learned="Filter outputs.",
                                     no_corrective_action_reason="The output filter already ships.")
    assert closed.status == "closed" and closed.closed_by == officer and closed.closed_at


def test_incident_close_only_once_recovered(officer, incident):
    with pytest.raises(ValidationError, match="once recovered"):
        services.close_incident(incident, acting_user=officer, lessons_learned="x",
                                no_corrective_action_reason="y")


def test_closed_incident_can_be_reopened_to_triage(officer, incident):
    incident = _recover(incident, officer)
    services.close_incident(incident, acting_user=officer, lessons_learned="x",
                            no_corrective_action_reason="y")
    reopened = services.change_incident_status(incident, acting_user=officer, status="triage",
                                               note="Recurred")
    assert reopened.status == "triage" and reopened.closed_at is None


def test_timeline_entry_by_reporter_but_not_by_other_engineers_or_auditors(engineer, auditor, incident):
    entry = services.add_timeline_entry(incident, acting_user=engineer, kind="action",
                                        text="Rotated the keys.")
    assert entry.author == engineer and entry in incident.timeline.all()
    for user in (factories.engineer(username="erin"), auditor):
        with pytest.raises(PermissionDenied):
            services.add_timeline_entry(incident, acting_user=user, kind="action", text="x")


def test_timeline_entry_cannot_fake_a_status_change_or_be_in_the_future(officer, incident):
    with pytest.raises(ValidationError):
        services.add_timeline_entry(incident, acting_user=officer, kind="status_change", text="Closed")
    with pytest.raises(ValidationError):
        services.add_timeline_entry(incident, acting_user=officer, kind="action", text="x",
                                    occurred_at=timezone.now() + datetime.timedelta(days=1))


def test_incident_risks_reopen_marks_risks_of_the_affected_assets(officer, engineer):
    asset = factories.AssetFactory(owner=officer)
    risk = factories.risk(officer, assets=[asset])
    services_risks_close(risk, officer)
    unrelated = factories.risk(officer, title="Unrelated")
    incident = factories.incident(engineer, officer=officer, assets=[asset])
    with pytest.raises(ValidationError):
        services.reopen_incident_risks(incident, acting_user=officer, risks=[unrelated])
    marks = services.reopen_incident_risks(incident, acting_user=officer, risks=[risk], note="Memorisation")
    risk.refresh_from_db()
    assert risk.status == "open" and marks[0].risk == risk and marks[0].requested_by == officer
    assert "Prompt injection exfiltrates tickets" in incident.timeline.last().text
    with pytest.raises(PermissionDenied):
        services.reopen_incident_risks(incident, acting_user=engineer, risks=[risk])


def services_risks_close(risk, officer):
    from risks.services import close_risk

    return close_risk(risk, acting_user=officer)


def test_a_nonconformity_raised_from_the_incident_replaces_the_reason_for_closing(officer, incident):
    from audits.services.nonconformities import raise_nonconformity

    incident = _recover(incident, officer)
    nc = raise_nonconformity(
        acting_user=officer, title="Outputs leak PII", source="incident", incident=incident,
                  description="Answers carried e-mail addresses.")
    closed = services.close_incident(incident, acting_user=officer, lessons_learned="Filter outputs.")
    assert closed.status == "closed" and list(closed.nonconformities.all()) == [nc]


def test_a_nonconformity_from_an_incident_must_name_it(officer):
    from audits.services.nonconformities import raise_nonconformity

    with pytest.raises(ValidationError) as error:
        raise_nonconformity(acting_user=officer, title="x", source="incident", description="d")
    assert "incident" in error.value.message_dict


def test_the_risk_page_shows_which_incident_asked_for_reassessment(officer, engineer, auditor):
    from django.urls import reverse

    from tests.conftest import client_for

    asset = factories.AssetFactory(owner=engineer)
    risk = factories.risk(officer, assets=[asset])
    incident = factories.incident(engineer, officer=officer, assets=[asset])
    services.reopen_incident_risks(incident, acting_user=officer, risks=[risk], note="Memorisation seen")
    url = reverse("risks:risk-detail", args=[risk.pk])
    for user in (officer, auditor):
        page = client_for(user).get(url).content.decode()
        assert 'data-testid="reassessments"' in page and incident.reference in page
        assert "Memorisation seen" in page
    engineer_page = client_for(engineer).get(url)
    assert engineer_page.status_code == 200 and incident.reference not in engineer_page.content.decode()


def test_a_breach_closes_only_once_every_clock_is_met_or_not_required(officer, incident):
    from django.utils import timezone

    incident = services.set_incident_breach(incident, acting_user=officer, personal_data_breach=True,
                                            aware_at=timezone.now(), high_risk=True)
    incident = _recover(incident, officer)
    clocks = list(incident.clocks.select_related("regime"))
    assert len(clocks) >= 2  # GDPR art. 33 and, for a high risk, art. 34
    close = {"acting_user": officer, "lessons_learned": "Filter outputs.",
             "no_corrective_action_reason": "The output filter already ships."}
    with pytest.raises(ValidationError) as error:
        services.close_incident(incident, **close)
    assert set(error.value.message_dict) == {"clocks"}
    assert all(clock.regime.name in error.value.message_dict["clocks"][0] for clock in clocks)
    services.record_notification(incident, acting_user=officer, recipient="Authority", sent_at=timezone.now(),
                                 content_summary="Art. 33 notification", clock=clocks[0])
    for clock in clocks[1:]:
        services.mark_clock_not_required(acting_user=officer, clock=clock,
                                    not_required_reason="Keys rotated; no risk to the people affected.")
    assert services.close_incident(incident, **close).status == "closed"
