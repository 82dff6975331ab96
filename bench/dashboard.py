#!/usr/bin/env python
"""Benchmark of the regional monitoring dashboard (issue 9) at the scale of a region.

Goal: a region of 1,500 organizations; the figures of the region's dashboard (this year and
last year, every organization and the municipalities' totals) from a constant handful of
aggregate queries — at most 40 — in at most 5 s. Builds the region with bulk_create in a
throwaway test database (SQLite in memory by default; the test database of DATABASE_URL when
it is set) and prints the median time and the number of queries.

    .venv/bin/python bench/dashboard.py [organizations]
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

GOAL_S = 5.0
GOAL_QUERIES = 40
MUNICIPALITIES = 30
STAFF = 40  # per organization
DAY = datetime.timedelta(days=1)


def build(organizations: int) -> tuple[Any, Any]:
    from nastavnik.banks.models import MenteeProfile, MentorProfile
    from nastavnik.core.models import AcademicYear
    from nastavnik.core.services import academic_year_current
    from nastavnik.mentorships.models import (
        Meeting,
        Mentorship,
        PortfolioItem,
        Program,
        ProgramActivity,
    )
    from nastavnik.organizations.models import Municipality, Organization, Region
    from nastavnik.staff.models import StaffMember
    from nastavnik.surveys.models import Answer, Question, Questionnaire, Response, Survey

    rnd = random.Random(9)
    year = academic_year_current()
    last, _ = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)
    region = Region.objects.create(name="Бенчмарочная область")
    municipalities = Municipality.objects.bulk_create(
        Municipality(region=region, name=f"Район {i}") for i in range(MUNICIPALITIES)
    )
    orgs = Organization.objects.bulk_create(
        Organization(
            municipality=municipalities[i % MUNICIPALITIES],
            full_name=f"Школа № {i}",
            short_name=f"Школа № {i}",
        )
        for i in range(organizations)
    )
    staff = StaffMember.objects.bulk_create(
        StaffMember(
            organization=o,
            last_name=f"Учителева{k}",
            first_name="Анна",
            gender="female",
            position="Учитель",
            birth_date=datetime.date(1995 if k < 8 else 1970, 1 + k % 12, 1 + k % 28),
            experience_years=k % 4 if k < 8 else 20,
            is_active=k != 5,
        )
        for o in orgs
        for k in range(STAFF)
    )
    by_org = [staff[i * STAFF : (i + 1) * STAFF] for i in range(len(orgs))]
    MentorProfile.objects.bulk_create(
        MentorProfile(organization=o, staff=p, academic_year=year, status="active")
        for o, people in zip(orgs, by_org, strict=True)
        for p in people[10:14]
    )
    statuses = ["paired", "paired", "paired", "waiting", "support", "paired"]
    MenteeProfile.objects.bulk_create(
        MenteeProfile(
            organization=o, staff=p, academic_year=y, category="young", status=statuses[k]
        )
        for o, people in zip(orgs, by_org, strict=True)
        for y in (year, last)
        for k, p in enumerate(people[:6])
    )
    forms = ["teacher_teacher", "teacher_teacher", "director_teacher", "teacher_student"]
    mentorships = Mentorship.objects.bulk_create(
        Mentorship(
            organization=o,
            academic_year=year,
            mentor=people[10 + k],
            form=forms[k],
            type="group" if k == 3 else "individual",
            starts_on=year.starts_on + 30 * DAY,
            ends_on=year.ends_on - 90 * DAY,
            status="active" if k < 3 else "completed",
        )
        for o, people in zip(orgs, by_org, strict=True)
        for k in range(4)
    )
    through = Mentorship.mentees.through
    through.objects.bulk_create(
        through(mentorship_id=m.pk, staffmember_id=by_org[i // 4][i % 4].pk)
        for i, m in enumerate(mentorships)
    )
    programs = Program.objects.bulk_create(Program(mentorship=m) for m in mentorships)
    ProgramActivity.objects.bulk_create(
        ProgramActivity(program=p, title="Шаг", due_on=year.starts_on + (40 + 60 * k) * DAY)
        for p in programs
        for k in range(3)
    )
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=m,
            kind="regular",
            date=year.starts_on + (35 + 20 * k) * DAY,
            topic="Встреча",
            held=rnd.random() < 0.8,
        )
        for m in mentorships
        for k in range(8)
    )
    PortfolioItem.objects.bulk_create(
        PortfolioItem(
            staff=people[k],
            kind=["open_lesson", "course", "attestation"][k % 3],
            date=year.starts_on + 60 * DAY,
            title="Итог",
        )
        for people in by_org
        for k in range(4)
    )
    # One identified satisfaction survey of the mentees per organization, five answers each.
    questionnaires = Questionnaire.objects.bulk_create(
        Questionnaire(region=region, organization=o, kind="satisfaction_mentee", title="У")
        for o in orgs
    )
    questions = Question.objects.bulk_create(
        Question(questionnaire=q, code="satisfaction", kind="scale10", text="?")
        for q in questionnaires
    )
    surveys = Survey.objects.bulk_create(
        Survey(
            organization=o,
            academic_year=year,
            questionnaire=q,
            title="У",
            audience="mentee_bank",
            opens_on=year.starts_on,
            closes_on=year.starts_on + 10 * DAY,
        )
        for o, q in zip(orgs, questionnaires, strict=True)
    )
    responses = Response.objects.bulk_create(
        Response(survey=s, organization=o, group="mentee", submitted=True)
        for o, s in zip(orgs, surveys, strict=True)
        for _k in range(5)
    )
    Answer.objects.bulk_create(
        Answer(response=r, question=questions[i // 5], value=rnd.randint(5, 10))
        for i, r in enumerate(responses)
    )
    return region, year


def main() -> int:
    organizations = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from django.utils import timezone

    from nastavnik.monitoring import dashboard

    start = time.perf_counter()
    region, year = build(organizations)
    built = time.perf_counter() - start
    today = timezone.localdate()
    dashboard.region_page(region, year, today, "")  # warm up
    times = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            page = dashboard.region_page(region, year, today, "mentees")
            times.append(time.perf_counter() - start)
    queries = len(captured.captured_queries)
    median = statistics.median(times)
    figures = page["figures"]
    print(
        f"region of {organizations} organizations in {MUNICIPALITIES} municipalities "
        f"(built in {built:.1f} s): {figures['mentorships']} pairs and groups, "
        f"{figures['meetings_planned']} meetings, {figures['mentees']} mentees"
    )
    print(
        f"region dashboard, this year and last year: {median * 1000:.0f} ms "
        f"(goal ≤ {GOAL_S:.0f} s), {queries} queries (goal ≤ {GOAL_QUERIES})"
    )
    return 0 if median <= GOAL_S and queries <= GOAL_QUERIES else 1


if __name__ == "__main__":
    sys.exit(main())
