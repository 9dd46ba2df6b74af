"""The incident's life after triage: status changes, timeline entries, closing and
reopening the related risks."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from incidents.models import Incident, RiskReassessment, TimelineEntry
from incidents.services.common import log
from isms.access import require
from isms.models import User
from risks.models import Risk

S = Incident.Status
# Allowed moves; closing goes through close_incident (it has rules of its own).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.TRIAGE: (S.CONTAINED,),
    S.CONTAINED: (S.ERADICATED, S.TRIAGE),
    S.ERADICATED: (S.RECOVERED, S.CONTAINED),
    S.RECOVERED: (S.CLOSED, S.ERADICATED),
    S.CLOSED: (S.TRIAGE,),  # reopened when it flares up again
}


def next_statuses(incident: Incident) -> list[tuple[str, str]]:
    """(value, label) of the statuses the incident may move to by a plain status change."""
    return [(s, S(s).label) for s in TRANSITIONS.get(incident.status, ()) if s != S.CLOSED]


@transaction.atomic
def change_incident_status(incident: Incident, *, acting_user: User, status: str, note: str = "") -> Incident:
    """Move an incident along triage -> contained -> eradicated -> recovered -> closed;
    every move is written to the timeline."""
    require(acting_user, "change", incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if status == S.CLOSED:
        raise ValidationError({"status": "Use “Close incident”: closing needs lessons learned."})
    if status not in TRANSITIONS.get(incident.status, ()):
        raise ValidationError({"status": f"An incident cannot go from {incident.get_status_display()} "
                                         f"to {S(status).label if status in S.values else status}."})
    previous = incident.get_status_display()
    incident.status = status
    if status == S.TRIAGE:  # reopened
        incident.closed_at = incident.closed_by = None
    incident.full_clean()
    incident.save()
    text = f"Status: {previous} → {incident.get_status_display()}." + (f" {note}" if note.strip() else "")
    log(incident, author=acting_user, kind=TimelineEntry.Kind.STATUS_CHANGE, text=text)
    return incident


def closing_problems(incident: Incident) -> dict[str, str]:
    """What stops the incident from closing. The one place for the closing rule: lessons
    learned, a nonconformity raised from it (its corrective actions) or a reason why no
    corrective action is needed, and for a personal-data breach, every notification clock met
    or decided unnecessary (with its reason), so no duty to notify is left open when it closes."""
    problems = {}
    if incident.personal_data_breach:
        open_clocks = incident.clocks.filter(met_at__isnull=True, not_required_reason="")
        if names := list(open_clocks.values_list("regime__name", flat=True)):
            problems["clocks"] = (f"Record the notification, or say why it is not required, for: "
                                  f"{', '.join(names)}.")
    if not incident.lessons_learned.strip():
        problems["lessons_learned"] = "Record the lessons learned before closing."
    if not incident.no_corrective_action_reason.strip() and not incident.nonconformities.exists():
        problems["no_corrective_action_reason"] = (
            "Raise a nonconformity for the corrective action, or say why none is needed.")
    return problems


@transaction.atomic
def close_incident(
    incident: Incident, *, acting_user: User, lessons_learned: str, no_corrective_action_reason: str = ""
) -> Incident:
    require(acting_user, "change", incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if S.CLOSED not in TRANSITIONS.get(incident.status, ()):
        raise ValidationError(f"An incident is closed once recovered; this one is "
                              f"{incident.get_status_display()}.")
    incident.lessons_learned = lessons_learned
    incident.no_corrective_action_reason = no_corrective_action_reason
    problems = closing_problems(incident)
    if problems:
        raise ValidationError(problems)
    previous = incident.get_status_display()
    incident.status, incident.closed_by, incident.closed_at = S.CLOSED, acting_user, timezone.now()
    incident.full_clean()
    incident.save()
    log(incident, author=acting_user, kind=TimelineEntry.Kind.STATUS_CHANGE,
        text=f"Status: {previous} → Closed. Lessons learned: {lessons_learned}")
    return incident


@transaction.atomic
def add_timeline_entry(
    incident: Incident, *, acting_user: User, kind: str, text: str, occurred_at=None
) -> TimelineEntry:
    """Officers, and engineers on incidents they reported or own, add to the timeline.
    Status changes are written by the status services, never by hand."""
    require(acting_user, "log", incident)
    if kind == TimelineEntry.Kind.STATUS_CHANGE:
        raise ValidationError({"kind": "Status changes are recorded when the status changes."})
    if occurred_at and occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"occurred_at": "An entry cannot be in the future."})
    return log(incident, author=acting_user, kind=kind, text=text, occurred_at=occurred_at)


def related_risks(incident: Incident):
    """Risks that involve one of the incident's affected assets."""
    return Risk.objects.filter(assets__in=incident.assets.all()).select_related(
        "assessment", "threat").distinct().order_by("title", "pk")


@transaction.atomic
def reopen_incident_risks(
    incident: Incident, *, acting_user: User, risks: Sequence[Risk], note: str = ""
) -> list[RiskReassessment]:
    """Mark risks linked through the affected assets for reassessment. Closed risks in an
    assessment still open for change go back to open; approved assessments are frozen, so
    there the mark (shown on the incident) is what asks for the next assessment to look again."""
    require(acting_user, "change", incident)
    require(acting_user, "change", Risk)
    allowed = set(related_risks(incident).values_list("pk", flat=True))
    if not risks or any(r.pk not in allowed for r in risks):
        raise ValidationError({"risks": "Choose risks of the incident's affected assets."})
    marks = []
    for risk in risks:
        mark, _ = RiskReassessment.objects.get_or_create(
            incident=incident, risk=risk, defaults={"requested_by": acting_user, "note": note})
        marks.append(mark)
        if risk.status == Risk.Status.CLOSED and not risk.assessment.is_frozen:
            risk.status = Risk.Status.OPEN
            risk.save()
    log(incident, author=acting_user, kind=TimelineEntry.Kind.DECISION,
        text="Risks marked for reassessment: " + "; ".join(r.title for r in risks) + (
            f". {note}" if note.strip() else "."))
    return marks
