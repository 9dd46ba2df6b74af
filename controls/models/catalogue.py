from auditlog.registry import auditlog
from django.db import models
from django.urls import reverse

from isms.access import AccessQuerySet


class Framework(models.Model):
    """A control catalogue (ISO/IEC 27001:2022 Annex A, later ISO/IEC 42001 Annex A)."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=20)
    publisher = models.CharField(max_length=100)

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ControlQuerySet(AccessQuerySet):
    def in_framework(self, code: str):
        return self.filter(framework__code=code)


class Control(models.Model):
    """One catalogue row; `guidance` is our own text on what it means for an SLM deployment."""

    class Theme(models.TextChoices):
        ORGANIZATIONAL = "organizational", "Organizational"
        PEOPLE = "people", "People"
        PHYSICAL = "physical", "Physical"
        TECHNOLOGICAL = "technological", "Technological"

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="controls")
    ref = models.CharField("reference", max_length=20)
    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=20, choices=Theme.choices)
    guidance = models.TextField(blank=True)
    position = models.PositiveIntegerField(help_text="Catalogue order (so 5.10 sorts after 5.9).")

    objects = ControlQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "ref"], name="control_ref_unique_in_framework")
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("controls:control-detail", args=[self.pk])


auditlog.register(Framework)
auditlog.register(Control)
