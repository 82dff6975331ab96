from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from nastavnik.core.demo import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = "Create or refresh the Russian demo region (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        # Commands speak Russian to the people who run them, like the pages do.
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        accounts = demo_seed()
        self.stdout.write(self.style.SUCCESS(_("The demo region is ready.")))
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": DEMO_PASSWORD})
        for username, description in accounts:
            self.stdout.write(f"  {username:<14} {description}")
