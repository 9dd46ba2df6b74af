"""The internal audit programme (clause 9.2): audits planned per year, each with its scope
(ISO 27001 clauses and/or Annex A controls), a lead auditor, a checklist and a report."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from isms.access import AccessQuerySet

# The requirement clauses of ISO/IEC 27001:2022 an internal audit can cover.
CLAUSES = [
    ("4.1", "4.1 Understanding the organization and its context"),
    ("4.2", "4.2 Needs and expectations of interested parties"),
    ("4.3", "4.3 Scope of the ISMS"),
    ("4.4", "4.4 Information security management system"),
    ("5.1", "5.1 Leadership and commitment"),
    ("5.2", "5.2 Policy"),
    ("5.3", "5.3 Roles, responsibilities and authorities"),
    ("6.1", "6.1 Actions to address risks and opportunities"),
    ("6.2", "6.2 Information security objectives"),
    ("6.3", "6.3 Planning of changes"),
    ("7.1", "7.1 Resources"),
    ("7.2", "7.2 Competence"),
    ("7.3", "7.3 Awareness"),
    ("7.4", "7.4 Communication"),
    ("7.5", "7.5 Documented information"),
    ("8.1", "8.1 Operational planning and control"),
    ("8.2", "8.2 Information security risk assessment"),
    ("8.3", "8.3 Information security risk treatment"),
    ("9.1", "9.1 Monitoring, measurement, analysis and evaluation"),
    ("9.2", "9.2 Internal audit"),
    ("9.3", "9.3 Management review"),
    ("10.1", "10.1 Continual improvement"),
    ("10.2", "10.2 Nonconformity and corrective action"),
]
CLAUSE_TITLES = dict(CLAUSES)


class AuditProgramme(models.Model):
    """The audits planned for one year."""

    year = models.PositiveSmallIntegerField(unique=True)
    objectives = models.TextField(blank=True, help_text="What the programme sets out to assure.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Audit programme {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("audits:programme-detail", args=[self.pk])


class InternalAuditQuerySet(AccessQuerySet):
    def for_listing(self):
        return self.select_related("programme", "lead_auditor", "auditee").prefetch_related("controls")


class InternalAudit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        REPORTED = "reported", "Reported"

    programme = models.ForeignKey(AuditProgramme, on_delete=models.PROTECT, related_name="audits")
    title = models.CharField(max_length=200)
    clauses = models.JSONField(default=list, blank=True, help_text="ISO 27001 clauses in scope.")
    controls = models.ManyToManyField("controls.Control", blank=True, related_name="internal_audits")
    lead_auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_audits"
    )
    auditee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="process owner", help_text="Owner of the audited process (the auditee).",
    )
    planned_start = models.DateField()
    planned_end = models.DateField()
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    summary = models.TextField(blank=True)
    conclusion = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(null=True, blank=True)

    objects = InternalAuditQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_start", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("audits:audit-detail", args=[self.pk])

    def clean(self) -> None:
        unknown = [ref for ref in self.clauses if ref not in CLAUSE_TITLES]
        if unknown:
            raise ValidationError({"clauses": f"Unknown clause(s): {', '.join(unknown)}."})
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": "The audit cannot end before it starts."})

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.REPORTED


class ChecklistItem(models.Model):
    """One clause or control audited, with its result."""

    class Result(models.TextChoices):
        CONFORMING = "conforming", "Conforming"
        MINOR_NC = "minor_nc", "Minor nonconformity"
        MAJOR_NC = "major_nc", "Major nonconformity"
        OBSERVATION = "observation", "Observation"
        OFI = "ofi", "Opportunity for improvement"

    NC_RESULTS = (Result.MINOR_NC, Result.MAJOR_NC)

    audit = models.ForeignKey(InternalAudit, on_delete=models.CASCADE, related_name="items")
    clause = models.CharField(max_length=10, blank=True, choices=CLAUSES)
    control = models.ForeignKey(
        "controls.Control", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    result = models.CharField(max_length=20, choices=Result.choices, blank=True,
                              help_text="Empty until assessed.")
    notes = models.TextField(blank=True)
    evidence_refs = models.TextField(
        "evidence references", blank=True,
        help_text="What was sampled: records, evidence items, interviews (one per line).",
    )

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["audit", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(clause="") | models.Q(control__isnull=False),
                name="checklistitem_clause_or_control",
            )
        ]

    def __str__(self) -> str:
        return f"{self.audit}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("audits:audit-detail", args=[self.audit_id])

    @property
    def subject(self) -> str:
        return str(self.control) if self.control_id else CLAUSE_TITLES.get(self.clause, self.clause)

    @property
    def is_nonconformity(self) -> bool:
        return self.result in self.NC_RESULTS


auditlog.register(AuditProgramme)
auditlog.register(InternalAudit, m2m_fields={"controls"})
auditlog.register(ChecklistItem)
