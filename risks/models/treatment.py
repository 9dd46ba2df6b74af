from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from assets.models import Asset
from isms.access import AccessQuerySet


def snapshot_of(facts) -> dict:
    """{asset id: {model_version, artefact_sha256}} of the model-like assets among `facts`,
    (pk, kind, model_version, artefact_sha256) tuples."""
    return {
        str(pk): {"model_version": version, "artefact_sha256": digest}
        for pk, kind, version, digest in facts
        if kind in Asset.MODEL_CARD_KINDS
    }


def asset_snapshot(assets) -> dict:
    return snapshot_of((a.pk, a.kind, a.model_version, a.artefact_sha256) for a in assets)


def acceptance_state(residual_score: int, appetite: int, latest_acceptance, current_snapshot) -> str:
    """"not_needed", "needed" (none yet), "stale" (re-acceptance needed) or "accepted";
    `latest_acceptance` is (residual score at acceptance, asset snapshot) or None. A stale
    acceptance: the residual score or an affected model's version or digest has changed."""
    if residual_score <= appetite:
        return "not_needed"
    if latest_acceptance is None:
        return "needed"
    score_then, snapshot_then = latest_acceptance
    return "stale" if (score_then, snapshot_then) != (residual_score, current_snapshot) else "accepted"


class TreatmentActionQuerySet(AccessQuerySet):
    def not_done(self):
        return self.exclude(status=TreatmentAction.Status.DONE)

    def overdue(self):
        return self.not_done().filter(due_date__lt=timezone.localdate())


class TreatmentAction(models.Model):
    """One step of a risk treatment plan (clause 6.1.3 e), with an owner and a due date."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    risk = models.ForeignKey("risks.Risk", on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="treatment_actions"
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)

    objects = TreatmentActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("risks:risk-detail", args=[self.risk_id])

    @property
    def is_overdue(self) -> bool:
        return self.status != self.Status.DONE and self.due_date < timezone.localdate()


class RiskAcceptanceQuerySet(AccessQuerySet):
    def latest_per_risk(self):
        newer = RiskAcceptance.objects.filter(risk=models.OuterRef("risk"), pk__gt=models.OuterRef("pk"))
        return self.exclude(models.Exists(newer))

    def stale_risk_ids(self) -> list[int]:
        """Ids of risks whose newest acceptance is stale: two queries, whatever the count."""
        latest = self.latest_per_risk().select_related("risk").prefetch_related("risk__assets")
        return [acceptance.risk_id for acceptance in latest if acceptance.is_stale]


class RiskAcceptance(models.Model):
    """The risk owner's acceptance of a residual risk (clause 6.1.3 f), frozen with the facts
    it was based on: the residual score and each model-like asset's version and digest."""

    risk = models.ForeignKey("risks.Risk", on_delete=models.CASCADE, related_name="acceptances")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)
    justification = models.TextField()
    residual_score_at_acceptance = models.PositiveSmallIntegerField()
    asset_snapshot = models.JSONField(default=dict, blank=True)

    objects = RiskAcceptanceQuerySet.as_manager()

    class Meta:
        ordering = ["-accepted_at", "-pk"]

    def __str__(self) -> str:
        return f"Acceptance of {self.risk} by {self.accepted_by}"

    def get_absolute_url(self) -> str:
        return reverse("risks:risk-detail", args=[self.risk_id])

    @property
    def is_stale(self) -> bool:
        """True once the residual score or an affected model's version or digest has changed."""
        if self.residual_score_at_acceptance != self.risk.residual_score:
            return True
        return asset_snapshot(self.risk.assets.all()) != self.asset_snapshot


auditlog.register(TreatmentAction)
auditlog.register(RiskAcceptance)
