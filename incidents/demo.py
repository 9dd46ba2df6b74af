"""Demo incidents: a triaged personal-data breach with the GDPR 72-hour clock running and one
notification already made (to the people affected), and an event closed as not an incident.
Idempotent: nothing is added when the demo events exist."""

import datetime

from django.utils import timezone

from assets.models import Asset
from incidents import services
from incidents.models import Incident, NotificationClock
from risks.models import Threat

BREACH_TITLE = "Support assistant quoted another customer's ticket"
NON_INCIDENT_TITLE = "Spike of 401s on the internal inference endpoint"


def _breach(officer, engineer) -> None:
    now = timezone.now()
    assets = Asset.objects.filter(name__in=["support-assistant-7b", "support-tickets-2025"])
    incident = services.report_event(
        acting_user=engineer, title=BREACH_TITLE,
        description="A customer reported that the support assistant's answer contained the name, "
        "e-mail address and order history of another customer, apparently memorised from the "
        "fine-tuning tickets.",
        detected_at=now - datetime.timedelta(hours=22), detection_method="Customer complaint via support",
        assets=list(assets),
    )
    services.triage_incident(
        incident, acting_user=officer, decision="incident", severity="high", category="data_leak",
        owner=engineer, threats=list(Threat.objects.filter(code="slm-training-data-memorisation")),
        reason="Personal data of at least one customer disclosed to another.",
    )
    services.change_incident_status(incident, acting_user=officer, status="contained",
                                    note="Endpoint rolled back to the model without the 2025 tickets.")
    services.set_incident_breach(
        incident, acting_user=officer, personal_data_breach=True,
        aware_at=now - datetime.timedelta(hours=20), high_risk=True, subjects_affected=140,
    )
    subjects = NotificationClock.objects.get(incident=incident, regime__recipient_kind="data_subjects",
                                             regime__deadline_hours__isnull=True)
    services.record_notification(
        incident, acting_user=officer, clock=subjects,
        recipient="The 140 customers whose tickets were in the set",
        sent_at=now - datetime.timedelta(minutes=5), reference="MAIL-2026-118",
        content_summary="What happened, the data concerned, what we did and whom to contact (DPO).",
    )
    services.add_timeline_entry(incident, acting_user=engineer, kind="action",
                                text="Removed the 2025 ticket export from the fine-tuning set; retraining.")


def _non_incident(officer, engineer) -> None:
    event = services.report_event(
        acting_user=engineer, title=NON_INCIDENT_TITLE,
        description="Monitoring alerted on 2,000 unauthorised requests in ten minutes.",
        detected_at=timezone.now() - datetime.timedelta(days=6), detection_method="Monitoring alert",
        assets=list(Asset.objects.filter(name="support-inference-internal")),
    )
    services.triage_incident(event, acting_user=officer, decision="not_incident",
                             reason="A load test with an expired token; no access was gained.")


def seed(users: dict) -> None:
    officer, engineer = users["officer"], users["engineer"]
    if not Incident.objects.filter(title=BREACH_TITLE).exists():
        _breach(officer, engineer)
    if not Incident.objects.filter(title=NON_INCIDENT_TITLE).exists():
        _non_incident(officer, engineer)
