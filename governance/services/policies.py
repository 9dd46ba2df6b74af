"""Writes to policies, their versions and acknowledgements (clause 5.2, A.5.1, 7.3).
Approved versions are frozen; only officers (approve permission) approve."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from governance.models import Acknowledgement, Policy, PolicyVersion
from governance.models.policies import FROZEN
from isms.access import require as _check
from isms.models import User
from training.models import Person

POLICY_FIELDS = ("title", "kind", "topic", "owner", "review_interval_months", "next_review_date")



@transaction.atomic
def create_policy(*, acting_user: User, **fields) -> Policy:
    _check(acting_user, "add", Policy)
    policy = Policy(**{k: v for k, v in fields.items() if k in POLICY_FIELDS})
    policy.full_clean()
    policy.save()
    return policy


@transaction.atomic
def update_policy(policy: Policy, *, acting_user: User, **fields) -> Policy:
    _check(acting_user, "change", policy)
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    for name in POLICY_FIELDS:
        if name in fields:
            setattr(policy, name, fields[name])
    policy.full_clean()
    policy.save()
    return policy


@transaction.atomic
def record_policy_review(policy: Policy, *, acting_user: User) -> Policy:
    """The policy was reviewed and needs no change: the next review falls one interval on."""
    _check(acting_user, "review", policy)
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if not policy.versions.approved().exists():
        raise ValidationError("Approve a first version before recording a review.")
    _next_review(policy)
    return policy


def _next_review(policy: Policy) -> None:
    today = timezone.localdate()
    policy.last_reviewed_on = today
    policy.next_review_date = today + relativedelta(months=policy.review_interval_months)
    policy.full_clean()
    policy.save()


def _document(acting_user: User, policy: Policy, number: int, document_file):
    from evidence.services import create_evidence  # evidence imports isms models

    return create_evidence(
        acting_user=acting_user, title=f"Policy document: {policy.title} v{number}",
        files=[document_file], effective_date=timezone.localdate(),
    )


@transaction.atomic
def create_policy_version(
    policy: Policy, *, acting_user: User, text: str = "", change_summary: str = "", document_file=None
) -> PolicyVersion:
    """A new draft version (the next number); one draft per policy at a time."""
    _check(acting_user, "add", PolicyVersion)
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.versions.drafts().exists():
        raise ValidationError("This policy already has a draft: edit or approve it first.")
    number = (policy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PolicyVersion(policy=policy, number=number, text=text, change_summary=change_summary,
                            created_by=acting_user)
    if document_file:
        version.document = _document(acting_user, policy, number, document_file)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def update_policy_version(
    version: PolicyVersion, *, acting_user: User, text: str = "", change_summary: str = "", document_file=None
) -> PolicyVersion:
    """Change a draft; approved and superseded versions are frozen."""
    _check(acting_user, "change", version)
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise ValidationError(FROZEN)
    version.text, version.change_summary = text, change_summary
    if document_file:
        version.document = _document(acting_user, version.policy, version.number, document_file)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def approve_policy_version(version: PolicyVersion, *, acting_user: User) -> PolicyVersion:
    """Approve a draft: it comes into force (frozen), the previous one is superseded, and the
    next review falls one review interval from today."""
    _check(acting_user, "approve", version)
    version = PolicyVersion.objects.select_for_update().select_related("policy").get(pk=version.pk)
    if not version.is_draft:
        raise ValidationError("This version is not a draft: it is already approved or superseded.")
    version.full_clean()
    for previous in PolicyVersion.objects.approved().filter(policy=version.policy_id):
        previous.status = PolicyVersion.Status.SUPERSEDED
        previous.save()
    version.status = PolicyVersion.Status.APPROVED
    version.approved_by, version.approved_at = acting_user, timezone.now()
    version.save()
    _next_review(version.policy)
    return version


def _acknowledge(version: PolicyVersion, person: Person, on: datetime.date, by: User) -> Acknowledgement:
    ack = Acknowledgement(version=version, person=person, acknowledged_on=on, recorded_by=by)
    ack.full_clean()
    ack.save()
    return ack


def _in_force(version: PolicyVersion) -> None:
    if version.status != PolicyVersion.Status.APPROVED:
        raise ValidationError("Only the approved version in force can be acknowledged.")


@transaction.atomic
def acknowledge_policy(version: PolicyVersion, *, acting_user: User) -> Acknowledgement:
    """The signed-in user acknowledges the version for the person record linked to them."""
    _check(acting_user, "acknowledge", version)
    person = Person.objects.filter(user=acting_user).first()
    if person is None:
        raise ValidationError("Your account is not linked to a person record; ask a compliance officer.")
    _in_force(version)
    if Acknowledgement.objects.filter(version=version, person=person).exists():
        raise ValidationError("You have already acknowledged this version.")
    return _acknowledge(version, person, timezone.localdate(), acting_user)


@transaction.atomic
def record_acknowledgements(
    version: PolicyVersion, *, acting_user: User, people, acknowledged_on: datetime.date
) -> list[Acknowledgement]:
    """Officers record acknowledgements made elsewhere (a signed form, an LMS export).
    People who already acknowledged this version are left as they are."""
    _check(acting_user, "add", Acknowledgement)
    _in_force(version)
    if acknowledged_on > timezone.localdate():
        raise ValidationError({"acknowledged_on": "The date is in the future."})
    done = set(Acknowledgement.objects.filter(version=version).values_list("person_id", flat=True))
    return [_acknowledge(version, p, acknowledged_on, acting_user) for p in people if p.pk not in done]


@dataclass(frozen=True)
class Rate:
    acknowledged: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.acknowledged / self.total) if self.total else None


def acknowledgement_rates(versions) -> dict[int, Rate]:
    """version pk -> acknowledgements by active people out of all active people (two queries)."""
    total = Person.objects.active().count()
    counts = PolicyVersion.objects.filter(pk__in=[v.pk for v in versions]).annotate(
        n=Count("acknowledgements", filter=Q(acknowledgements__person__active=True))
    ).values_list("pk", "n")
    return {pk: Rate(n, total) for pk, n in counts}
