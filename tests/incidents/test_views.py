import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models import Incident, Notification, NotificationClock, NotificationRegime
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_engineer_reports_an_event_and_the_audit_trail_names_them(engineer):
    asset = factories.AssetFactory(owner=engineer, holds_pii=True, pii_categories=["contact"])
    response = client_for(engineer).post(reverse("incidents:event-report"), {
        "title": "Weights found on a public bucket", "description": "Found by a researcher.",
        "detected_at": _local(timezone.now()), "detection_method": "External report", "assets": [asset.pk],
    })
    incident = Incident.objects.get()
    assert response.status_code == 302 and response.url == incident.get_absolute_url()
    assert incident.reported_by == engineer and incident.status == "reported"
    assert incident.data_categories == ["contact"]
    entry = AuditEntry.objects.get(object_pk=str(incident.pk), action=AuditEntry.Action.CREATE,
                                   content_type__model="incident")
    assert entry.actor == engineer


def test_report_with_missing_fields_shows_errors_and_saves_nothing(engineer):
    response = client_for(engineer).post(reverse("incidents:event-report"), {"title": "x"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Incident.objects.exists()


def test_engineer_cannot_see_an_incident_they_neither_reported_nor_own(engineer, officer):
    other = factories.incident(officer, officer=officer, title="Officer's own")
    mine = factories.incident(engineer, title="Mine")
    client = client_for(engineer)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(reverse("incidents:timeline-add", args=[other.pk]),
                       {"kind": "action", "text": "x"}).status_code == 404
    page = client.get(reverse("incidents:incident-list"))
    assert list(page.context["object_list"]) == [mine]


def test_engineer_owner_adds_a_timeline_entry(engineer, officer):
    owner = factories.engineer(username="erin")
    incident = factories.incident(officer, officer=officer)
    from incidents.services import update_incident

    update_incident(acting_user=officer, incident=incident, owner=owner)
    response = client_for(owner).post(reverse("incidents:timeline-add", args=[incident.pk]), {
        "occurred_at": _local(timezone.now()), "kind": "communication", "text": "Told the vendor."})
    assert response.status_code == 302
    assert incident.timeline.filter(author=owner, text="Told the vendor.").exists()


def test_auditor_reads_the_incident_but_cannot_add_to_it(auditor, incident):
    client = client_for(auditor)
    assert client.get(incident.get_absolute_url()).status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=auditor,
                                     object_pk=str(incident.pk)).exists()
    before = incident.timeline.count()
    url = reverse("incidents:timeline-add", args=[incident.pk])
    response = client.post(url, {"kind": "action", "text": "x"})
    assert response.status_code == 403 and incident.timeline.count() == before


def test_officer_triages_changes_status_and_cannot_close_without_lessons(officer, reported):
    client = client_for(officer)
    response = client.post(reverse("incidents:incident-triage", args=[reported.pk]), {
        "decision": "incident", "severity": "critical", "category": "model_theft"})
    assert response.status_code == 302
    for status in ("contained", "eradicated", "recovered"):
        client.post(reverse("incidents:incident-status", args=[reported.pk]), {"status": status})
    reported.refresh_from_db()
    assert reported.status == "recovered" and reported.owner == officer
    response = client.post(reverse("incidents:incident-close", args=[reported.pk]), {"lessons_learned": "x"})
    assert response.status_code == 200
    assert "Raise a nonconformity for the corrective action, or say why none" in response.content.decode()
    reported.refresh_from_db()
    assert reported.status == "recovered"
    response = client.post(reverse("incidents:incident-close", args=[reported.pk]), {
        "lessons_learned": "Scan buckets daily.", "no_corrective_action_reason": "Scanner exists."})
    reported.refresh_from_db()
    assert response.status_code == 302 and reported.status == "closed"


def test_status_form_offers_only_allowed_moves(officer, incident):
    response = client_for(officer).post(reverse("incidents:incident-status", args=[incident.pk]),
                                        {"status": "recovered"})
    assert response.status_code == 200 and "status" in response.context["form"].errors


def test_breach_form_reads_aware_at_in_the_isms_time_zone(officer, incident, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    response = client_for(officer).post(reverse("incidents:incident-breach", args=[incident.pk]), {
        "personal_data_breach": "on", "aware_at": "2026-10-23T12:00", "high_risk": "on"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.aware_at == datetime.datetime(2026, 10, 23, 10, 0, tzinfo=datetime.UTC)
    gdpr = NotificationClock.objects.get(incident=incident, regime__code="gdpr-art33-authority")
    assert gdpr.deadline_at == datetime.datetime(2026, 10, 26, 10, 0, tzinfo=datetime.UTC)
    page = client_for(officer).get(incident.get_absolute_url()).content.decode()
    assert "2026-10-26 11:00 CET" in page and "overdue by" in page  # shown in local time, after DST
    assert "2026-10-23 10:00 UTC" in page  # the moment of awareness in UTC too


def test_late_notification_without_reason_is_refused_on_the_form(officer, engineer):
    late = factories.incident(engineer, officer=officer,
                              breach_aware_at=timezone.now() - datetime.timedelta(hours=80))
    clock = NotificationClock.objects.get(incident=late)
    data = {"clock": clock.pk, "recipient": "CNIL", "sent_at": _local(timezone.now()),
            "content_summary": "Form", "document": factories.upload("n.pdf")}
    response = client_for(officer).post(reverse("incidents:notification-add", args=[late.pk]), data)
    assert response.status_code == 200 and "late_reason" in response.context["form"].errors
    assert not Notification.objects.exists()
    data |= {"late_reason": "Forensics took four days.", "document": factories.upload("n.pdf")}
    response = client_for(officer).post(reverse("incidents:notification-add", args=[late.pk]), data)
    assert response.status_code == 302
    assert Notification.objects.get().evidence.title.startswith(late.reference)


def test_register_filters_breach_and_overdue_clock(officer, engineer):
    plain = factories.incident(engineer, officer=officer, title="Plain")
    overdue = factories.incident(engineer, officer=officer, title="Overdue",
                                 breach_aware_at=timezone.now() - datetime.timedelta(hours=80))
    running = factories.incident(engineer, officer=officer, title="Running",
                                 breach_aware_at=timezone.now() - datetime.timedelta(hours=1))
    client, url = client_for(officer), reverse("incidents:incident-list")
    assert set(client.get(url, {"breach": "true"}).context["object_list"]) == {overdue, running}
    assert list(client.get(url, {"overdue": "true"}).context["object_list"]) == [overdue]
    assert plain in client.get(url, {"status": "triage"}).context["object_list"]


def test_csv_export_lists_the_filtered_incidents_with_their_clocks(officer, engineer):
    factories.incident(engineer, officer=officer, title="Leaky endpoint",
                       breach_aware_at=timezone.now() - datetime.timedelta(hours=1))
    factories.incident(engineer, title="Untriaged")
    response = client_for(officer).get(reverse("incidents:incident-export"), {"breach": "true"})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Leaky endpoint" in body and "Untriaged" not in body and "GDPR art. 33" in body


@pytest.mark.parametrize("rows", [1, 50])
def test_register_query_count_is_constant(officer, engineer, django_assert_max_num_queries, rows):
    asset = factories.AssetFactory(owner=officer)
    for i in range(rows):
        factories.incident(engineer, officer=officer, title=f"Incident {i}", assets=[asset],
                           breach_aware_at=timezone.now() - datetime.timedelta(hours=2))
    client = client_for(officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("incidents:incident-list"))
    assert response.status_code == 200 and len(response.context["object_list"]) == rows


def test_officer_adds_a_regime_with_reminder_points(officer, breach):
    response = client_for(officer).post(reverse("incidents:regime-create"), {
        "name": "UK ICO", "recipient_kind": "authority", "deadline_hours": "72", "applies_when": "always",
        "reminder_hours": "6, 48 ,24", "active": "on"})
    assert response.status_code == 302
    regime = NotificationRegime.objects.get(name="UK ICO")
    assert regime.reminder_hours == [48, 24, 6]
    assert NotificationClock.objects.filter(incident=breach, regime=regime).exists()


def test_regime_form_rejects_bad_reminder_points(officer):
    response = client_for(officer).post(reverse("incidents:regime-create"), {
        "name": "Bad", "recipient_kind": "authority", "applies_when": "always", "reminder_hours": "two days"})
    assert response.status_code == 200 and "reminder_hours" in response.context["form"].errors


def test_reopen_related_risks_page_lists_risks_of_the_affected_assets(officer, engineer):
    asset = factories.AssetFactory(owner=officer)
    risk = factories.risk(officer, assets=[asset], title="Memorised tickets")
    incident = factories.incident(engineer, officer=officer, assets=[asset])
    client = client_for(officer)
    assert "Memorised tickets" in client.get(reverse("incidents:incident-risks-reopen",
                                                     args=[incident.pk])).content.decode()
    url = reverse("incidents:incident-risks-reopen", args=[incident.pk])
    response = client.post(url, {"risks": [risk.pk]})
    assert response.status_code == 302 and incident.risk_reviews.get().risk == risk


def test_dashboard_shows_breach_clocks_red_and_amber(officer, engineer):
    factories.incident(engineer, officer=officer, title="Red one",
                       breach_aware_at=timezone.now() - datetime.timedelta(hours=75))
    factories.incident(engineer, officer=officer, title="Amber one",
                       breach_aware_at=timezone.now() - datetime.timedelta(hours=60))
    page = client_for(officer).get(reverse("dashboard")).content.decode()
    assert "text-bg-danger" in page and "overdue by 3 h" in page
    assert "text-bg-warning" in page and "1 overdue clock" in page
    # An engineer sees the clocks of the incidents they reported only.
    other = factories.engineer(username="erin")
    assert "overdue by" not in client_for(other).get(reverse("dashboard")).content.decode()


def test_menu_shows_incidents_to_engineers_but_regimes_only_to_officers_and_auditors(engineer, officer):
    engineer_page = client_for(engineer).get(reverse("dashboard")).content.decode()
    officer_page = client_for(officer).get(reverse("dashboard")).content.decode()
    assert reverse("incidents:incident-list") in engineer_page
    assert reverse("incidents:regime-list") not in engineer_page
    assert reverse("incidents:regime-list") in officer_page


def test_officer_marks_a_clock_not_required_from_the_incident_page(officer, breach):
    clock = NotificationClock.objects.get(incident=breach)
    client = client_for(officer)
    assert reverse("incidents:clock-not-required", args=[clock.pk]) in client.get(
        breach.get_absolute_url()).content.decode()
    url = reverse("incidents:clock-not-required", args=[clock.pk])
    assert client.post(url, {"not_required_reason": ""}).status_code == 200
    response = client.post(url, {"not_required_reason": "Unlikely to result in a risk."})
    assert response.status_code == 302 and response.url == breach.get_absolute_url()
    clock.refresh_from_db()
    assert clock.state() == "not_required"


def test_raise_nonconformity_from_the_incident_page_prefills_the_form(officer, incident):
    client = client_for(officer)
    page = client.get(incident.get_absolute_url()).content.decode()
    link = f"{reverse('audits:nc-create')}?incident={incident.pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert f'value="{incident.pk}" selected' in form and incident.reference in form
