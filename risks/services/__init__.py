"""Every write of the risks app. Import from the topic modules or from here."""

from risks.services.actions import create_treatment_action, update_treatment_action
from risks.services.assessments import approve_assessment, start_assessment, submit_assessment
from risks.services.catalogue import create_threat, retire_threat, revise_criteria, update_threat
from risks.services.register import (
    accept_risk,
    close_risk,
    create_risk,
    set_control_risks,
    update_risk,
)

__all__ = [
    "accept_risk", "approve_assessment", "close_risk", "create_risk", "create_threat",
    "create_treatment_action", "retire_threat", "revise_criteria", "set_control_risks",
    "start_assessment", "submit_assessment", "update_risk", "update_threat",
    "update_treatment_action",
]
