"""Checks and grants shared by the incidents services."""

from guardian.shortcuts import assign_perm, remove_perm

from incidents.models import Incident, TimelineEntry

# Engineers see the incidents they reported or own, and add timeline entries to them:
# both come from these guardian grants (the incident model is hidden from engineers).
PARTICIPANT_PERMS = ("incidents.view_incident", "incidents.log_incident")



def grant_participant(user, incident: Incident) -> None:
    for perm in PARTICIPANT_PERMS:
        assign_perm(perm, user, incident)


def move_owner_grant(incident: Incident, previous_owner) -> None:
    """The new owner gets the participant grants; the previous one loses them unless they
    reported the event."""
    if previous_owner is not None and previous_owner != incident.owner \
            and previous_owner.pk != incident.reported_by_id:
        for perm in PARTICIPANT_PERMS:
            remove_perm(perm, previous_owner, incident)
    if incident.owner is not None:
        grant_participant(incident.owner, incident)


def log(incident: Incident, *, author, kind: str, text: str, occurred_at=None) -> TimelineEntry:
    entry = TimelineEntry(incident=incident, author=author, kind=kind, text=text)
    if occurred_at is not None:
        entry.occurred_at = occurred_at
    entry.full_clean()
    entry.save()
    return entry
