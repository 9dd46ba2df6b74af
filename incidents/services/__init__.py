"""Every write of the incidents app. Import from the topic modules or from here."""

from incidents.services.breach import (
    clocks_sync,
    create_regime,
    mark_clock_not_required,
    record_notification,
    set_incident_breach,
    update_regime,
)
from incidents.services.lifecycle import (
    add_timeline_entry,
    change_incident_status,
    close_incident,
    closing_problems,
    reopen_incident_risks,
)
from incidents.services.reminders import send_clock_reminders
from incidents.services.reporting import report_event, triage_incident, update_incident

__all__ = [
    "mark_clock_not_required", "send_clock_reminders", "clocks_sync", "closing_problems", "report_event",
    "set_incident_breach",
    "close_incident", "reopen_incident_risks", "change_incident_status", "triage_incident",
    "update_incident", "record_notification", "create_regime", "update_regime", "add_timeline_entry",
]
