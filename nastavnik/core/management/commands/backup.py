import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into one .tar.gz archive (SQLite: an "
        "online copy; PostgreSQL: pg_dump). Safe while the site works."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive",
            nargs="?",
            help="where to write the archive (default var/backups/nastavnik-<time>.tar.gz)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 (a file name)
        target = Path(
            options["archive"]
            or Path(settings.BASE_DIR) / "var" / "backups" / f"nastavnik-{stamp}.tar.gz"
        )
        try:
            manifest = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{target} ({manifest['database']}, {target.stat().st_size} bytes)")
