"""Connected systems: a connector pulls evidence from one system on a schedule; each pull is a
run. SLM endpoint connectors run a versioned policy test suite of prompts."""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from isms.access import AccessQuerySet
from isms.models import AppendOnlyModel


class Kind(models.TextChoices):
    HTTP_JSON = "http_json", "HTTP JSON API"
    POSTGRES = "postgres", "PostgreSQL database"
    GIT_REPO = "git_repo", "Git repository"
    SLM_ENDPOINT = "slm_endpoint", "SLM inference endpoint"
    ISMS_ACCESS_REVIEW = "isms_access_review", "ISMS user access review"


class PolicyTestSuite(models.Model):
    """Prompts an SLM endpoint must answer within constraints. Editing adds a version."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        db_table = "evidence_policytestsuite"  # kept when it moved app
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("connectors:suite-detail", args=[self.pk])

    @property
    def current(self) -> "PolicyTestSuiteVersion | None":
        return self.versions.order_by("-number").first()


class PolicyTestSuiteVersion(AppendOnlyModel):
    """One saved state of a suite. cases: [{"name", "prompt", "must_match", "must_not_match"}]."""

    suite = models.ForeignKey(PolicyTestSuite, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    cases = models.JSONField()
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "evidence_policytestsuiteversion"  # kept when it moved app
        ordering = ["suite", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["suite", "number"], name="policy_suite_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.suite} v{self.number}"


class ConnectorQuerySet(AccessQuerySet):
    def due(self, now: datetime.datetime | None = None):
        now = now or timezone.now()
        return self.filter(enabled=True).filter(
            models.Q(next_due_at__isnull=True) | models.Q(next_due_at__lte=now)
        )

    def failing(self):
        return self.filter(
            models.Q(last_status=ConnectorRun.Status.FAILED) | models.Q(last_policy_allow=False)
        )


class Connector(models.Model):
    """A connected system. The secret is stored encrypted (evidence.secrets) and never shown."""

    Kind = Kind

    name = models.CharField(max_length=100, unique=True, help_text="Also the name for collect_evidence.")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.TextField(blank=True)
    config = models.JSONField(default=dict, blank=True, help_text="Kind-specific settings (JSON).")
    secret_encrypted = models.TextField(blank=True, editable=False)
    enabled = models.BooleanField(default=True, help_text="Disabled connectors are not scheduled.")
    interval_minutes = models.PositiveIntegerField(
        "run every (minutes)", default=24 * 60, help_text="1440 is daily, 10080 weekly."
    )
    evidence_valid_days = models.PositiveIntegerField(
        "evidence valid for (days)", default=30, help_text="Validity of the evidence each run produces."
    )
    controls = models.ManyToManyField("controls.Control", blank=True, related_name="connectors")
    policy = models.TextField(
        blank=True, help_text="Optional Rego (v1 syntax) over the collected JSON: allow and deny rules."
    )
    test_suite = models.ForeignKey(
        PolicyTestSuite,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="connectors",
        help_text="SLM endpoints only: the prompts to run.",
    )
    next_due_at = models.DateTimeField(null=True, blank=True)
    # Denormalised from the latest finished run so lists and the dashboard need no subquery.
    last_status = models.CharField(max_length=20, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_policy_allow = models.BooleanField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConnectorQuerySet.as_manager()

    class Meta:
        db_table = "evidence_connector"  # kept when it moved app
        ordering = ["name"]
        permissions = [("run_connector", "Can run the connector now")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("connectors:connector-detail", args=[self.pk])

    def clean(self) -> None:
        if self.interval_minutes is not None and self.interval_minutes < 1:
            raise ValidationError({"interval_minutes": "Run at most once a minute."})
        if self.test_suite_id and self.kind != Kind.SLM_ENDPOINT:
            raise ValidationError({"test_suite": "Only SLM endpoint connectors run a test suite."})

    @property
    def has_secret(self) -> bool:
        return bool(self.secret_encrypted)

    @property
    def is_failing(self) -> bool:
        return self.last_status == ConnectorRun.Status.FAILED or self.last_policy_allow is False


class ConnectorRunQuerySet(AccessQuerySet):
    def active(self):
        return self.filter(status__in=ConnectorRun.ACTIVE)


class ConnectorRun(models.Model):
    """One collection: claimed by a worker, retried on transient errors, ends done or failed."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        RETRYING = "retrying", "Waiting to retry"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Schedule"
        MANUAL = "manual", "Run now"
        COMMAND = "command", "Command line"

    ACTIVE = (Status.PENDING, Status.RUNNING, Status.RETRYING)

    connector = models.ForeignKey(Connector, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    trigger = models.CharField(max_length=20, choices=Trigger.choices, default=Trigger.SCHEDULE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    evidence = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.SET_NULL, related_name="connector_runs"
    )
    policy_allow = models.BooleanField(null=True, blank=True, help_text="Empty when no policy applies.")
    policy_reasons = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True, help_text="Small facts shown in the run list.")

    objects = ConnectorRunQuerySet.as_manager()

    class Meta:
        db_table = "evidence_connectorrun"  # kept when it moved app
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["connector", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.connector} run {self.pk}"

    def get_absolute_url(self) -> str:
        return self.connector.get_absolute_url()

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def duration(self) -> datetime.timedelta | None:
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


auditlog.register(PolicyTestSuite, exclude_fields=["created_at"])
auditlog.register(PolicyTestSuiteVersion)
auditlog.register(
    Connector,
    exclude_fields=["created_at", "next_due_at", "last_status", "last_run_at", "last_policy_allow"],
    m2m_fields={"controls"},
    mask_fields=["secret_encrypted"],
)
auditlog.register(ConnectorRun)
