from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone

from isms.access import AccessQuerySet
from isms.counting import SubqueryCount
from risks.scoring import LEVELS, in_scale


class RiskQuerySet(AccessQuerySet):
    def open_for_change(self):
        """Risks whose assessment is not approved yet (approved ones are frozen)."""
        return self.exclude(assessment__status="approved")

    def with_action_counts(self):
        """open_action_count and overdue_action_count of each risk, in the register's order."""
        from risks.models.treatment import TreatmentAction

        # Counts as correlated subqueries, not a JOIN + GROUP BY over every risk: PostgreSQL
        # then sorts and limits first and counts only the rows of the page.
        open_actions = TreatmentAction.objects.filter(risk=OuterRef("pk")).not_done()
        return self.annotate(
            open_action_count=SubqueryCount(open_actions),
            overdue_action_count=SubqueryCount(open_actions.filter(due_date__lt=timezone.localdate())),
        ).order_by("-residual_score", "title", "pk")

    def for_register(self):
        """Everything a risk's page and the exports show, in a constant number of queries (the
        register's table reads plain values instead: risks.register_rows)."""
        from risks.models.treatment import RiskAcceptance

        acceptances = RiskAcceptance.objects.order_by("-accepted_at", "-pk")
        related = self.select_related("assessment__criteria", "threat", "owner")
        return related.with_action_counts().prefetch_related(
            "assets", Prefetch("acceptances", queryset=acceptances)
        )

    def above_appetite(self):
        return self.filter(residual_score__gt=models.F("assessment__criteria__appetite"))

    def with_overdue_actions(self):
        today = timezone.localdate()
        return self.filter(actions__due_date__lt=today).exclude(actions__status="done").distinct()

    def with_stale_acceptance(self):
        from risks.models.treatment import RiskAcceptance

        return self.filter(pk__in=RiskAcceptance.objects.stale_risk_ids())


class Risk(models.Model):
    """An asset x threat scenario in one assessment, scored before and after treatment."""

    class Treatment(models.TextChoices):
        MODIFY = "modify", "Modify (apply controls)"
        RETAIN = "retain", "Retain"
        AVOID = "avoid", "Avoid"
        SHARE = "share", "Share"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        TREATING = "treating", "Being treated"
        CLOSED = "closed", "Closed"

    # Stored as the scoring's lower-case names ("high"), shown title-cased ("High").
    Level = models.TextChoices("Level", [(level.upper(), (level, level.title())) for level in LEVELS])

    assessment = models.ForeignKey("risks.RiskAssessment", on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(max_length=200)
    assets = models.ManyToManyField("assets.Asset", blank=True, related_name="risks")
    threat = models.ForeignKey("risks.Threat", on_delete=models.PROTECT, related_name="risks")
    vulnerability = models.TextField(blank=True)
    consequence = models.TextField(blank=True)
    inherent_likelihood = models.PositiveSmallIntegerField()
    inherent_impact = models.PositiveSmallIntegerField()
    inherent_score = models.PositiveSmallIntegerField(editable=False, default=0)
    inherent_level = models.CharField(max_length=10, choices=Level.choices, editable=False, default="low")
    treatment = models.CharField(max_length=10, choices=Treatment.choices, default=Treatment.MODIFY)
    controls = models.ManyToManyField("controls.Control", related_name="risks", blank=True)
    residual_likelihood = models.PositiveSmallIntegerField()
    residual_impact = models.PositiveSmallIntegerField()
    residual_score = models.PositiveSmallIntegerField(editable=False, default=0)
    residual_level = models.CharField(max_length=10, choices=Level.choices, editable=False, default="low")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_risks")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["-residual_score", "title"]
        permissions = [("accept_risk", "Can accept the residual risk")]
        # The register's order within an assessment: a page is read off the index instead of
        # sorting every risk of the assessment (docs/performance.md).
        indexes = [
            models.Index(fields=["assessment", "-residual_score", "title", "id"], name="risk_register_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("risks:risk-detail", args=[self.pk])

    def clean(self) -> None:
        if not self.assessment_id:
            return
        criteria = self.assessment.criteria
        errors = {}
        for prefix in ("inherent", "residual"):
            for axis, labels in (("likelihood", criteria.likelihood_labels),
                                 ("impact", criteria.impact_labels)):
                field = f"{prefix}_{axis}"
                if not in_scale(getattr(self, field), labels):
                    errors[field] = f"Choose a value from 1 to {len(labels)}."
        if errors:
            raise ValidationError(errors)

    @property
    def above_appetite(self) -> bool:
        return self.residual_score > self.assessment.criteria.appetite

    @property
    def current_acceptance(self):
        """The newest acceptance (uses the register's prefetch when present)."""
        acceptances = list(self.acceptances.all())
        return max(acceptances, key=lambda a: a.pk) if acceptances else None

    @property
    def acceptance_state(self) -> str:
        """"not_needed", "needed" (none yet), "stale" (re-acceptance needed) or "accepted"."""
        from risks.models.treatment import acceptance_state, asset_snapshot

        if not self.above_appetite:
            return "not_needed"
        acceptance = self.current_acceptance
        latest = acceptance and (acceptance.residual_score_at_acceptance, acceptance.asset_snapshot)
        return acceptance_state(self.residual_score, self.assessment.criteria.appetite, latest,
                                asset_snapshot(self.assets.all()))


auditlog.register(Risk, m2m_fields={"assets", "controls"})
