"""Demo training records: twelve people in three teams (three linked to demo users), four
courses (one required of everyone with access to personal data) and completions that are
current, expiring, expired or missing. Idempotent."""

# ruff: noqa: C408  (keyword dicts read better for demo data)
import datetime

from django.utils import timezone

from assets.models import Asset
from training.models import Course, Person, TrainingRecord
from training.services import expiry_of

PEOPLE = [
    # name, email, team, job role, demo user key
    ("Evan Engineer", "evan@example.com", "ML Platform", "ML engineer", "engineer"),
    ("Erin Engineer", "erin@example.com", "ML Platform", "MLOps engineer", "engineer2"),
    ("Olivia Officer", "olivia@example.com", "Security & Compliance", "Compliance officer", "officer"),
    ("Priya Natarajan", "priya@example.com", "ML Platform", "ML engineer", None),
    ("Tom Becker", "tom@example.com", "ML Platform", "Data scientist", None),
    ("Lena Fischer", "lena@example.com", "Data", "Data engineer", None),
    ("Marco Rossi", "marco@example.com", "Data", "Data annotator", None),
    ("Aisha Khan", "aisha@example.com", "Data", "Data scientist", None),
    ("Jonas Berg", "jonas@example.com", "Support", "Support lead", None),
    ("Sofia Alves", "sofia@example.com", "Support", "Support agent", None),
    ("Noah Kim", "noah@example.com", "Security & Compliance", "Security engineer", None),
    ("Mia Novak", "mia@example.com", "Support", "Support agent", None),
]

ALL_TEAMS = ["ML Platform", "Data", "Support", "Security & Compliance"]
COURSES = [
    ("Security awareness 2026", "security_awareness", "KnowBe4", 12,
     dict(teams=ALL_TEAMS)),
    ("Secure SLM development: prompt injection, data poisoning, model theft", "secure_slm_development",
     "Internal academy", 12, dict(teams=["ML Platform"], job_roles=["Data scientist"])),
    ("Handling personal data in training sets (GDPR)", "privacy_pii", "Privacy team", 24,
     dict(audience_pii_assets=True)),
    ("Incident response for model endpoints", "incident_response", "Internal academy", 12,
     dict(teams=["Security & Compliance"], job_roles=["MLOps engineer", "Support lead"])),
]

# (person index, course index, days ago): current, expiring (~345 days ago for 12 months), expired
COMPLETIONS = [
    (0, 0, 40), (0, 1, 350), (1, 0, 400), (1, 1, 20), (1, 3, 60), (2, 0, 100), (2, 3, 380),
    (3, 0, 10), (3, 1, 200), (4, 0, 345), (5, 0, 30), (5, 2, 100), (6, 0, 500), (7, 0, 15),
    (8, 0, 60), (8, 3, 340), (9, 0, 25), (10, 0, 5), (10, 3, 120),
]


def _people(users: dict) -> list[Person]:
    people = []
    for name, email, team, role, key in PEOPLE:
        person, _ = Person.objects.update_or_create(email=email, defaults={
            "name": name, "team": team, "job_role": role, "user": users.get(key) if key else None})
        people.append(person)
    return people


def _courses() -> list[Course]:
    courses = []
    for title, topic, provider, months, audience in COURSES:
        course, _ = Course.objects.update_or_create(title=title, defaults={
            "topic": topic, "provider": provider, "validity_months": months, **audience})
        courses.append(course)
    return courses


def seed(users: dict) -> None:
    people, courses = _people(users), _courses()
    courses[1].audience_assets.set(Asset.objects.filter(kind="model"))
    today = timezone.localdate()
    for p, c, days in COMPLETIONS:
        done = today - datetime.timedelta(days=days)
        TrainingRecord.objects.get_or_create(
            person=people[p], course=courses[c], completed_on=done,
            defaults={"expires_on": expiry_of(courses[c], done), "score": 70 + (p * 7 + c) % 30,
                      "recorded_by": users["officer"]},
        )
