"""Management reviews (clause 9.3): the meeting, its inputs (a frozen snapshot computed from
the ISMS's own data), decisions, actions and minutes."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from audits.models.nonconformities import ActionQuerySet, ActionStatus
from isms.access import AccessQuerySet


class ManagementReview(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        HELD = "held", "Held"
        APPROVED = "approved", "Minutes approved"

    title = models.CharField(max_length=200, default="ISMS management review")
    date = models.DateField()
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    external_attendees = models.TextField(
        blank=True, help_text="People without an account, one per line (name, role, organisation)."
    )
    interested_party_feedback = models.TextField(
        blank=True, help_text="Feedback from interested parties (9.3.2 e), one point per line.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    inputs = models.JSONField(default=list, blank=True, editable=False)
    inputs_since = models.DateField(null=True, blank=True, editable=False)
    inputs_prepared_at = models.DateTimeField(null=True, blank=True, editable=False)
    decisions = models.TextField(blank=True, help_text="Decisions on improvement and changes (9.3.3).")
    minutes = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def get_absolute_url(self) -> str:
        return reverse("audits:review-detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def external_attendee_list(self) -> list[str]:
        return [line.strip() for line in self.external_attendees.splitlines() if line.strip()]


class ReviewAction(models.Model):
    """An action decided at a review; its status is an input (9.3.2 a) of the next review."""

    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_actions"
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("audits:review-detail", args=[self.review_id])

    @property
    def is_overdue(self) -> bool:
        return self.status != ActionStatus.DONE and self.due_date < timezone.localdate()


auditlog.register(ManagementReview, m2m_fields={"attendees"})
auditlog.register(ReviewAction)
