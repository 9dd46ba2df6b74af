"""Notification regimes (GDPR art. 33/34, HIPAA, ...), the clocks they start on a breach,
the notifications made and the reminders sent."""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from incidents import clocks
from isms.access import AccessQuerySet


def _validate_reminder_hours(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, int) and v >= 0 for v in value):
        raise ValidationError(
            "Reminder points are whole numbers of hours before the deadline, e.g. 48, 24, 6.")


class NotificationRegimeQuerySet(AccessQuerySet):
    def active(self):
        return self.filter(active=True)


class NotificationRegime(models.Model):
    """A law or contract that says whom to notify of a personal-data breach and by when."""

    class Recipient(models.TextChoices):
        AUTHORITY = "authority", "Supervisory authority"
        DATA_SUBJECTS = "data_subjects", "Data subjects"
        OTHER = "other", "Other"

    class AppliesWhen(models.TextChoices):
        ALWAYS = "always", "Every personal-data breach"
        HIGH_RISK = "high_risk", "Only when high risk to people"

    code = models.SlugField(max_length=80, unique=True, null=True, blank=True, editable=False,
                            help_text="Set on the seeded regimes only.")
    name = models.CharField(max_length=200, unique=True)
    legal_reference = models.CharField(max_length=200, blank=True, help_text="e.g. GDPR art. 33(1)")
    recipient_kind = models.CharField(max_length=20, choices=Recipient.choices)
    deadline_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text="Hours from awareness; empty means “without undue delay”.",
    )
    applies_when = models.CharField(max_length=20, choices=AppliesWhen.choices, default=AppliesWhen.ALWAYS)
    reminder_hours = models.JSONField(
        default=list, blank=True, validators=[_validate_reminder_hours],
        help_text="Hours before the deadline at which reminders are e-mailed, e.g. [48, 24, 6].",
    )
    amber_hours = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="Show the clock amber below this many hours left (it is amber below 25 % anyway).",
    )
    active = models.BooleanField(
        default=True, help_text="Inactive regimes start no clocks; deactivating one removes its unmet ones.")
    is_seeded = models.BooleanField(default=False, editable=False)

    objects = NotificationRegimeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("incidents:regime-list")


    @property
    def deadline_label(self) -> str:
        return clocks.window_label(self.deadline_hours)

    def applies_to(self, incident) -> bool:
        return self.active and (self.applies_when == self.AppliesWhen.ALWAYS or incident.high_risk)


auditlog.register(NotificationRegime)


class NotificationClockQuerySet(AccessQuerySet):
    def running(self):
        """Clocks not yet met nor decided unnecessary, of breaches still open."""
        return self.filter(met_at__isnull=True, not_required_reason="",
                           incident__personal_data_breach=True).exclude(
            incident__status__in=("closed", "not_incident")
        )

    def overdue(self, now=None):
        return self.running().filter(deadline_at__lt=now or timezone.now())


class NotificationClock(models.Model):
    """One regime's deadline for one breach. The deadline is stored (for filters and
    reminders) and recomputed whenever the moment of awareness or the regime changes."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="clocks")
    regime = models.ForeignKey(NotificationRegime, on_delete=models.PROTECT, related_name="clocks")
    deadline_at = models.DateTimeField(null=True, blank=True, help_text="Empty: without undue delay.")
    met_at = models.DateTimeField(null=True, blank=True)
    # e.g. GDPR art. 33(1): "unlikely to result in a risk"; art. 33(5) wants the decision documented.
    not_required_reason = models.TextField("why notification is not required", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NotificationClockQuerySet.as_manager()

    class Meta:
        ordering = ["deadline_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "regime"], name="one_clock_per_incident_regime"),
        ]

    def __str__(self) -> str:
        return f"{self.regime} for {self.incident.reference}"

    def get_absolute_url(self) -> str:
        return self.incident.get_absolute_url()

    def state(self, now=None) -> str:
        return clocks.state(
            now=now or timezone.now(), start=self.incident.aware_at, deadline=self.deadline_at,
            met_at=self.met_at, amber_hours=self.regime.amber_hours,
            not_required=bool(self.not_required_reason),
        )

    def time_left_label(self, now=None) -> str:
        if self.not_required_reason and self.met_at is None:
            return "not required"
        return clocks.time_left_label(now or timezone.now(), self.deadline_at, self.met_at)


auditlog.register(NotificationClock, exclude_fields=["created_at"])


class ClockReminder(models.Model):
    """A reminder e-mailed for a clock at one reminder point. The unique constraint is the
    claim: whoever inserts the row sends the e-mail, so each point is sent at most once."""

    clock = models.ForeignKey(NotificationClock, on_delete=models.CASCADE, related_name="reminders")
    hours_before = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["clock", "hours_before"], name="one_reminder_per_clock_point"),
        ]

    def __str__(self) -> str:
        return f"{self.clock}: {self.hours_before} h before"


auditlog.register(ClockReminder)


class Notification(models.Model):
    """A notification made: to whom, when, by whom, what was said, the reference received
    and the document kept as evidence. Late against its clock means a reason is required."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="notifications")
    clock = models.ForeignKey(NotificationClock, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="notifications", verbose_name="regime clock")
    recipient = models.CharField(max_length=200, help_text="e.g. the supervisory authority's name")
    sent_at = models.DateTimeField("sent at")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content_summary = models.TextField("what was said")
    reference = models.CharField("reference number", max_length=200, blank=True)
    evidence = models.ForeignKey("evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="incident_notifications")
    late_reason = models.TextField("reason for lateness", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.sent_at:%Y-%m-%d %H:%M})"

    @property
    def is_late(self) -> bool:
        return clocks.is_late(self.sent_at, self.clock.deadline_at if self.clock else None)

    def clean(self) -> None:
        if self.sent_at and self.sent_at > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError({"sent_at": "A notification cannot be sent in the future."})
        if self.clock_id and self.clock.incident_id != self.incident_id:
            raise ValidationError({"clock": "That clock belongs to another incident."})
        if self.sent_at and self.is_late and not self.late_reason.strip():
            raise ValidationError(
                {"late_reason": "The notification is after the deadline: say why it is late."})


auditlog.register(Notification, exclude_fields=["created_at"])
