import getpass
import os
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from nastavnik.accounts import services
from nastavnik.accounts.models import Role, User
from nastavnik.organizations.models import Region
from nastavnik.organizations.services import region_create


class Command(BaseCommand):
    help = (
        "Create a region (if it does not exist) and its first administrator. The password is "
        "asked for, or read from NASTAVNIK_ADMIN_PASSWORD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="Name of the region")
        parser.add_argument("--username", required=True)
        parser.add_argument("--last-name", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--patronymic", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        # Commands speak Russian to the people who run them, like the pages do.
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        password = os.environ.get("NASTAVNIK_ADMIN_PASSWORD") or getpass.getpass(_("Password: "))
        try:
            password_validation.validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if User.objects.filter(username__iexact=options["username"]).exists():
            raise CommandError(_("This login is already taken."))
        with transaction.atomic():
            region = Region.objects.filter(name=options["region"]).first() or region_create(
                actor=None, name=options["region"]
            )
            services.user_create(
                actor=None,
                region=region,
                username=options["username"],
                password=password,
                last_name=options["last_name"],
                first_name=options["first_name"],
                patronymic=options["patronymic"],
                email=options["email"],
                role=Role.ADMIN,
                scope=region,
            )
        self.stdout.write(
            _("The administrator %(username)s of «%(region)s» can log in now.")
            % {"username": options["username"], "region": region.name}
        )
