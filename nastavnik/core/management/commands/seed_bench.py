from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.core.bench_seed import PASSWORD, REGION, seed_bench


class Command(BaseCommand):
    help = (
        "Build the region of the load benchmark (1,500 organizations at --scale 1) in the "
        "database of DATABASE_URL. Not for a real installation: every bench account has the "
        "same password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Share of the full region to build, e.g. 0.002 for three organizations.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale = options["scale"]
        if not 0 < scale <= 2:
            raise CommandError("--scale must be above 0 and at most 2")
        self.stdout.write(f"Building «{REGION}» at scale {scale}:")
        try:
            counts = seed_bench(scale, say=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(", ".join(f"{key} {value}" for key, value in counts.items()))
        self.stdout.write(
            f"Logins bench-curator-N, bench-mentor-N, bench-mentee-N "
            f"(N = 1…{counts['organizations']}), bench-municipality-N, bench-region, "
            f"bench-admin; password {PASSWORD}"
        )
