from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from isms.access import AccessQuerySet


class RiskAssessmentQuerySet(AccessQuerySet):
    def approved(self):
        return self.filter(status=RiskAssessment.Status.APPROVED)

    def last_approved(self):
        return self.approved().order_by("-assessment_date", "-pk").first()

    def current(self):
        """The assessment people work on: the newest draft or in review, else the last approved
        (one query: open assessments sort first)."""
        approved = models.ExpressionWrapper(Q(status=RiskAssessment.Status.APPROVED), models.BooleanField())
        return self.order_by(approved.asc(), "-assessment_date", "-pk").first()


class RiskAssessment(models.Model):
    """A dated risk-assessment exercise (clauses 6.1.2 and 8.2); frozen once approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"

    title = models.CharField(max_length=200)
    assessment_date = models.DateField(default=timezone.localdate)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="risk_assessments"
    )
    criteria = models.ForeignKey("risks.RiskCriteria", on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    scope_notes = models.TextField(blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )

    objects = RiskAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessment_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.assessment_date})"

    def get_absolute_url(self) -> str:
        return reverse("risks:assessment-detail", args=[self.pk])


    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.APPROVED


auditlog.register(RiskAssessment)
