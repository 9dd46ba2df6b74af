"""The training matrix: who must take which course and where each person stands.

Pure logic over four reads (people, courses, latest completions, asset ownership and
assignment), so a page costs the same number of queries for 5 or 500 people."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch

from assets.models import Asset
from training.models import Course, Person, TrainingRecord

EXPIRING_DAYS = 30
CURRENT, EXPIRING, EXPIRED, MISSING = "current", "expiring", "expired", "missing"


@dataclass
class Matrix:
    people: list[Person]
    courses: list[Course]
    cells: dict[tuple[int, int], str]  # (person pk, course pk) -> state, required pairs only
    expires: dict[tuple[int, int], datetime.date] = field(default_factory=dict)
    pii_courses: set[int] = field(default_factory=set)
    pii_holders: set[int] = field(default_factory=set)  # person pks with access to PII assets

    def rows(self):
        """(person, [(course, state or None)]): the page's and the audit pack's training table."""
        for person in self.people:
            yield person, [(course, self.cells.get((person.pk, course.pk))) for course in self.courses]

    def rate(self, cells) -> int | None:
        cells = list(cells)
        if not cells:
            return None
        done = sum(1 for state in cells if state in (CURRENT, EXPIRING))
        return round(100 * done / len(cells))

    def course_rates(self) -> list[tuple[Course, int | None]]:
        by_course = defaultdict(list)
        for (_, course_pk), state in self.cells.items():
            by_course[course_pk].append(state)
        return [(c, self.rate(by_course[c.pk])) for c in self.courses]

    def team_rates(self) -> list[tuple[str, int | None]]:
        by_team = defaultdict(list)
        team_of = {p.pk: p.team for p in self.people}
        for (pp, _), state in self.cells.items():
            by_team[team_of[pp] or "—"].append(state)
        return sorted((team, self.rate(states)) for team, states in by_team.items())

    def count(self, state: str) -> int:
        return sum(1 for s in self.cells.values() if s == state)

    def pii_gaps(self) -> list[tuple[Person, list[Course]]]:
        """People with access to a PII-bearing asset who lack (or let lapse) a course it requires."""
        gaps = []
        for person in self.people:
            if person.pk not in self.pii_holders:
                continue
            missing = [c for c in self.courses if c.pk in self.pii_courses
                       and self.cells.get((person.pk, c.pk)) in (MISSING, EXPIRED)]
            if missing:
                gaps.append((person, missing))
        return gaps


def state_of(expires_on: datetime.date | None, today: datetime.date) -> str:
    if expires_on is None:
        return MISSING
    if expires_on < today:
        return EXPIRED
    if expires_on <= today + datetime.timedelta(days=EXPIRING_DAYS):
        return EXPIRING
    return CURRENT


def _asset_access(user_ids: list[int]) -> tuple[dict[int, set[int]], set[int]]:
    """user pk -> asset pks they own or are assigned to, for these users only (a team's matrix
    reads its people's assets, not the whole inventory), and which of those assets hold PII."""
    access: dict[int, set[int]] = defaultdict(set)
    pii = set()
    # Owners and assignees as two indexed reads in one statement: an OR across the assignees'
    # join made PostgreSQL join and sort the whole inventory.
    owned = Asset.objects.filter(owner_id__in=user_ids).values_list("pk", "owner_id", "holds_pii")
    assigned = Asset.assignees.through.objects.filter(user_id__in=user_ids).values_list(
        "asset_id", "user_id", "asset__holds_pii")
    for pk, user_id, holds_pii in owned.order_by().union(assigned.order_by(), all=True):
        access[user_id].add(pk)
        if holds_pii:
            pii.add(pk)
    return access, pii


def requires(course: Course, person: Person, assets: set[int], pii_assets: set[int],
             audience: set[int]) -> bool:
    return bool(
        (person.team and person.team in course.teams)
        or (person.job_role and person.job_role in course.job_roles)
        or (assets & audience)
        or (course.audience_pii_assets and assets & pii_assets)
    )


def build(people=None, *, team: str = "", today: datetime.date | None = None) -> Matrix:
    today = today or datetime.date.today()
    people = people if people is not None else Person.objects.active()
    if team:
        people = people.filter(team=team)
    people = list(people)
    # Only the audience's keys and PII flags: asset rows carry model cards.
    audience_keys = Prefetch("audience_assets", queryset=Asset.objects.only("pk", "holds_pii"))
    courses = list(Course.objects.prefetch_related(audience_keys))
    access, pii_assets = _asset_access([p.user_id for p in people if p.user_id])
    latest = TrainingRecord.objects.filter(person_id__in=[p.pk for p in people]).values(
        "person_id", "course_id").annotate(expires=Max("expires_on"))
    expires = {(r["person_id"], r["course_id"]): r["expires"] for r in latest}
    cells, pii_courses = {}, set()
    # Each person's pk and assets once, not once per course (a team is 100 people x the courses).
    people_assets = [(person, person.pk, access.get(person.user_id, set()) if person.user_id else set())
                     for person in people]
    holders = {person_pk for _, person_pk, assets in people_assets if assets & pii_assets}
    for course in courses:
        course_pk = course.pk
        audience = {a.pk for a in course.audience_assets.all()}
        if course.audience_pii_assets or any(a.holds_pii for a in course.audience_assets.all()):
            pii_courses.add(course_pk)
        for person, person_pk, assets in people_assets:
            if requires(course, person, assets, pii_assets, audience):
                cells[(person_pk, course_pk)] = state_of(expires.get((person_pk, course_pk)), today)
    required = {course_pk for _, course_pk in cells}
    visible_courses = [c for c in courses if c.pk in required]
    return Matrix(people, visible_courses, cells, expires, pii_courses, holders)


def teams() -> list[str]:
    return list(Person.objects.exclude(team="").values_list("team", flat=True).distinct().order_by("team"))
