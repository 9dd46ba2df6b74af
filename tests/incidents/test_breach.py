"""Breach flag, clocks per regime (awareness edited later, regimes added later), notifications."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from incidents import services
from incidents.models import Notification, NotificationClock, NotificationRegime
from tests import factories

GDPR_33 = "GDPR art. 33 – supervisory authority"
GDPR_34 = "GDPR art. 34 – data subjects"


def _clocks(incident) -> dict:
    rows = NotificationClock.objects.filter(incident=incident).select_related("regime")
    return {c.regime.name: c for c in rows}


def test_default_regimes_are_seeded(db):
    regimes = {r.name: r for r in NotificationRegime.objects.all()}
    assert regimes[GDPR_33].deadline_hours == 72 and regimes[GDPR_33].recipient_kind == "authority"
    assert regimes[GDPR_34].deadline_hours is None and regimes[GDPR_34].applies_when == "high_risk"
    hipaa = regimes["HIPAA breach notification – individuals"]
    assert hipaa.deadline_hours == 1440 and not hipaa.active


def test_breach_flag_starts_the_gdpr_clock_from_awareness(breach):
    clocks = _clocks(breach)
    assert set(clocks) == {GDPR_33}  # not high risk: no art. 34 clock; HIPAA inactive
    assert clocks[GDPR_33].deadline_at == breach.aware_at + datetime.timedelta(hours=72)
    assert clocks[GDPR_33].state() == "ok"
    assert "Notification clocks started" in breach.timeline.last().text


def test_breach_needs_the_moment_of_awareness(officer, incident):
    with pytest.raises(ValidationError) as error:
        services.set_incident_breach(incident, acting_user=officer, personal_data_breach=True, aware_at=None)
    assert "aware_at" in error.value.message_dict
    assert not NotificationClock.objects.exists()


def test_aware_at_cannot_be_in_the_future(officer, incident):
    with pytest.raises(ValidationError):
        services.set_incident_breach(incident, acting_user=officer, personal_data_breach=True,
                                     aware_at=timezone.now() + datetime.timedelta(days=1))


def test_editing_aware_at_later_moves_the_deadline(officer, breach):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    corrected = datetime.datetime(2026, 10, 23, 12, 0, tzinfo=berlin)  # entered in local time
    services.set_incident_breach(breach, acting_user=officer, personal_data_breach=True, aware_at=corrected)
    clock = _clocks(breach)[GDPR_33]
    assert clock.deadline_at == datetime.datetime(2026, 10, 26, 10, 0, tzinfo=datetime.UTC)
    assert clock.state() == "red"  # long overdue now
    assert NotificationClock.objects.count() == 1  # moved, not duplicated


def test_high_risk_adds_the_data_subjects_clock_and_removing_it_drops_the_unmet_clock(officer, breach):
    services.set_incident_breach(breach, acting_user=officer, personal_data_breach=True,
                                 aware_at=breach.aware_at, high_risk=True)
    assert set(_clocks(breach)) == {GDPR_33, GDPR_34}
    assert _clocks(breach)[GDPR_34].state() == "amber"  # without undue delay
    services.set_incident_breach(breach, acting_user=officer, personal_data_breach=True,
                                 aware_at=breach.aware_at, high_risk=False)
    assert set(_clocks(breach)) == {GDPR_33}


def test_unflagging_the_breach_removes_unmet_clocks_but_keeps_met_ones(officer, breach):
    clock = _clocks(breach)[GDPR_33]
    services.record_notification(breach, acting_user=officer, clock=clock, recipient="CNIL",
                                 sent_at=timezone.now(), content_summary="Art. 33 form")
    services.set_incident_breach(breach, acting_user=officer, personal_data_breach=False, aware_at=None)
    assert list(_clocks(breach)) == [GDPR_33]


def test_regime_added_after_the_incident_started_gets_a_clock_on_open_breaches(officer, engineer, breach):
    closed = factories.incident(engineer, officer=officer, title="Old breach",
                                breach_aware_at=timezone.now() - datetime.timedelta(days=30))
    for status in ("contained", "eradicated", "recovered"):
        closed = services.change_incident_status(closed, acting_user=officer, status=status)
    for clock in closed.clocks.all():  # a breach closes once no duty to notify is left open
        services.mark_clock_not_required(acting_user=officer, clock=clock, not_required_reason="No harm.")
    services.close_incident(closed, acting_user=officer, lessons_learned="x", no_corrective_action_reason="y")
    regime = services.create_regime(acting_user=officer, name="UK ICO", recipient_kind="authority",
                                    deadline_hours=72, reminder_hours=[24])
    assert _clocks(breach)["UK ICO"].deadline_at == breach.aware_at + datetime.timedelta(hours=72)
    assert "UK ICO" not in _clocks(closed)
    services.update_regime(acting_user=officer, regime=regime, deadline_hours=48)
    assert _clocks(breach)["UK ICO"].deadline_at == breach.aware_at + datetime.timedelta(hours=48)


def test_regime_create_refused_to_engineers(engineer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_regime(acting_user=engineer, name="X", recipient_kind="other", deadline_hours=1)


def test_notification_meets_the_clock_and_stores_the_document_as_evidence(officer, breach):
    clock = _clocks(breach)[GDPR_33]
    sent = timezone.now() - datetime.timedelta(hours=1)
    note = services.record_notification(
        breach, acting_user=officer, clock=clock, recipient="Datatilsynet", sent_at=sent,
        content_summary="Nature of the breach, categories, measures.", reference="DT-2026-0042",
        document=factories.upload("notification.pdf"),
    )
    clock.refresh_from_db()
    assert clock.met_at == sent and clock.state() == "met"
    assert note.sent_by == officer and not note.is_late
    version = note.evidence.versions.get()
    assert version.files.get().original_name == "notification.pdf" and len(version.files.get().sha256) == 64
    assert "Notified Datatilsynet" in breach.timeline.get(kind="communication").text


def test_late_notification_needs_a_reason_and_nothing_is_saved_without_it(officer, engineer):
    late = factories.incident(engineer, officer=officer,
                              breach_aware_at=timezone.now() - datetime.timedelta(hours=80))
    clock = _clocks(late)[GDPR_33]
    kwargs = dict(clock=clock, recipient="CNIL", sent_at=timezone.now(), content_summary="Form",  # noqa: C408
                  document=factories.upload("late.pdf"))
    with pytest.raises(ValidationError) as error:
        services.record_notification(late, acting_user=officer, **kwargs)
    assert "late_reason" in error.value.message_dict
    assert not Notification.objects.exists()
    from evidence.models import Evidence

    assert not Evidence.objects.exists()  # the document is only stored once the record is valid
    kwargs["document"] = factories.upload("late.pdf")
    note = services.record_notification(late, acting_user=officer, late_reason="Scope unclear until day 4.",
                                        **kwargs)
    assert note.is_late and "(late: Scope unclear" in late.timeline.get(kind="communication").text


def test_engineer_cannot_record_notifications(engineer, breach):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.record_notification(breach, acting_user=engineer, recipient="x", sent_at=timezone.now(),
                                     content_summary="x")


def test_deactivating_a_regime_removes_its_unmet_clocks(officer, breach):
    regime = NotificationRegime.objects.get(code="gdpr-art33-authority")
    services.update_regime(acting_user=officer, regime=regime, active=False)
    assert _clocks(breach) == {}
    services.update_regime(acting_user=officer, regime=regime, active=True)
    assert set(_clocks(breach)) == {GDPR_33}


def test_officer_records_that_a_notification_is_not_required(officer, engineer, breach):
    clock = _clocks(breach)[GDPR_33]
    with pytest.raises(ValidationError):
        services.mark_clock_not_required(acting_user=officer, clock=clock, not_required_reason=" ")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.mark_clock_not_required(acting_user=engineer, clock=clock, not_required_reason="x")
    services.mark_clock_not_required(acting_user=officer, clock=clock,
                                not_required_reason="Encrypted data, key safe: unlikely to result in a risk.")
    clock.refresh_from_db()
    assert clock.state() == "not_required" and clock.decided_by == officer
    assert not NotificationClock.objects.running().exists()
    assert "not required: Encrypted data" in breach.timeline.last().text
    # a later edit of the breach facts keeps the documented decision
    services.set_incident_breach(breach, acting_user=officer, personal_data_breach=False, aware_at=None)
    assert list(_clocks(breach)) == [GDPR_33]
