"""Writes to the training records (clauses 7.2, 7.3). Officers manage them."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from isms.access import require as _check
from isms.models import User
from training.models import Course, Person, TrainingRecord

REMINDER_DAYS = 30


def _save(obj, fields: dict, m2m: tuple = ()):
    related = {name: fields.pop(name) for name in m2m if name in fields}
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    for name, values in related.items():
        getattr(obj, name).set(values)
    return obj



@transaction.atomic
def create_person(*, acting_user: User, **fields) -> Person:
    _check(acting_user, "add", Person)
    return _save(Person(), fields)


@transaction.atomic
def update_person(person: Person, *, acting_user: User, **fields) -> Person:
    _check(acting_user, "change", person)
    return _save(person, fields)


@transaction.atomic
def create_course(*, acting_user: User, **fields) -> Course:
    _check(acting_user, "add", Course)
    return _save(Course(), fields, m2m=("audience_assets",))


@transaction.atomic
def update_course(course: Course, *, acting_user: User, **fields) -> Course:
    _check(acting_user, "change", course)
    return _save(course, fields, m2m=("audience_assets",))


def expiry_of(course: Course, completed_on: datetime.date) -> datetime.date:
    return completed_on + relativedelta(months=course.validity_months)


def _certificate(acting_user, person, course, completed_on, certificate_file):
    from evidence.services import create_evidence  # evidence imports isms models

    return create_evidence(
        acting_user=acting_user, title=f"Training certificate: {person} – {course}",
        files=[certificate_file], effective_date=completed_on,
        valid_until=expiry_of(course, completed_on),
    )


def _validate_record(record: TrainingRecord) -> None:
    if record.completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The completion date is in the future."})
    duplicates = TrainingRecord.objects.filter(
        person=record.person_id, course=record.course_id, completed_on=record.completed_on
    ).exclude(pk=record.pk)
    if duplicates.exists():
        raise ValidationError("This completion is already recorded.")
    record.full_clean()


@transaction.atomic
def add_training_record(
    *,
    acting_user: User,
    person: Person,
    course: Course,
    completed_on: datetime.date,
    score: int | None = None,
    certificate_file=None,
) -> TrainingRecord:
    """Record a completed course; the certificate is stored (hashed) as evidence."""
    _check(acting_user, "add", TrainingRecord)
    record = TrainingRecord(
        person=person, course=course, completed_on=completed_on, score=score,
        expires_on=expiry_of(course, completed_on), recorded_by=acting_user,
    )
    _validate_record(record)
    if certificate_file:
        record.certificate = _certificate(acting_user, person, course, completed_on, certificate_file)
    record.save()
    return record


@transaction.atomic
def update_training_record(
    record: TrainingRecord,
    *,
    acting_user: User,
    course: Course,
    completed_on: datetime.date,
    score: int | None = None,
    certificate_file=None,
) -> TrainingRecord:
    """Correct a record (wrong date, course or score). The expiry follows the corrected date; a new
    certificate is stored as new evidence and the previous one stays in the evidence history."""
    _check(acting_user, "change", record)
    record = record
    expiry_changed = (record.course_id, record.completed_on) != (course.pk, completed_on)
    record.course, record.completed_on, record.score = course, completed_on, score
    record.expires_on = expiry_of(course, completed_on)
    if expiry_changed:
        record.reminded_at = None  # a new expiry earns a new reminder
    _validate_record(record)
    if certificate_file:
        record.certificate = _certificate(acting_user, record.person, course, completed_on,
                                          certificate_file)
    record.save()
    return record


@transaction.atomic
def delete_training_record(record: TrainingRecord, *, acting_user: User) -> None:
    """Remove a record entered by mistake; the audit trail keeps what it said."""
    _check(acting_user, "delete", record)
    record.delete()


@transaction.atomic
def import_training(*, acting_user: User, rows: list[dict]) -> list[TrainingRecord]:
    """Create the records parsed from a CSV file (training.csv_import.parse), all or nothing.
    Rows hold person, course, completed_on and score already resolved."""
    _check(acting_user, "add", TrainingRecord)
    return [add_training_record(acting_user=acting_user, **row) for row in rows]


def _due(today: datetime.date):
    window_end = today + datetime.timedelta(days=REMINDER_DAYS)
    records = TrainingRecord.objects.filter(
        expires_on__gte=today, expires_on__lte=window_end, person__active=True
    ).select_related("person", "course")
    # Reminded for this expiry means reminded within the 30 days before it.
    return [
        r for r in records
        if r.reminded_at is None
        or timezone.localdate(r.reminded_at) < r.expires_on - datetime.timedelta(days=REMINDER_DAYS)
    ]


def send_training_reminders(today: datetime.date | None = None) -> int:
    """E-mail each person whose training expires within 30 days, once per record and expiry."""
    today = today or timezone.localdate()
    sent = 0
    for record in _due(today):
        if TrainingRecord.objects.filter(person=record.person_id, course=record.course_id,
                                         completed_on__gt=record.completed_on).exists():
            continue  # already renewed
        send_mail(
            f"Training due: {record.course}",
            f"Hello {record.person.name},\n\nyour '{record.course}' training expires on "
            f"{record.expires_on:%Y-%m-%d}. Please renew it before then.\n",
            settings.DEFAULT_FROM_EMAIL, [record.person.email],
        )
        with transaction.atomic():
            record.reminded_at = timezone.now()
            record.save()
        sent += 1
    return sent
