"""Every write of the incidents app. Import from the topic modules or from here."""

from incidents.services.breach import (
    clock_not_required,
    clocks_sync,
    incident_breach_set,
    notification_record,
    regime_create,
    regime_update,
)
from incidents.services.lifecycle import (
    closing_problems,
    incident_close,
    incident_risks_reopen,
    incident_status_change,
    timeline_entry_add,
)
from incidents.services.reminders import clock_reminders_send
from incidents.services.reporting import event_report, incident_triage, incident_update

__all__ = [
    "clock_not_required", "clock_reminders_send", "clocks_sync", "closing_problems", "event_report",
    "incident_breach_set",
    "incident_close", "incident_risks_reopen", "incident_status_change", "incident_triage",
    "incident_update", "notification_record", "regime_create", "regime_update", "timeline_entry_add",
]
