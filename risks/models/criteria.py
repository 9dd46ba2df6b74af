from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from isms.access import AccessQuerySet
from risks.scoring import LEVELS


def default_likelihood_labels() -> list[str]:
    return ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]


def default_impact_labels() -> list[str]:
    return ["Negligible", "Minor", "Moderate", "Major", "Severe"]


def default_bands() -> list[dict]:
    return [
        {"level": "low", "min_score": 1},
        {"level": "medium", "min_score": 5},
        {"level": "high", "min_score": 10},
        {"level": "critical", "min_score": 17},
    ]


class RiskCriteriaQuerySet(AccessQuerySet):
    def current(self):
        """The newest version (None before the first migrate has seeded one)."""
        return self.order_by("-version").first()


class RiskCriteria(models.Model):
    """Scales, level bands and appetite (clause 6.1.2 a). Versioned: a revision is a new row,
    so every assessment keeps the criteria it was scored with."""

    version = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200, default="Risk criteria")
    likelihood_labels = models.JSONField(default=default_likelihood_labels)
    impact_labels = models.JSONField(default=default_impact_labels)
    bands = models.JSONField(default=default_bands, help_text='[{"level": "low", "min_score": 1}, ...]')
    appetite = models.PositiveIntegerField(
        validators=[MinValueValidator(1)], default=9,
        help_text="Highest residual score accepted without a formal acceptance.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RiskCriteriaQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name_plural = "risk criteria"

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("risks:criteria-detail")

    @property
    def max_score(self) -> int:
        return len(self.likelihood_labels) * len(self.impact_labels)

    def clean(self) -> None:
        errors = {}
        for field in ("likelihood_labels", "impact_labels"):
            labels = getattr(self, field)
            if not isinstance(labels, list) or not 2 <= len(labels) <= 10 or not all(
                isinstance(label, str) and label.strip() for label in labels
            ):
                errors[field] = "Give between 2 and 10 non-empty labels, lowest first."
        if not errors:
            errors.update(self._bands_errors())
        if errors:
            raise ValidationError(errors)

    def _bands_errors(self) -> dict:
        bands = self.bands
        try:
            levels = [band["level"] for band in bands]
            minimums = [int(band["min_score"]) for band in bands]
        except (TypeError, KeyError, ValueError):
            return {"bands": "Each band needs a level and a min_score."}
        if any(level not in LEVELS for level in levels) or len(set(levels)) != len(levels):
            return {"bands": f"Levels must be distinct, among {', '.join(LEVELS)}."}
        if not minimums or minimums[0] != 1 or minimums != sorted(set(minimums)):
            return {"bands": "Minimum scores must start at 1 and increase."}
        if minimums[-1] > self.max_score:
            return {"bands": f"A band starts above the highest score ({self.max_score})."}
        if self.appetite and self.appetite > self.max_score:
            return {"appetite": f"The appetite cannot exceed the highest score ({self.max_score})."}
        return {}


auditlog.register(RiskCriteria, exclude_fields=["created_at"])
