"""Information security objectives (clause 6.2) and their measurements (clause 9.1)."""

import datetime
from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse

from isms.access import AccessQuerySet


class ObjectiveQuerySet(AccessQuerySet):
    def with_latest(self):
        """latest_value and latest_date: the most recent measurement (one subquery each)."""
        return self.with_latest_until(None)

    def with_latest_until(self, until: datetime.date | None):
        """As with_latest(), counting only measurements on or before `until` (a report date)."""
        latest = Measurement.objects.filter(objective=OuterRef("pk")).order_by("-date", "-pk")
        if until is not None:
            latest = latest.filter(date__lte=until)
        return self.annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )

    def bound(self):
        """Objectives measured by the product itself (a metric is set)."""
        return self.exclude(metric="")

    def open(self):
        return self.filter(status__in=[Objective.Status.PLANNED, Objective.Status.IN_PROGRESS])


class Objective(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        ACHIEVED = "achieved", "Achieved"
        NOT_ACHIEVED = "not_achieved", "Not achieved"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    measure = models.CharField(max_length=300, help_text="What is measured, and how.")
    target_value = models.DecimalField(max_digits=12, decimal_places=2)
    unit = models.CharField(max_length=20, blank=True, help_text="For example %, days, incidents.")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_objectives"
    )
    due_date = models.DateField()
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.IN_PROGRESS)
    metric = models.CharField(
        max_length=50, blank=True,
        help_text="Measured automatically from the product's own data (empty: measured by hand).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "title"]
        permissions = [("measure_objective", "Can record measurements of an objective")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:objective-detail", args=[self.pk])

    def meets(self, value: Decimal | None) -> bool | None:
        """Whether `value` reaches the target (None when there is no value)."""
        if value is None:
            return None
        if self.direction == self.Direction.HIGHER:
            return value >= self.target_value
        return value <= self.target_value

    @property
    def target_label(self) -> str:
        sign = "≥" if self.direction == self.Direction.HIGHER else "≤"
        return f"{sign} {_number(self.target_value)}{_unit(self.unit)}"

    def format(self, value: Decimal | None) -> str:
        return "—" if value is None else f"{_number(value)}{_unit(self.unit)}"

    @property
    def latest_label(self) -> str:
        """The latest value with its unit (needs the with_latest() annotation)."""
        return self.format(getattr(self, "latest_value", None))

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        open_ = self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)
        return open_ and self.due_date < (today or datetime.date.today())


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}".rstrip("0")


def _unit(unit: str) -> str:
    return f" {unit}" if unit else ""


auditlog.register(Objective, exclude_fields=["created_at", "updated_at"])


class MeasurementQuerySet(AccessQuerySet):
    def between(self, since: datetime.date, until: datetime.date):
        return self.filter(date__gte=since, date__lte=until)


class Measurement(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", "Manual"
        CONTROL_STATUS = "control_status", "Control status"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            # The daily automatic measurement is idempotent: at most one per objective and day.
            models.UniqueConstraint(
                fields=["objective", "date"], condition=Q(source="control_status"),
                name="measurement_one_automatic_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective}: {self.value} on {self.date}"

    @property
    def label(self) -> str:
        """The value with the objective's unit, without trailing zeros."""
        return self.objective.format(self.value)


auditlog.register(Measurement, exclude_fields=["created_at"])
