#!/usr/bin/env python
"""Benchmark of the scoring of pairs (issue 6) at the scale of a school.

Goal: 40 mentees × 15 mentors, the scoring and ``solver.solve`` in at most 50 ms. Runs on a
throwaway SQLite database; prints the median of the scoring with the solver (the banks already
loaded) and of the whole ``propose`` with its queries.

    .venv/bin/python bench/matching_school.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

GOAL_MS = 50.0


def main() -> int:
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)

    from django.utils import timezone

    from nastavnik.banks.models import (
        Competency,
        Consent,
        MenteeNeed,
        MenteeProfile,
        MentorCompetency,
        MentorProfile,
    )
    from nastavnik.core.services import academic_year_current
    from nastavnik.matching import scoring
    from nastavnik.testing import OrganizationFactory, StaffMemberFactory

    org = OrganizationFactory.create()
    region = org.municipality.region
    year = academic_year_current()
    today = timezone.localdate()
    subjects = ["история", "математика", "физика", "русский язык", "биология"]
    competencies = [
        Competency.objects.create(region=region, group="Г", name=f"Компетенция {k}")
        for k in range(20)
    ]
    texts = [
        "Работа с родителями и классное руководство",
        "Формирующее оценивание на уроках, критерии оценки",
        "Подготовка к олимпиадам и проектная деятельность учеников",
        "Дисциплина в классе, взаимодействие с трудными подростками",
        "Цифровые инструменты урока и дистанционное обучение",
    ]

    def sign(staff, *kinds):
        for kind in kinds:
            Consent.objects.create(
                organization=org,
                staff=staff,
                kind=kind,
                status="signed",
                version="1",
                issued_at=today,
                signed_at=today,
            )

    for k in range(15):
        staff = StaffMemberFactory.create(
            organization=org,
            subjects=subjects[k % 5],
            experience_years=8 + k,
            category="highest" if k % 2 else "first",
        )
        sign(staff, "personal_data", "duties")
        profile = MentorProfile.objects.create(
            organization=org,
            staff=staff,
            academic_year=year,
            status="trained",
            capacity=3,
            forms=["teacher_teacher"],
            experience_text=texts[k % 5],
        )
        for c in range(4):
            MentorCompetency.objects.create(
                profile=profile, competency=competencies[(k * 3 + c) % 20], level=1 + c % 3
            )
    for k in range(40):
        staff = StaffMemberFactory.create(
            organization=org, subjects=subjects[k % 5], experience_years=k % 3
        )
        sign(staff, "personal_data")
        mentee = MenteeProfile.objects.create(
            organization=org,
            staff=staff,
            academic_year=year,
            category="young",
            status="waiting",
            needs_text=texts[(k * 2) % 5],
        )
        for c in range(3):
            MenteeNeed.objects.create(profile=mentee, competency=competencies[(k * 7 + c) % 20])

    data = scoring.candidates(org, year)
    scoring.propose_from(data)  # warm up: pymorphy3's dictionaries, OR-tools
    core, whole = [], []
    for _ in range(30):
        start = time.perf_counter()
        scored = scoring.score(data.mentors, data.mentees, data.competency_names)
        proposal = scoring.propose_from(scored)
        core.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        scoring.propose(org, year)
        whole.append((time.perf_counter() - start) * 1000)
    core_ms, whole_ms = statistics.median(core), statistics.median(whole)
    print(
        f"school 40 mentees × 15 mentors: {len(proposal.pairs)} pairs, "
        f"{len(proposal.unmatched)} unmatched"
    )
    print(f"scoring + solve: {core_ms:.1f} ms (goal ≤ {GOAL_MS:.0f} ms)")
    print(f"propose with its queries: {whole_ms:.1f} ms")
    return 0 if core_ms <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
