from auditlog.signals import accessed
from django.urls import reverse
from django.utils import timezone
from django.views.generic import CreateView

from incidents import services
from incidents.export import register_response
from incidents.filters import IncidentFilter, RegimeFilter
from incidents.forms import (
    BreachForm,
    ClockNotRequiredForm,
    CloseForm,
    EventReportForm,
    IncidentForm,
    NotificationForm,
    RegimeForm,
    RisksReopenForm,
    StatusForm,
    TimelineEntryForm,
    TriageForm,
)
from incidents.models import Incident, NotificationClock, NotificationRegime
from incidents.services.lifecycle import closing_problems, next_statuses, related_risks
from isms.access import can, role_of
from isms.generic import (
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsObjectFormView,
    IsmsUpdateView,
    PermissionMixin,
    ServiceFormMixin,
)
from isms.roles import AUDITOR


class AnyRoleMixin:
    """Every role may open the page; guardian grants narrow the rows (engineers see the
    incidents they reported or own)."""

    def permission_target(self):
        return None


class IncidentListView(AnyRoleMixin, IsmsListView):
    """The event and incident register."""

    model = Incident
    queryset = Incident.objects.for_register()
    filterset_class = IncidentFilter
    template_name = "incidents/incident_list.html"
    partial_template_name = "incidents/_incident_rows.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, now=timezone.now())


class IncidentExportView(IncidentListView):
    paginate_by = None

    def render_to_response(self, context, **response_kwargs):
        return register_response(self.object_list)


class EventReportView(PermissionMixin, ServiceFormMixin, CreateView):
    model = Incident
    permission_action = "report"
    form_class = EventReportForm
    template_name = "incidents/form.html"
    service = services.report_event
    success_message = "Event reported. A compliance officer will triage it."
    extra_context = {"heading": "Report a security event"}

    def permission_target(self):
        return None  # any role that may write; the reporter then follows the event


class IncidentDetailView(IsmsDetailView):
    model = Incident
    queryset = Incident.objects.select_related("owner", "reported_by", "triaged_by", "closed_by") \
        .prefetch_related("assets", "threats")
    template_name = "incidents/incident_detail.html"

    def get_context_data(self, **kwargs):
        incident, user = self.object, self.request.user
        if role_of(user) == AUDITOR:  # what auditors open is in the audit trail
            accessed.send(sender=Incident, instance=incident)
        return super().get_context_data(
            **kwargs,
            now=timezone.now(),
            show_utc=timezone.get_current_timezone_name() != "UTC",  # what the deadlines count in
            timeline=incident.timeline.select_related("author"),
            clocks=incident.clocks.select_related("regime"),
            notifications=incident.notifications.select_related("sent_by", "clock__regime", "evidence"),
            risk_reviews=incident.risk_reviews.select_related("risk", "requested_by"),
            may_change=can(user, "change", incident),
            may_log=can(user, "log", incident),
            next_statuses=next_statuses(incident),
            closing_problems=closing_problems(incident),
        )


class IncidentFormView(IsmsObjectFormView):
    """A form about one incident: `service(incident, acting_user=..., **cleaned_data)`."""

    model = Incident
    template_name = "incidents/form.html"
    heading = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, heading=self.heading, incident=self.target)

    def get_success_url(self) -> str:
        return reverse("incidents:incident-detail", args=[self.kwargs["pk"]])


class IncidentTriageView(IncidentFormView):
    form_class = TriageForm
    service = services.triage_incident
    heading = "Triage"
    success_message = "Triage recorded."


class IncidentUpdateView(IsmsUpdateView):
    model = Incident
    form_class = IncidentForm
    template_name = "incidents/form.html"
    service = services.update_incident
    success_message = "Incident saved."
    extra_context = {"heading": "Edit incident"}


class IncidentBreachView(IncidentFormView):
    form_class = BreachForm
    service = services.set_incident_breach
    heading = "Personal-data breach"
    success_message = "Breach assessment saved; the notification clocks follow it."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}


class IncidentStatusView(IncidentFormView):
    form_class = StatusForm
    service = services.change_incident_status
    heading = "Change status"
    success_message = "Status changed."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "incident": self.object}


class IncidentCloseView(IncidentFormView):
    form_class = CloseForm
    service = services.close_incident
    heading = "Close incident"
    success_message = "Incident closed."

    def get_initial(self):
        return {"lessons_learned": self.object.lessons_learned,
                "no_corrective_action_reason": self.object.no_corrective_action_reason}


class TimelineEntryCreateView(IncidentFormView):
    permission_action = "log"
    form_class = TimelineEntryForm
    service = services.add_timeline_entry
    heading = "Add to the timeline"
    success_message = "Timeline entry added."


class NotificationCreateView(IncidentFormView):
    form_class = NotificationForm
    service = services.record_notification
    heading = "Record a notification"
    success_message = "Notification recorded."
    extra_context = {"multipart": True}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "incident": self.object}


class ClockNotRequiredView(IsmsUpdateView):
    model = NotificationClock
    queryset = NotificationClock.objects.select_related("incident", "regime")
    form_class = ClockNotRequiredForm
    template_name = "incidents/form.html"
    service = services.mark_clock_not_required
    success_message = "Decision recorded; the clock is stopped."

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, incident=self.object.incident,
            heading=f"Notification not required: {self.object.regime}")


class RisksReopenView(IncidentFormView):
    form_class = RisksReopenForm
    service = services.reopen_incident_risks
    heading = "Reopen related risks"
    success_message = "Risks marked for reassessment."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "risks": related_risks(self.object)}


class RegimeListView(IsmsListView):
    model = NotificationRegime
    filterset_class = RegimeFilter
    template_name = "incidents/regime_list.html"


class RegimeCreateView(IsmsCreateView):
    model = NotificationRegime
    form_class = RegimeForm
    template_name = "incidents/form.html"
    service = services.create_regime
    success_message = "Regime added; open breaches it applies to have their clock."
    extra_context = {"heading": "New notification regime"}


class RegimeUpdateView(IsmsUpdateView):
    model = NotificationRegime
    form_class = RegimeForm
    template_name = "incidents/form.html"
    service = services.update_regime
    success_message = "Regime saved; running clocks follow it."
    extra_context = {"heading": "Edit notification regime"}
