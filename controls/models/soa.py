from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from assets.models import Asset
from isms.access import AccessQuerySet
from isms.models import User


class SoAEntryQuerySet(AccessQuerySet):
    def for_listing(self):
        """Entries with their control, owner, assignees and assets (the API and the edit form)."""
        return self.select_related("control", "owner").prefetch_related(
            # Only what is shown: full asset rows (model cards) cost more than the page.
            Prefetch("assignees", queryset=User.objects.only("username", "first_name", "last_name")),
            Prefetch("assets", queryset=Asset.objects.only("name")),
        )

    def in_catalogue_order(self):
        return self.order_by("control__framework__code", "control__position")

    def assigned_to(self, user):
        return self.filter(assignees=user)

    def undecided(self):
        return self.filter(applicable__isnull=True)


class SoAEntry(models.Model):
    """The Statement of Applicability row of one control (clause 6.1.3 d): is it applicable,
    why (either way), how far it is implemented, who owns it and which assets it covers."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        PLANNED = "planned", "Planned"
        PARTIAL = "partial", "Partially implemented"
        IMPLEMENTED = "implemented", "Implemented"

    class CheckStatus(models.TextChoices):
        PASS = "pass", "Pass"
        FAIL = "fail", "Fail"
        UNKNOWN = "unknown", "Unknown"

    EXCLUDED_LABEL = "Excluded"

    control = models.OneToOneField(
        "controls.Control", on_delete=models.CASCADE, related_name="soa_entry"
    )
    applicable = models.BooleanField(null=True, blank=True, help_text="Empty until decided.")
    justification = models.TextField(
        blank=True, help_text="Why the control is included or excluded (required once decided)."
    )
    implementation_status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NOT_STARTED,
        help_text="Ignored (shown as Excluded) when the control is not applicable.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="owned_soa_entries",
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_soa_entries",
        help_text="Engineers who attach evidence for this control.",
    )
    implementation = models.TextField(blank=True, help_text="How the control is implemented.")
    assets = models.ManyToManyField("assets.Asset", blank=True, related_name="soa_entries")
    last_reviewed = models.DateField(null=True, blank=True)
    automated_check_status = models.CharField(
        max_length=10, choices=CheckStatus.choices, default=CheckStatus.UNKNOWN,
        help_text="Set by evidence connectors.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SoAEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "SoA entry"
        verbose_name_plural = "SoA entries"
        ordering = ["control__framework__code", "control__position"]
        permissions = [("attach_evidence_soaentry", "Can attach evidence to the SoA entry")]
        constraints = [
            models.CheckConstraint(
                condition=Q(applicable__isnull=True) | ~Q(justification=""),
                name="soaentry_decision_has_justification",
            )
        ]

    def __str__(self) -> str:
        return f"SoA {self.control}"

    def get_absolute_url(self) -> str:
        return reverse("controls:control-detail", args=[self.control_id])

    def clean(self) -> None:
        if self.applicable is not None and not self.justification.strip():
            verdict = "including" if self.applicable else "excluding"
            raise ValidationError({"justification": f"Give a justification for {verdict} this control."})

    @property
    def applicability_label(self) -> str:
        return {True: "Yes", False: "No", None: "Undecided"}[self.applicable]

    @property
    def status_label(self) -> str:
        """What to show for the status: a not-applicable control is simply excluded."""
        return self.EXCLUDED_LABEL if self.applicable is False else self.get_implementation_status_display()

    @property
    def status_key(self) -> str:
        return "excluded" if self.applicable is False else self.implementation_status


auditlog.register(SoAEntry, exclude_fields=["updated_at"], m2m_fields={"assignees", "assets"})
