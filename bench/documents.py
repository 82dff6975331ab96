#!/usr/bin/env python
"""Benchmark of the documents engine (issue: official documents).

Goals: the pair-assignment order for 300 pairs in at most 1 s; 1,000 personal-data consents
as one ZIP in at most 30 s. Runs on a throwaway SQLite database; prints the figures.

    .venv/bin/python bench/documents.py
"""

import datetime
import io
import os
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def main() -> int:
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)

    import random

    from nastavnik.core.demo import random_person
    from nastavnik.documents import services
    from nastavnik.documents.kinds import get_kind
    from nastavnik.documents.models import DocumentBatch
    from nastavnik.staff.models import StaffMember
    from nastavnik.testing import OrganizationFactory, UserFactory

    rng = random.Random(7)
    organization = OrganizationFactory.create(short_name="МБОУ «СОШ № 300»")
    StaffMember.objects.bulk_create(
        StaffMember(
            organization=organization,
            last_name=p.last_name + (str(i) if False else ""),
            first_name=p.first_name,
            patronymic=p.patronymic,
            gender=p.gender,
            position=rng.choice(
                [
                    "Учитель математики",
                    "Учитель начальных классов",
                    "Педагог-психолог",
                    "Учитель русского языка и литературы",
                ]
            ),
        )
        for i, p in enumerate(random_person(rng) for _ in range(1000))
    )
    staff = list(StaffMember.objects.filter(organization=organization).order_by("pk"))
    actor = UserFactory.create(username="bench")
    kind = get_kind("order_pairs")
    day = datetime.date(2025, 10, 1)
    rows = [
        {
            "mentor": staff[2 * i].pk,
            "mentees": [staff[2 * i + 1].pk],
            "form": "teacher_teacher",
            "start": "2025-10-01",
            "end": "2026-05-31",
        }
        for i in range(300)
    ]
    # Warm up the name and position dictionaries (loaded once per process).
    services.document_create(
        actor=actor,
        organization=organization,
        kind=kind,
        number="0",
        day=day,
        title="Прогрев",
        data={"rows": rows[:1]},
    )
    started = time.perf_counter()
    document = services.document_create(
        actor=actor,
        organization=organization,
        kind=kind,
        number="1",
        day=day,
        title="О закреплении наставнических пар (групп)",
        data={"rows": rows},
    )
    order_seconds = time.perf_counter() - started
    with document.file.open("rb") as f:
        import docx

        table = docx.Document(io.BytesIO(f.read())).tables[1]
    assert len(table.rows) == 301, len(table.rows)

    started = time.perf_counter()
    batch = services.batch_start(
        actor=actor,
        organization=organization,
        kind=get_kind("consent_personal_data"),
        staff=staff,
    )
    services.batch_run(batch.pk)
    consents_seconds = time.perf_counter() - started
    batch = DocumentBatch.objects.get(pk=batch.pk)
    with batch.file.open("rb") as f, zipfile.ZipFile(f) as archive:
        count = len(archive.namelist())
    assert count == 1000, count

    print(f"order for 300 pairs: {order_seconds:.2f} s (goal ≤ 1 s)")
    print(f"1,000 consents as one ZIP: {consents_seconds:.2f} s (goal ≤ 30 s)")
    ok = order_seconds <= 1 and consents_seconds <= 30
    print("OK" if ok else "SLOWER THAN THE GOAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
