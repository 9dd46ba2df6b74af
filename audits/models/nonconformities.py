"""Nonconformities and corrective actions (clause 10.2), closed only after an effectiveness
check (the rules live in audits.services.nonconformities)."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from isms.access import AccessQuerySet


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class ActionQuerySet(AccessQuerySet):
    """Shared by corrective actions and management-review actions."""

    def not_done(self):
        return self.exclude(status=ActionStatus.DONE)

    def overdue(self, on=None):
        return self.not_done().filter(due_date__lt=on or timezone.localdate())


class NonconformityQuerySet(AccessQuerySet):
    def for_listing(self):
        today = timezone.localdate()
        not_done = ~Q(actions__status=ActionStatus.DONE)
        return self.select_related("raised_by", "checklist_item__audit").annotate(
            action_count=Count("actions", distinct=True),
            open_action_count=Count("actions", filter=not_done, distinct=True),
            overdue_action_count=Count("actions", filter=not_done & Q(actions__due_date__lt=today),
                                       distinct=True),
        )

    def not_closed(self):
        return self.exclude(status=Nonconformity.Status.CLOSED)

    def with_overdue_actions(self):
        return self.filter(pk__in=CorrectiveAction.objects.overdue().values("nonconformity"))


class Nonconformity(models.Model):
    class Source(models.TextChoices):
        INTERNAL_AUDIT = "internal_audit", "Internal audit"
        EXTERNAL_AUDIT = "external_audit", "External audit"
        INCIDENT = "incident", "Incident"
        CONNECTOR_CHECK = "connector_check", "Failed connector check"
        OTHER = "other", "Other"

    class Severity(models.TextChoices):
        MINOR = "minor", "Minor"
        MAJOR = "major", "Major"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACTION_PLANNED = "action_planned", "Action planned"
        AWAITING_CHECK = "awaiting_check", "Awaiting effectiveness check"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    source = models.CharField(max_length=20, choices=Source.choices)
    checklist_item = models.OneToOneField(
        "audits.ChecklistItem", on_delete=models.PROTECT, null=True, blank=True,
        related_name="nonconformity", help_text="The audit finding it was raised from.",
    )
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, null=True, blank=True,
        related_name="nonconformities", help_text="The security incident it was raised from.",
    )
    description = models.TextField()
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MINOR)
    root_cause = models.TextField(blank=True)
    correction = models.TextField(blank=True, help_text="What was done at once to contain it.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField(default=timezone.localdate)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = NonconformityQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = "nonconformity"
        verbose_name_plural = "nonconformities"

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("audits:nc-detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"NC-{self.pk:04d}" if self.pk else "NC-new"

    def clean(self) -> None:
        if self.source == self.Source.INTERNAL_AUDIT and not self.checklist_item_id:
            raise ValidationError({"checklist_item": "Link the audit checklist item it was raised from."})
        if self.source == self.Source.INCIDENT and not self.incident_id:
            raise ValidationError({"incident": "Link the incident it was raised from."})
        if self.checklist_item_id and not self.checklist_item.is_nonconformity:
            raise ValidationError(
                {"checklist_item": "Only a minor or major nonconformity finding raises a nonconformity."}
            )


class CorrectiveAction(models.Model):
    nonconformity = models.ForeignKey(Nonconformity, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="corrective_actions")
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("audits:nc-detail", args=[self.nonconformity_id])

    @property
    def is_overdue(self) -> bool:
        return self.status != ActionStatus.DONE and self.due_date < timezone.localdate()


class EffectivenessCheck(models.Model):
    nonconformity = models.ForeignKey(Nonconformity, on_delete=models.CASCADE, related_name="checks")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)
    effective = models.BooleanField(help_text="Did the actions remove the cause (no recurrence)?")
    notes = models.TextField(blank=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        verdict = "effective" if self.effective else "not effective"
        return f"Check of {self.nonconformity.reference}: {verdict}"

    def get_absolute_url(self) -> str:
        return reverse("audits:nc-detail", args=[self.nonconformity_id])


auditlog.register(Nonconformity)
auditlog.register(CorrectiveAction)
auditlog.register(EffectivenessCheck)
