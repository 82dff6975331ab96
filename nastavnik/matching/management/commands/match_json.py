"""``manage.py match_json INPUT.json``: the optimal assignment of a JSON problem, as JSON.

For machines (a regional centre's scripts, the benchmark): the output is not translated. The
formats are described in ``nastavnik.matching.solver``. Malformed input: a one-line
``CommandError: …`` on stderr and exit status 2.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.matching.solver import run


class Command(BaseCommand):
    help = (
        "Solve a matching problem given as JSON (mentors with capacities, mentees, scored "
        "edges, optional locked and forbidden pairs) and print the optimal pairs as JSON: "
        "most mentees matched first, then the highest total score."
    )
    # Reads a file and prints: no database, no system checks (they cost start-up time).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="the JSON problem; - reads standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        code, output = run(options["input"])
        if code:
            raise CommandError(output, returncode=code)
        self.stdout.write(output)
