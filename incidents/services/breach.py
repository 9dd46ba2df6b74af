"""Personal-data breaches: the breach flag, the notification clocks per regime, the regimes
themselves and the notifications made."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from evidence.services import create_evidence
from incidents import clocks
from incidents.models import Incident, Notification, NotificationClock, NotificationRegime, TimelineEntry
from incidents.services.common import log
from isms.access import require
from isms.models import User


def clocks_sync(incident: Incident) -> list[NotificationClock]:
    """Make the incident's clocks match its breach facts and the active regimes: one clock per
    applicable regime, deadlines from aware_at. Clocks already met are kept as they are; unmet
    clocks that no longer apply are removed. Closed incidents are left alone."""
    if not incident.is_open:
        return list(incident.clocks.all())
    existing = {c.regime_id: c for c in incident.clocks.select_related("regime")}
    wanted = set()
    if incident.personal_data_breach and incident.aware_at:
        for regime in NotificationRegime.objects.active():
            if not regime.applies_to(incident):
                continue
            wanted.add(regime.pk)
            clock = existing.get(regime.pk) or NotificationClock(incident=incident, regime=regime)
            due = clocks.deadline(incident.aware_at, regime.deadline_hours)
            if clock.pk is None or clock.deadline_at != due:
                clock.deadline_at = due
                clock.full_clean(validate_constraints=False)
                clock.save()
            existing[regime.pk] = clock
    for regime_id, clock in list(existing.items()):
        if regime_id not in wanted and clock.met_at is None and not clock.not_required_reason and clock.pk:
            clock.delete()
            del existing[regime_id]
    return list(existing.values())


@transaction.atomic
def set_incident_breach(
    incident: Incident,
    *,
    acting_user: User,
    personal_data_breach: bool,
    aware_at: datetime.datetime | None,
    high_risk: bool = False,
    subjects_affected: int | None = None,
) -> Incident:
    """Flag (or unflag) a personal-data breach and set the moment of awareness; the clocks
    start, or move when aware_at is corrected later."""
    require(acting_user, "change", incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    before = (incident.personal_data_breach, incident.aware_at, incident.high_risk)
    incident.personal_data_breach, incident.aware_at = personal_data_breach, aware_at
    incident.high_risk, incident.subjects_affected = high_risk, subjects_affected
    incident.full_clean()
    incident.save()
    clocks_sync(incident)
    after = (incident.personal_data_breach, incident.aware_at, incident.high_risk)
    if before != after:
        if not personal_data_breach:
            text = "Not a personal-data breach."
        else:
            local = timezone.localtime(aware_at)
            text = (f"Personal-data breach; aware at {local:%Y-%m-%d %H:%M %Z}"
                    f"{', high risk to people' if high_risk else ''}. Notification clocks "
                    f"{'moved' if before[0] else 'started'}.")
        log(incident, author=acting_user, kind=TimelineEntry.Kind.DECISION, text=text)
    return incident


def _open_breaches():
    return Incident.objects.breaches().exclude(status__in=Incident.FINISHED)


@transaction.atomic
def create_regime(*, acting_user: User, **fields) -> NotificationRegime:
    """A custom regime; open breaches it applies to get their clock at once."""
    require(acting_user, "add", NotificationRegime)
    regime = NotificationRegime(**fields)
    regime.full_clean()
    regime.save()
    for incident in _open_breaches():
        clocks_sync(incident)
    return regime


@transaction.atomic
def update_regime(regime: NotificationRegime, *, acting_user: User, **fields) -> NotificationRegime:
    """Change a regime; the running clocks of open breaches follow (met ones stay as they were)."""
    require(acting_user, "change", regime)
    for name, value in fields.items():
        setattr(regime, name, value)
    regime.full_clean()
    regime.save()
    for incident in _open_breaches():
        clocks_sync(incident)
    return regime


@transaction.atomic
def mark_clock_not_required(
    clock: NotificationClock, *, acting_user: User, not_required_reason: str
) -> NotificationClock:
    """Record the decision that a regime's notification is not required (e.g. the breach is
    unlikely to result in a risk to people); the clock stops and the reason is kept."""
    require(acting_user, "change", clock.incident)
    if clock.met_at is not None:
        raise ValidationError("A notification was already made under this regime.")
    if not not_required_reason.strip():
        raise ValidationError({"not_required_reason": "Say why no notification is required."})
    clock.not_required_reason = not_required_reason
    clock.decided_by, clock.decided_at = acting_user, timezone.now()
    clock.full_clean()
    clock.save()
    log(clock.incident, author=acting_user, kind=TimelineEntry.Kind.DECISION,
        text=f"Notification under {clock.regime} not required: {not_required_reason}")
    return clock


@transaction.atomic
def record_notification(
    incident: Incident,
    *,
    acting_user: User,
    recipient: str,
    sent_at: datetime.datetime,
    content_summary: str,
    clock: NotificationClock | None = None,
    sent_by=None,
    reference: str = "",
    late_reason: str = "",
    document=None,
) -> Notification:
    """Record a notification made; its document is stored as evidence. Made for a regime's
    clock, it meets the clock; after the deadline it needs a reason."""
    require(acting_user, "change", incident)
    notification = Notification(
        incident=incident, clock=clock, recipient=recipient, sent_at=sent_at,
        sent_by=sent_by or acting_user, content_summary=content_summary, reference=reference,
        late_reason=late_reason, recorded_by=acting_user,
    )
    notification.full_clean(exclude=["evidence"])
    if document is not None:
        notification.evidence = create_evidence(
            acting_user=acting_user, title=f"{incident.reference} notification to {recipient}",
            description=content_summary, files=[document], effective_date=timezone.localdate(sent_at),
            note=f"Breach notification, reference {reference or '—'}",
        )
    notification.save()
    if clock is not None and (clock.met_at is None or sent_at < clock.met_at):
        clock.met_at = sent_at
        clock.save()
    late = " (late: " + late_reason + ")" if notification.is_late else ""
    log(incident, author=acting_user, kind=TimelineEntry.Kind.COMMUNICATION, occurred_at=sent_at,
        text=f"Notified {recipient}{f' under {clock.regime}' if clock else ''}"
             f"{f', reference {reference}' if reference else ''}{late}.")
    return notification
