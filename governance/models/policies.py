"""Policies and documents (clause 5.2, Annex A 5.1): versioned, approved by officers, frozen once
approved, and acknowledged by staff per version."""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max, Q
from django.urls import reverse

from isms.access import AccessQuerySet

FROZEN = "Approved policy versions are frozen: create a new version to change the policy."


class PolicyQuerySet(AccessQuerySet):
    def overdue(self, today: datetime.date | None = None):
        return self.filter(next_review_date__lt=today or datetime.date.today())

    def for_listing(self):
        """With the number of the version in force and whether a draft waits for approval."""
        return self.select_related("owner").annotate(
            current_number=Max("versions__number", filter=Q(versions__status="approved")),
            drafts=Count("versions", filter=Q(versions__status="draft")),
        ).order_by("kind", "title")  # aggregation drops Meta.ordering


class Policy(models.Model):
    """The information security policy or a topic-specific policy."""

    class Kind(models.TextChoices):
        INFOSEC = "infosec", "Information security policy"
        TOPIC = "topic", "Topic-specific policy"
        PROCEDURE = "procedure", "Procedure or standard"

    class Topic(models.TextChoices):
        GENERAL = "general", "General"
        SLM_ACCEPTABLE_USE = "slm_acceptable_use", "Acceptable use of SLMs"
        AI_DATA_HANDLING = "ai_data_handling", "AI data handling"
        ACCESS_CONTROL = "access_control", "Access control"
        SUPPLIER = "supplier", "Supplier relationships"
        INCIDENT = "incident", "Incident management"
        CRYPTOGRAPHY = "cryptography", "Cryptography"
        OTHER = "other", "Other"

    title = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    topic = models.CharField(max_length=30, choices=Topic.choices, default=Topic.GENERAL)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_policies"
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="Months between reviews; approving a version sets the next review date."
    )
    next_review_date = models.DateField()
    last_reviewed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name_plural = "policies"
        permissions = [("review_policy", "Can record that a policy was reviewed")]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_interval_months__gte=1), name="policy_review_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:policy-detail", args=[self.pk])

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.next_review_date < (today or datetime.date.today())


auditlog.register(Policy, exclude_fields=["created_at", "updated_at"])


class PolicyVersionQuerySet(AccessQuerySet):
    def approved(self):
        return self.filter(status=PolicyVersion.Status.APPROVED)

    def drafts(self):
        return self.filter(status=PolicyVersion.Status.DRAFT)


class PolicyVersion(models.Model):
    """One version of a policy: text and/or a document stored as evidence (hashed, append-only).
    draft -> approved (frozen) -> superseded when a later version is approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded"

    # PROTECT: deleting a policy must not cascade over its frozen versions.
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True, help_text="Plain text; shown as written.")
    document = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The policy document, stored as an evidence item.",
    )
    change_summary = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["policy", "-number"]
        permissions = [
            ("approve_policyversion", "Can approve a policy version"),
            ("acknowledge_policyversion", "Can acknowledge a policy version for oneself"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policyversion_unique_number"),
            models.UniqueConstraint(
                fields=["policy"], condition=Q(status="draft"), name="policyversion_one_draft"
            ),
            models.UniqueConstraint(
                fields=["policy"], condition=Q(status="approved"), name="policyversion_one_in_force"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="policyversion_approved_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy} v{self.number}"

    def save(self, *args, **kwargs):
        # The frozen rule is guarded here as well as in the services: an approved text must
        # never change, whoever calls save().
        if self._frozen_change():
            raise ValidationError(FROZEN)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("governance:policy-detail", args=[self.policy_id])

    def delete(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk).exclude(status=self.Status.DRAFT).exists():
            raise ValidationError(FROZEN)
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def clean(self) -> None:
        if not self.text.strip() and not self.document_id:
            raise ValidationError("A policy version needs its text, a document or both.")

    def _frozen_change(self) -> bool:
        """True when this save would change a frozen (approved or superseded) row; the one
        change allowed is approved -> superseded, nothing else."""
        if not self.pk:
            return False
        stored = type(self).objects.filter(pk=self.pk).first()
        if stored is None or stored.status == self.Status.DRAFT:
            return False
        changed = {
            f.attname for f in self._meta.concrete_fields
            if getattr(stored, f.attname) != getattr(self, f.attname)
        }
        retiring = stored.status == self.Status.APPROVED and self.status == self.Status.SUPERSEDED
        return bool(changed - ({"status"} if retiring else set()))


auditlog.register(PolicyVersion, exclude_fields=["created_at"])


class AcknowledgementQuerySet(AccessQuerySet):
    pass


class Acknowledgement(models.Model):
    """A person has read and accepted one approved policy version (clause 7.3 awareness)."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    person = models.ForeignKey("training.Person", on_delete=models.CASCADE, related_name="acknowledgements")
    acknowledged_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AcknowledgementQuerySet.as_manager()

    class Meta:
        ordering = ["-acknowledged_on", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="acknowledgement_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} acknowledged {self.version}"


auditlog.register(Acknowledgement, exclude_fields=["created_at"])
