from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nastavnik.mentorships.reminders import send


class Command(BaseCommand):
    help = (
        "E-mail mentors and mentees the day before a planned meeting. Run it daily from cron "
        "or a systemd timer; a meeting is reminded of once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = send(timezone.localdate())
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(_("Reminders sent: %(count)s.") % {"count": count})
