from auditlog.registry import auditlog
from django.db import models
from django.urls import reverse

from isms.access import AccessQuerySet


class ThreatQuerySet(AccessQuerySet):
    def active(self):
        return self.filter(retired=False)


class Threat(models.Model):
    """A threat from the library (MITRE ATLAS, OWASP LLM Top 10, ...) or one an officer added."""

    class Property(models.TextChoices):
        CONFIDENTIALITY = "confidentiality", "Confidentiality"
        INTEGRITY = "integrity", "Integrity"
        AVAILABILITY = "availability", "Availability"
        PRIVACY = "privacy", "Privacy"

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    reference = models.CharField(max_length=50, blank=True, help_text="e.g. AML.T0024 or LLM01:2025")
    source = models.CharField(max_length=100, blank=True, help_text="e.g. MITRE ATLAS, OWASP LLM Top 10")
    description = models.TextField(blank=True)
    affects = models.JSONField(default=list, blank=True, help_text="Affected properties (C/I/A/privacy).")
    asset_kinds = models.JSONField(default=list, blank=True, help_text="Asset kinds the threat applies to.")
    suggested_controls = models.ManyToManyField("controls.Control", blank=True, related_name="threats")
    is_seeded = models.BooleanField(default=False, editable=False)
    retired = models.BooleanField(default=False)

    objects = ThreatQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})" if self.reference else self.name

    def get_absolute_url(self) -> str:
        return reverse("risks:threat-detail", args=[self.pk])


    def applies_to(self, kind: str) -> bool:
        return kind in self.asset_kinds


auditlog.register(Threat, m2m_fields={"suggested_controls"})
