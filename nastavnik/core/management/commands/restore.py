from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from an archive made by `backup`. The "
        "current database and media folder are REPLACED: stop the site first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the .tar.gz archive made by `manage.py backup`")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask for confirmation (scripts)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError(
                "restore replaces the whole database and the uploaded files; "
                "run it again with --yes to confirm"
            )
        try:
            manifest = restore(Path(options["archive"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored the {manifest['database']} backup of {manifest['made_at']}")
