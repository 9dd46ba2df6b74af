from incidents.models.incidents import Incident, RiskReassessment, TimelineEntry
from incidents.models.notifications import ClockReminder, Notification, NotificationClock, NotificationRegime

__all__ = [
    "ClockReminder", "Incident", "Notification", "NotificationClock", "NotificationRegime",
    "RiskReassessment", "TimelineEntry",
]
