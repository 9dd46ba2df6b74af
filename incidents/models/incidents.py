"""Security events, incidents (ISO 27001 5.24-5.28, 6.8) and their timelines."""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from isms.access import AccessQuerySet


class IncidentQuerySet(AccessQuerySet):
    def open(self):
        return self.exclude(status__in=Incident.FINISHED)

    def incidents(self):
        """Promoted events only (not the ones waiting for triage or dismissed)."""
        return self.exclude(status__in=(Incident.Status.REPORTED, Incident.Status.NOT_INCIDENT))

    def breaches(self):
        return self.filter(personal_data_breach=True)

    def with_overdue_clock(self, now=None):
        from incidents.models.notifications import NotificationClock

        return self.filter(pk__in=NotificationClock.objects.overdue(now).values("incident_id"))

    def for_register(self):
        return self.select_related("owner", "reported_by").prefetch_related("assets", "clocks__regime")


class Incident(models.Model):
    """A reported security event; officers triage it into an incident or dismiss it.
    One row for both, so the report, the triage decision and the timeline stay together."""

    class Status(models.TextChoices):
        REPORTED = "reported", "Reported (awaiting triage)"
        NOT_INCIDENT = "not_incident", "Closed: not an incident"
        TRIAGE = "triage", "Triage"
        CONTAINED = "contained", "Contained"
        ERADICATED = "eradicated", "Eradicated"
        RECOVERED = "recovered", "Recovered"
        CLOSED = "closed", "Closed"

    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical"

    class Category(models.TextChoices):
        DATA_LEAK = "data_leak", "Data leak / disclosure"
        MODEL_THEFT = "model_theft", "Model or weights theft"
        DATA_POISONING = "data_poisoning", "Data or model poisoning"
        PROMPT_INJECTION = "prompt_injection", "Prompt injection / misuse"
        UNAUTHORISED_ACCESS = "unauthorised_access", "Unauthorised access"
        AVAILABILITY = "availability", "Availability / denial of service"
        OTHER = "other", "Other"

    FINISHED = (Status.CLOSED, Status.NOT_INCIDENT)

    # The report
    title = models.CharField(max_length=200)
    description = models.TextField("what happened")
    detected_at = models.DateTimeField("detected at", help_text="When the event was detected.")
    detection_method = models.CharField(
        "how it was detected", max_length=300, blank=True,
        help_text="e.g. monitoring alert, customer complaint, red-team finding",
    )
    assets = models.ManyToManyField("assets.Asset", blank=True, related_name="incidents",
                                    verbose_name="affected assets")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="reported_incidents")
    reported_at = models.DateTimeField(default=timezone.now)

    # Triage
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REPORTED)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    triaged_at = models.DateTimeField(null=True, blank=True)
    dismissal_reason = models.TextField(blank=True, help_text="Why the event is not an incident.")
    severity = models.CharField(max_length=10, choices=Severity.choices, blank=True)
    category = models.CharField(max_length=30, choices=Category.choices, blank=True)
    threats = models.ManyToManyField("risks.Threat", blank=True, related_name="incidents")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="owned_incidents")

    # Personal-data breach (GDPR art. 33/34 and similar)
    personal_data_breach = models.BooleanField("personal-data breach", default=False)
    aware_at = models.DateTimeField(
        "aware at", null=True, blank=True,
        help_text="The moment the organisation became aware of the breach; the clocks start here.",
    )
    high_risk = models.BooleanField(
        "high risk to people", default=False,
        help_text="Likely to result in a high risk to the rights and freedoms of the people affected.",
    )
    subjects_affected = models.PositiveIntegerField("people affected (estimate)", null=True, blank=True)

    # Closing
    lessons_learned = models.TextField(blank=True)
    no_corrective_action_reason = models.TextField(
        "why no corrective action is needed", blank=True,
    )
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_at", "-pk"]
        permissions = [("log_incident", "Can add timeline entries to the incident")]

    def __str__(self) -> str:
        return f"INC-{self.pk}: {self.title}" if self.pk else self.title

    def get_absolute_url(self) -> str:
        return reverse("incidents:incident-detail", args=[self.pk])

    def clean(self) -> None:
        if self.personal_data_breach and self.aware_at is None:
            raise ValidationError({"aware_at": "A personal-data breach needs the moment of awareness."})
        if self.aware_at and self.aware_at > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError({"aware_at": "The moment of awareness cannot be in the future."})

    @property
    def reference(self) -> str:
        return f"INC-{self.pk}"

    @property
    def is_incident(self) -> bool:
        return self.status not in (self.Status.REPORTED, self.Status.NOT_INCIDENT)

    @property
    def is_open(self) -> bool:
        return self.status not in self.FINISHED

    @property
    def data_categories(self) -> list[str]:
        """Personal-data categories held by the affected assets (from the asset inventory)."""
        return sorted({c for a in self.assets.all() if a.holds_pii for c in a.pii_categories})


auditlog.register(Incident, exclude_fields=["created_at", "updated_at"], m2m_fields={"assets", "threats"})


class TimelineEntry(models.Model):
    """One timestamped line of the incident's story. Append-only: never edited in the product."""

    class Kind(models.TextChoices):
        ACTION = "action", "Action"
        DECISION = "decision", "Decision"
        COMMUNICATION = "communication", "Communication"
        STATUS_CHANGE = "status_change", "Status change"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="timeline")
    occurred_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ACTION)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name_plural = "timeline entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


auditlog.register(TimelineEntry, exclude_fields=["created_at"])


class RiskReassessment(models.Model):
    """A risk marked for reassessment because of an incident ("reopen related risks").
    Kept here so the risks app needs no new field; resolved when the risk is reviewed."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="risk_reviews")
    risk = models.ForeignKey("risks.Risk", on_delete=models.CASCADE, related_name="incident_reviews")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "risk"], name="risk_reassessment_once_per_incident"),
        ]

    def __str__(self) -> str:
        return f"{self.risk} (after {self.incident.reference})"


auditlog.register(RiskReassessment)
