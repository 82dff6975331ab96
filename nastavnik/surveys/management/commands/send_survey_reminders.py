from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nastavnik.surveys.services import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder with a fresh personal link to everyone who has not answered an open "
        "survey, within each survey's limit and interval of reminders. Run it daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_reminders(timezone.localdate())
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(_("Survey reminders sent: %(count)s.") % {"count": count})
