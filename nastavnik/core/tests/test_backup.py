"""`manage.py backup` and `manage.py restore`: a round trip gives back every table, row by row,
and the uploaded files (on SQLite and on PostgreSQL, as the suite runs on both)."""

import tempfile
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TransactionTestCase

from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember
from nastavnik.testing import OrganizationFactory, build_world


def every_table() -> dict[str, list[tuple[Any, ...]]]:
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")  # noqa: S608 (table names)
            rows[table] = [tuple(map(repr, row)) for row in cursor.fetchall()]
    return rows


class BackupTests(TransactionTestCase):
    def test_a_restore_gives_back_every_table_and_the_uploaded_files(self) -> None:
        world = build_world()
        media = Path(settings.MEDIA_ROOT) / "backup-test"
        media.mkdir(parents=True, exist_ok=True)
        (media / "scan.pdf").write_bytes(b"%PDF-1.4 signed")
        before = every_table()
        self.assertGreater(len(before["organizations_organization"]), 3)
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / "nastavnik.tar.gz"
            out = StringIO()
            call_command("backup", str(archive), stdout=out)
            self.assertIn(connection.vendor, out.getvalue())
            # What happens after the backup is lost by the restore.
            StaffMember.objects.filter(organization=world.org_a).delete()
            OrganizationFactory.create(municipality=world.m_a, short_name="Новая школа")
            (media / "scan.pdf").unlink()
            (media / "later.pdf").write_bytes(b"%PDF later")
            with self.assertRaisesMessage(CommandError, "--yes"):
                call_command("restore", str(archive), stdout=StringIO())
            call_command("restore", str(archive), "--yes", stdout=StringIO())
        after = every_table()
        self.assertEqual(after.keys(), before.keys())
        for table in before:
            self.assertEqual(after[table], before[table], table)
        self.assertFalse(Organization.objects.filter(short_name="Новая школа").exists())
        self.assertEqual((media / "scan.pdf").read_bytes(), b"%PDF-1.4 signed")
        self.assertFalse((media / "later.pdf").exists())

    def test_a_broken_archive_is_refused_and_changes_nothing(self) -> None:
        build_world()
        before = every_table()
        with tempfile.TemporaryDirectory() as tmp:
            broken = Path(tmp) / "broken.tar.gz"
            broken.write_bytes(b"not an archive")
            with self.assertRaisesMessage(CommandError, "not a backup"):
                call_command("restore", str(broken), "--yes", stdout=StringIO())
        self.assertEqual(every_table(), before)
