from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from isms.access import AccessQuerySet


class AssetQuerySet(AccessQuerySet):
    def of_kind(self, *kinds: str):
        return self.filter(kind__in=kinds)

    def owned_by(self, user):
        return self.filter(owner=user)

    def with_pii(self):
        return self.filter(holds_pii=True)

    def in_scope(self):
        """Assets of the ISMS scope in force (the latest approved version), as a subquery."""
        from assets.models.scope import Scope  # scope.py imports this module

        in_force = Scope.objects.approved().order_by("-version").values("pk")[:1]
        return self.filter(pk__in=Scope.assets.through.objects.filter(scope__in=in_force).values("asset_id"))

    def for_export(self):
        """What the CSV export and the ML-BOM read, in a constant number of queries."""
        return self.select_related("owner").prefetch_related("depends_on", "training_datasets")


class Asset(models.Model):
    """An SLM asset in the inventory (clause 5.9): a model, a dataset, an endpoint, ...
    Models, datasets and endpoints carry model-card facts in the same row."""

    class Kind(models.TextChoices):
        MODEL = "model", "Model"
        DATASET = "dataset", "Dataset"
        ENDPOINT = "endpoint", "Inference endpoint"
        PIPELINE = "pipeline", "Pipeline"
        APPLICATION = "application", "Application"
        INFRASTRUCTURE = "infrastructure", "Infrastructure"
        SUPPLIER_SERVICE = "supplier_service", "Supplier service"

    class Classification(models.TextChoices):
        PUBLIC = "public", "Public"
        INTERNAL = "internal", "Internal"
        CONFIDENTIAL = "confidential", "Confidential"
        RESTRICTED = "restricted", "Restricted"

    class Rating(models.IntegerChoices):
        LOW = 1, "Low"
        MEDIUM = 2, "Medium"
        HIGH = 3, "High"
        VERY_HIGH = 4, "Very high"

    class Hosting(models.TextChoices):
        ON_PREMISES = "on_premises", "On-premises"
        CLOUD = "cloud", "Cloud"
        VENDOR = "vendor", "Vendor-hosted"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DEVELOPMENT = "development", "In development"
        PRODUCTION = "production", "In production"
        RETIRED = "retired", "Retired"

    MODEL_CARD_KINDS = (Kind.MODEL, Kind.DATASET, Kind.ENDPOINT)

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_assets")
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_assets",
        help_text="People who operate or maintain the asset besides its owner.",
    )
    classification = models.CharField(max_length=20, choices=Classification.choices, default="internal")
    confidentiality = models.PositiveSmallIntegerField(choices=Rating.choices, default=Rating.MEDIUM)
    integrity = models.PositiveSmallIntegerField(choices=Rating.choices, default=Rating.MEDIUM)
    availability = models.PositiveSmallIntegerField(choices=Rating.choices, default=Rating.MEDIUM)
    holds_pii = models.BooleanField("holds personal data", default=False)
    pii_categories = models.JSONField(default=list, blank=True, help_text="e.g. contact, health, financial")
    hosting = models.CharField(max_length=20, choices=Hosting.choices, default=Hosting.CLOUD)
    region = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRODUCTION)
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="dependents",
        help_text="Assets this one needs, e.g. endpoint -> model -> training dataset.",
    )

    # Model-card facts (models, datasets, endpoints)
    base_model = models.CharField(max_length=200, blank=True)
    model_version = models.CharField(max_length=100, blank=True)
    parameter_count = models.BigIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    architecture = models.CharField(max_length=200, blank=True)
    licence = models.CharField(max_length=200, blank=True)
    training_datasets = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="trained_models",
        limit_choices_to={"kind": "dataset"}, help_text="Training-data provenance.",
    )
    data_provenance = models.TextField(
        blank=True, help_text="Where the data comes from and under what terms."
    )
    intended_use = models.TextField(blank=True)
    out_of_scope_use = models.TextField(blank=True)
    limitations = models.TextField("known limitations", blank=True)
    evaluation_results = models.TextField(blank=True)
    artefact_sha256 = models.CharField(
        "artefact SHA-256", max_length=64, blank=True,
        validators=[RegexValidator(r"^[0-9a-f]{64}$", "64 lower-case hex digits.")],
        help_text="Digest of the deployed weights file or container image.",
    )
    endpoint_url = models.URLField(blank=True)
    authentication_method = models.CharField(max_length=100, blank=True)
    encrypted_at_rest = models.BooleanField(null=True, blank=True)
    encrypted_in_transit = models.BooleanField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssetQuerySet.as_manager()

    class Meta:
        db_table = "isms_asset"  # kept when it moved app
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assets:asset-detail", args=[self.pk])


    @property
    def has_model_card(self) -> bool:
        return self.kind in self.MODEL_CARD_KINDS


auditlog.register(
    Asset,
    exclude_fields=["created_at", "updated_at"],
    m2m_fields={"assignees", "depends_on", "training_datasets"},
)
