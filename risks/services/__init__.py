"""Every write of the risks app. Import from the topic modules or from here."""

from risks.services.actions import action_create, action_update
from risks.services.assessments import assessment_approve, assessment_start, assessment_submit
from risks.services.catalogue import criteria_revise, threat_create, threat_retire, threat_update
from risks.services.register import (
    control_risks_set,
    risk_accept,
    risk_close,
    risk_create,
    risk_update,
)

__all__ = [
    "action_create", "action_update", "control_risks_set", "assessment_approve", "assessment_start",
    "assessment_submit",
    "criteria_revise", "risk_accept", "risk_close", "risk_create", "risk_update", "threat_create",
    "threat_retire", "threat_update",
]
