"""What the audits app adds to other apps' pages (isms.related): an incident's nonconformities
and, for an incident, the way to raise one (clause 10.2)."""

from audits.models import Nonconformity
from isms.access import can, visible
from isms.related import RelatedSection, register_section


def incident_nonconformities(incident, user) -> dict | None:
    if not can(user, "view", Nonconformity):
        return None
    nonconformities = list(visible(incident.nonconformities.all(), user))
    may_raise = can(user, "add", Nonconformity) and incident.is_incident
    if not nonconformities and not may_raise:
        return None
    return {"nonconformities": nonconformities, "may_raise": may_raise}


def register() -> None:
    register_section("incidents.incident", RelatedSection(
        "audits/_incident_nonconformities.html", incident_nonconformities, position=10))
