from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nastavnik.roadmaps.reminders import send


class Command(BaseCommand):
    help = (
        "E-mail the people responsible for roadmap activities and the curators about what is "
        "overdue or due soon. Run it daily or weekly from cron / a systemd timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help="How many days ahead to look.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = send(timezone.localdate(), days=options["days"])
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(_("Reminders sent: %(count)s.") % {"count": count})
