"""kill -9 in the middle of a staff import leaves no partial data: the process is killed while
it writes thousands of people in one transaction, and the database holds either none of them or
all of them, with the upload still waiting (or applied) — never half a list."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = 4000

IMPORT = f"""
import django, datetime
django.setup()
from django.utils import timezone
from nastavnik.organizations.models import Region, Municipality, Organization
from nastavnik.staff import importing, services
region = Region.objects.create(name="Область")
municipality = Municipality.objects.create(region=region, name="Район")
school = Organization.objects.create(
    municipality=municipality, full_name="Школа", short_name="Школа"
)
rows = ["Фамилия;Имя;Отчество;Должность"]
rows += [f"Учителева{{i}};Анна;Петровна;Учитель" for i in range({PEOPLE})]
record = services.staff_import_start(
    actor=None, organization=school, name="staff.csv", content="\\n".join(rows).encode()
)
table = services.staff_import_table(record)
mapping = {{int(k): v for k, v in record.mapping.items()}}
preview = importing.validate(table, mapping, organization=school, today=timezone.localdate())
print("writing", flush=True)
services.staff_import_apply(actor=None, record=record, preview=preview, today=timezone.localdate())
print("done", flush=True)
"""


def test_a_staff_import_killed_half_way_writes_nothing_or_everything() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "crash.sqlite3"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "nastavnik.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "MEDIA_ROOT": str(Path(tmp) / "media"),
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
        process = subprocess.Popen(
            [sys.executable, "-c", IMPORT], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        time.sleep(random.uniform(0.05, 0.4))  # noqa: S311 - somewhere in the writing
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        with sqlite3.connect(database) as connection:
            people = connection.execute("SELECT COUNT(*) FROM staff_staffmember").fetchone()[0]
            status = connection.execute("SELECT status FROM staff_staffimport").fetchone()[0]
        assert (people, status) in {(0, "pending"), (PEOPLE, "applied")}, (people, status)
