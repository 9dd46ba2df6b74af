from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from isms.access import AccessQuerySet

FROZEN = "Approved scope versions are frozen: create a new draft to change the scope."


class ScopeQuerySet(AccessQuerySet):
    def approved(self):
        return self.filter(status=Scope.Status.APPROVED)

    def drafts(self):
        return self.filter(status=Scope.Status.DRAFT)

    def latest_approved(self):
        """The scope in force (a one-row queryset, usable as a subquery)."""
        return self.approved().order_by("-version")[:1]


class Scope(models.Model):
    """The ISMS scope (clause 4.3), versioned: approved versions are frozen, at most one draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    version = models.PositiveIntegerField(unique=True)
    statement = models.TextField(help_text="The scope statement as it appears on the certificate.")
    organisational_boundaries = models.TextField(blank=True)
    technical_boundaries = models.TextField(blank=True)
    interfaces_and_dependencies = models.TextField(
        blank=True, help_text="Interfaces and dependencies between in-scope and out-of-scope activities."
    )
    assets = models.ManyToManyField(
        "assets.Asset", blank=True, related_name="scopes", verbose_name="in-scope assets"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopeQuerySet.as_manager()

    class Meta:
        db_table = "isms_scope"  # kept when it moved app
        ordering = ["-version"]
        permissions = [("approve_scope", "Can approve a scope version")]
        constraints = [
            models.UniqueConstraint(fields=["status"], condition=Q(status="draft"), name="scope_one_draft"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="scope_approved_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"Scope v{self.version} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("assets:scope-detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def clean(self) -> None:
        if self.pk and Scope.objects.approved().filter(pk=self.pk).exists():
            raise ValidationError(FROZEN)


auditlog.register(Scope, exclude_fields=["created_at", "updated_at"], m2m_fields={"assets"})


class ScopeExclusionQuerySet(AccessQuerySet):
    pass


class ScopeExclusion(models.Model):
    """Something deliberately left out of the scope, with the reason why (clause 4.3)."""

    scope = models.ForeignKey(Scope, on_delete=models.CASCADE, related_name="exclusions")
    what = models.CharField(max_length=200)
    justification = models.TextField()

    objects = ScopeExclusionQuerySet.as_manager()

    class Meta:
        db_table = "isms_scopeexclusion"  # kept when it moved app
        ordering = ["what"]

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        if self.scope_id and not Scope.objects.drafts().filter(pk=self.scope_id).exists():
            raise ValidationError(FROZEN)


auditlog.register(ScopeExclusion)
