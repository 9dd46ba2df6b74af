"""Staff training and awareness records (clauses 7.2 competence and 7.3 awareness)."""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from isms.access import AccessQuerySet


class PersonQuerySet(AccessQuerySet):
    def active(self):
        return self.filter(active=True)


class Person(models.Model):
    """Someone who must be trained; may be linked to a user account (for asset-based rules)."""

    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    team = models.CharField(max_length=100, blank=True)
    job_role = models.CharField(max_length=100, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person",
    )
    active = models.BooleanField(default=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        db_table = "isms_person"  # kept when it moved app
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("training:person-detail", args=[self.pk])


auditlog.register(Person)


class CourseQuerySet(AccessQuerySet):
    pass


class Course(models.Model):
    class Topic(models.TextChoices):
        SECURITY_AWARENESS = "security_awareness", "Security awareness"
        SECURE_SLM_DEVELOPMENT = "secure_slm_development", "Secure SLM development"
        PRIVACY_PII = "privacy_pii", "Privacy and PII"
        INCIDENT_RESPONSE = "incident_response", "Incident response"
        OTHER = "other", "Other"

    title = models.CharField(max_length=200, unique=True)
    topic = models.CharField(max_length=30, choices=Topic.choices, default=Topic.OTHER)
    provider = models.CharField(max_length=200, blank=True)
    validity_months = models.PositiveSmallIntegerField(default=12, validators=[MinValueValidator(1)])
    teams = models.JSONField(default=list, blank=True, help_text="Teams who must take it.")
    job_roles = models.JSONField(default=list, blank=True, help_text="Job roles who must take it.")
    audience_assets = models.ManyToManyField(
        "assets.Asset", blank=True, related_name="required_courses",
        help_text="People who own or are assigned to these assets must take it.",
    )
    audience_pii_assets = models.BooleanField(
        default=False, help_text="Everyone owning or assigned to an asset holding personal data.",
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        db_table = "isms_course"  # kept when it moved app
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(validity_months__gte=1), name="course_validity_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title


auditlog.register(Course, m2m_fields={"audience_assets"})


class TrainingRecordQuerySet(AccessQuerySet):
    def expiring_within(self, days: int, today: datetime.date | None = None):
        today = today or datetime.date.today()
        return self.filter(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=days))

    def expired(self, today: datetime.date | None = None):
        return self.filter(expires_on__lt=today or datetime.date.today())

    def current(self, today: datetime.date | None = None):
        return self.filter(expires_on__gte=today or datetime.date.today())

    def of_user(self, user):
        return self.filter(person__user=user) if user.is_authenticated else self.none()


class TrainingRecord(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="training_records")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    expires_on = models.DateField()
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    certificate = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="training_records",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        db_table = "isms_trainingrecord"  # kept when it moved app
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course", "completed_on"], name="training_record_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.course} ({self.completed_on})"


auditlog.register(TrainingRecord, exclude_fields=["created_at"])
