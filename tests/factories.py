"""Shared factory_boy factories. Role helpers put users in the role groups that
isms.roles maintains (migrations create them)."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from auditors.models import AuditEngagement
from isms.models import User
from isms.roles import AUDITOR, ENGINEER, GROUP_NAMES, OFFICER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery-staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=GROUP_NAMES[extracted]))


class AuditEngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEngagement
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Engagement {n}")
    audit_firm = "Northbridge Certification Ltd"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    @factory.post_generation
    def auditors(self, create, extracted, **kwargs):
        if create and extracted:
            self.auditors.set(extracted)


def officer(**kwargs) -> User:
    return UserFactory(role=OFFICER, **kwargs)


def engineer(**kwargs) -> User:
    return UserFactory(role=ENGINEER, **kwargs)


def auditor(active: bool = True, **kwargs) -> User:
    """An auditor on an engagement that is running today (or ended a week ago)."""
    user = UserFactory(role=AUDITOR, **kwargs)
    today = timezone.localdate()
    if active:
        AuditEngagementFactory(auditors=[user])
    else:
        AuditEngagementFactory(
            auditors=[user],
            start_date=today - datetime.timedelta(days=60),
            end_date=today - datetime.timedelta(days=7),
        )
    return user


def totp_device(user, confirmed: bool = True, key: str | None = None):
    """A TOTP device of the user (a random secret unless `key`, hex, is given)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    fields = {"key": key} if key else {}
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=confirmed, **fields)
    if confirmed and not user.mfa_enrolled:
        user.mfa_enrolled = True
        user.save(update_fields=["mfa_enrolled"])
    return device


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assets.Asset"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"asset-{n}")
    kind = "model"
    owner = factory.SubFactory(UserFactory)
    classification = "confidential"


def upload(name: str = "report.pdf", content: bytes = b"%PDF-1.4\n% evidence\n1 0 obj\n<<>>\nendobj\n"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def evidence(user, *, controls=(), assets=(), files=None, **kwargs):
    """Evidence created through the service, as a user would."""
    from evidence.services import create_evidence

    kwargs.setdefault("title", "Branch protection export")
    kwargs.setdefault("effective_date", timezone.localdate())
    return create_evidence(
        acting_user=user, files=[upload()] if files is None else files, controls=list(controls),
        assets=list(assets), **kwargs,
    )


def soa_entry(ref: str = "5.1"):
    """The SoA entry of an Annex A control (every control has one after migrate)."""
    from controls.models import SoAEntry

    return SoAEntry.objects.select_related("control").get(control__ref=ref)


def asset_owned(owner, **kwargs):
    """An asset whose owner holds guardian change_asset, as the asset services leave it."""
    from guardian.shortcuts import assign_perm

    asset = AssetFactory(owner=owner, **kwargs)
    assign_perm("assets.change_asset", owner, asset)
    return asset


class ScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assets.Scope"
        skip_postgeneration_save = True

    version = factory.Sequence(lambda n: n + 1)
    statement = "Design, training and operation of the customer-support SLM platform."
    status = "approved"
    created_by = factory.SubFactory(UserFactory)
    approved_by = factory.LazyAttribute(lambda s: s.created_by if s.status == "approved" else None)
    approved_at = factory.LazyAttribute(lambda s: timezone.now() if s.status == "approved" else None)


# --- risks -----------------------------------------------------------------------------------


class ThreatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "risks.Threat"
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"test-threat-{n}")
    name = factory.Sequence(lambda n: f"Test threat {n}")
    reference = "AML.T0000"
    source = "Test"
    affects = factory.LazyFunction(lambda: ["confidentiality"])
    asset_kinds = factory.LazyFunction(lambda: ["model", "endpoint"])


def criteria():
    from risks.catalogue import criteria_seed

    return criteria_seed()


class RiskAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "risks.RiskAssessment"

    title = factory.Sequence(lambda n: f"Assessment {n}")
    assessor = factory.SubFactory(UserFactory)
    criteria = factory.LazyFunction(criteria)


def risk(acting_user, assessment=None, **fields):
    """A risk created through the service (scores stored as in production)."""
    from risks.services import create_risk

    defaults = {
        "title": "Prompt injection exfiltrates tickets",
        "threat": ThreatFactory(),
        "inherent_likelihood": 4, "inherent_impact": 4,
        "residual_likelihood": 2, "residual_impact": 3,
        "owner": acting_user,
    }
    return create_risk(
        acting_user=acting_user, assessment=assessment or RiskAssessmentFactory(assessor=acting_user),
        **{**defaults, **fields},
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Person"

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    team = "ML Platform"
    job_role = "ML engineer"


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Course"

    title = factory.Sequence(lambda n: f"Course {n}")
    topic = "security_awareness"
    validity_months = 12
    teams = factory.LazyFunction(lambda: ["ML Platform"])


def training_record(person, course, completed_on, **kwargs):
    """A record with its expiry computed like the service does."""
    from training.models import TrainingRecord
    from training.services import expiry_of

    return TrainingRecord.objects.create(
        person=person, course=course, completed_on=completed_on,
        expires_on=expiry_of(course, completed_on), **kwargs,
    )


# --- governance (policies and objectives) ----------------------------------------------------


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Policy"

    title = factory.Sequence(lambda n: f"Policy {n}")
    kind = "topic"
    topic = "slm_acceptable_use"
    owner = factory.SubFactory(UserFactory)
    next_review_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))


class PolicyVersionFactory(factory.django.DjangoModelFactory):
    """A version; status="approved" fills in the approver as the approve service would."""

    class Meta:
        model = "governance.PolicyVersion"

    policy = factory.SubFactory(PolicyFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Use approved SLM endpoints only."
    status = "draft"
    created_by = factory.SubFactory(UserFactory)
    approved_by = factory.LazyAttribute(lambda v: v.created_by if v.status != "draft" else None)
    approved_at = factory.LazyAttribute(lambda v: timezone.now() if v.status != "draft" else None)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Objective"

    title = factory.Sequence(lambda n: f"Objective {n}")
    measure = "Share of applicable Annex A controls implemented"
    target_value = 90
    unit = "%"
    direction = "higher"
    owner = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=180))


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Measurement"

    objective = factory.SubFactory(ObjectiveFactory)
    date = factory.LazyFunction(timezone.localdate)
    value = 80
# --- incidents -------------------------------------------------------------------------------
def incident(reporter, *, officer=None, breach_aware_at=None, high_risk=False, assets=(), **fields):
    """An event reported through the service; promoted to an incident when `officer` is given,
    and flagged as a personal-data breach when `breach_aware_at` is given too."""
    from incidents import services
    fields.setdefault("title", "Endpoint leaked PII in answers")
    fields.setdefault("description", "A user saw another customer's address in an answer.")
    fields.setdefault("detected_at", timezone.now() - datetime.timedelta(hours=2))
    event = services.report_event(acting_user=reporter, assets=list(assets), **fields)
    if officer is not None:
        event = services.triage_incident(event, acting_user=officer, decision="incident", severity="high",
                                         category="data_leak")
        if breach_aware_at is not None:
            event = services.set_incident_breach(event, acting_user=officer, personal_data_breach=True,
                                                 aware_at=breach_aware_at, high_risk=high_risk)
    return event
