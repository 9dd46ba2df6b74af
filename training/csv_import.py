"""Parse a training CSV (email, course, completed_on, score) into rows for
isms.services.training.import_training; every problem is reported with its line number."""

from __future__ import annotations

import csv
import datetime
import io

from django.utils import timezone

from training.models import Course, Person, TrainingRecord

COLUMNS = ["email", "course", "completed_on", "score"]
MAX_BYTES = 5 * 1024 * 1024


class TrainingCsvError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _decode(data: bytes) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrainingCsvError(["The file is not UTF-8 text."]) from None
    if not text.strip():
        raise TrainingCsvError(["The file is empty."])
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    if sorted(header) != sorted(COLUMNS):
        raise TrainingCsvError([f"The columns must be {', '.join(COLUMNS)}; found {', '.join(header)}."])
    rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    if not rows:
        raise TrainingCsvError(["The file has no rows."])
    return rows


def _date(value: str, today: datetime.date) -> tuple[datetime.date | None, str]:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None, f"bad date '{value}' (use YYYY-MM-DD)"
    return (None, f"date {value} is in the future") if day > today else (day, "")


def _score(value: str) -> tuple[int | None, str]:
    if not value:
        return None, ""
    if not value.isdigit() or int(value) > 100:
        return None, f"bad score '{value}' (0-100)"
    return int(value), ""


def _row(number, raw, people, courses, seen, today) -> tuple[dict | None, list[str]]:
    errors = []
    person = people.get(raw["email"].lower())
    course = courses.get(raw["course"])
    if person is None:
        errors.append(f"unknown person '{raw['email']}'")
    if course is None:
        errors.append(f"unknown course '{raw['course']}'")
    day, problem = _date(raw["completed_on"], today)
    score, score_problem = _score(raw["score"])
    errors += [p for p in (problem, score_problem) if p]
    if errors:
        return None, [f"Line {number}: {e}." for e in errors]
    key = (person.pk, course.pk, day)
    if key in seen:
        return None, [f"Line {number}: duplicate of line {seen[key]}."]
    seen[key] = number
    return {"person": person, "course": course, "completed_on": day, "score": score}, []


def parse(data: bytes) -> list[dict]:
    raws = _decode(data)
    today = timezone.localdate()
    people = {p.email.lower(): p for p in Person.objects.filter(email__in=[r["email"] for r in raws])}
    courses = {c.title: c for c in Course.objects.filter(title__in=[r["course"] for r in raws])}
    existing = set(TrainingRecord.objects.filter(person__in=people.values()).values_list(
        "person_id", "course_id", "completed_on"))
    rows, errors, seen = [], [], {}
    for number, raw in enumerate(raws, start=2):
        row, problems = _row(number, raw, people, courses, seen, today)
        if row and (row["person"].pk, row["course"].pk, row["completed_on"]) in existing:
            problems = [f"Line {number}: already recorded."]
        errors += problems
        if row and not problems:
            rows.append(row)
    if errors:
        raise TrainingCsvError(errors)
    return rows
