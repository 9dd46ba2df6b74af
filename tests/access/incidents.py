from tests import factories

# Any role may open the register and report (engineers see only their own incidents).
LIST = ("302 403 200 200 200 302", "302 403 405 405 405 302")
# Incident pages for an incident the engineer persona reported: they see it and log to it.
DETAIL = ("302 403 200 200 200 302", "302 403 405 405 405 302")
OFFICER_FORM = ("302 403 403 200 403 302", "302 403 403 200 403 302")


def _incident(p):
    """An event reported by the engineer persona and triaged by the officer."""
    return {"pk": factories.incident(p["engineer"], officer=p["officer"]).pk}


def _reported(p):
    return {"pk": factories.incident(p["engineer"]).pk}


def _recovered(p):
    from incidents.services import change_incident_status

    incident = factories.incident(p["engineer"], officer=p["officer"])
    for status in ("contained", "eradicated", "recovered"):
        incident = change_incident_status(incident, acting_user=p["officer"], status=status)
    return {"pk": incident.pk}


def _clock(p):
    """The GDPR clock of a breach the engineer persona reported (hidden model: 404 for them)."""
    import datetime

    from django.utils import timezone

    incident = factories.incident(p["engineer"], officer=p["officer"],
                                  breach_aware_at=timezone.now() - datetime.timedelta(hours=1))
    return {"pk": incident.clocks.get().pk}


def _regime(p):
    from incidents.models import NotificationRegime

    return {"pk": NotificationRegime.objects.get(code="gdpr-art33-authority").pk}


EXPECTED = {
    "incidents:incident-list": (*LIST, None),
    "incidents:incident-export": (*LIST, None),
    # Empty POSTs re-show the form with its errors (200); auditors may never report.
    "incidents:event-report": ("302 403 200 200 403 302", "302 403 200 200 403 302", None),
    "incidents:incident-detail": (*DETAIL, _incident),
    "incidents:incident-edit": ("302 403 403 200 403 302", "302 403 403 200 403 302", _incident),
    "incidents:incident-triage": ("302 403 403 200 403 302", "302 403 403 200 403 302", _reported),
    # An empty POST means "not a breach": valid, saved, redirected.
    "incidents:incident-breach": ("302 403 403 200 403 302", "302 403 403 302 403 302", _incident),
    "incidents:incident-status": ("302 403 403 200 403 302", "302 403 403 200 403 302", _incident),
    "incidents:incident-close": ("302 403 403 200 403 302", "302 403 403 200 403 302", _recovered),
    # The reporter (engineer persona) adds to the timeline; elsewhere engineers get 404.
    "incidents:timeline-add": ("302 403 200 200 403 302", "302 403 200 200 403 302", _incident),
    "incidents:notification-add": ("302 403 403 200 403 302", "302 403 403 200 403 302", _incident),
    "incidents:incident-risks-reopen": ("302 403 403 200 403 302", "302 403 403 200 403 302", _incident),
    "incidents:clock-not-required": ("302 403 404 200 403 302", "302 403 404 200 403 302", _clock),
    "incidents:regime-list": ("302 403 403 200 200 302", "302 403 403 405 405 302", None),
    "incidents:regime-create": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
    # Regimes are hidden from engineers: invisible rows are 404.
    "incidents:regime-edit": ("302 403 404 200 403 302", "302 403 404 200 403 302", _regime),
}
