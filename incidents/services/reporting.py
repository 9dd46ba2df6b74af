"""Reporting an event and triaging it into an incident or a non-incident."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from incidents.models import Incident, TimelineEntry
from incidents.services.common import grant_participant, log, move_owner_grant
from isms.access import require
from isms.models import User

PROMOTE, DISMISS = "incident", "not_incident"


@transaction.atomic
def report_event(
    *,
    acting_user: User,
    title: str,
    description: str,
    detected_at,
    detection_method: str = "",
    assets: Sequence = (),
) -> Incident:
    """Anyone with a role (engineers included, auditors never) reports a security event;
    the reporter may then follow it and add to its timeline."""
    require(acting_user, "report", None)
    incident = Incident(title=title, description=description, detected_at=detected_at,
                        detection_method=detection_method, reported_by=acting_user)
    incident.full_clean()
    incident.save()
    incident.assets.set(assets)
    grant_participant(acting_user, incident)
    log(incident, author=acting_user, kind=TimelineEntry.Kind.STATUS_CHANGE,
        text=f"Event reported by {acting_user}.")
    return incident


@transaction.atomic
def triage_incident(
    incident: Incident,
    *,
    acting_user: User,
    decision: str,
    reason: str = "",
    severity: str = "",
    category: str = "",
    owner=None,
    threats: Sequence = (),
) -> Incident:
    """Officers promote a reported event to an incident (severity, category, owner, threats)
    or close it as a non-incident with a reason."""
    require(acting_user, "change", incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.status != Incident.Status.REPORTED:
        raise ValidationError("This event has already been triaged.")
    incident.triaged_by, incident.triaged_at = acting_user, timezone.now()
    if decision == DISMISS:
        if not reason.strip():
            raise ValidationError({"reason": "Say why this event is not an incident."})
        incident.status, incident.dismissal_reason = Incident.Status.NOT_INCIDENT, reason
        text = f"Closed as not an incident: {reason}"
    elif decision == PROMOTE:
        errors = {f: "Required for an incident." for f, v in (("severity", severity), ("category", category))
                  if not v}
        if errors:
            raise ValidationError(errors)
        incident.status, incident.severity, incident.category = Incident.Status.TRIAGE, severity, category
        incident.owner = owner or acting_user
        text = f"Promoted to incident: {incident.get_severity_display()} severity, owner {incident.owner}."
        if reason.strip():
            text += f" {reason}"
    else:
        raise ValidationError({"decision": "Choose incident or not an incident."})
    incident.full_clean()
    incident.save()
    if decision == PROMOTE:
        incident.threats.set(threats)
        move_owner_grant(incident, None)
    log(incident, author=acting_user, kind=TimelineEntry.Kind.DECISION, text=text)
    return incident


@transaction.atomic
def update_incident(
    incident: Incident, *, acting_user: User, assets=None, threats=None, **fields
) -> Incident:
    """Officers correct the report and the classification; a new owner gets the owner's grants."""
    require(acting_user, "change", incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    previous_owner = incident.owner
    for name, value in fields.items():
        setattr(incident, name, value)
    incident.full_clean()
    incident.save()
    if assets is not None:
        incident.assets.set(assets)
    if threats is not None:
        incident.threats.set(threats)
    if incident.owner != previous_owner:
        move_owner_grant(incident, previous_owner)
        log(incident, author=acting_user, kind=TimelineEntry.Kind.DECISION,
            text=f"Owner changed from {previous_owner or 'nobody'} to {incident.owner or 'nobody'}.")
    return incident
