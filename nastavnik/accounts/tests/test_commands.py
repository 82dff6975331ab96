from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase

from nastavnik.accounts.models import Role, User


class CreateRegionAdminTests(TestCase):
    def test_it_creates_the_region_and_its_first_administrator(self) -> None:
        out = StringIO()
        with mock.patch.dict("os.environ", {"NASTAVNIK_ADMIN_PASSWORD": "Regional-Admin-2025"}):
            call_command(
                "create_region_admin",
                "--region=Республика Башкортостан",
                "--username=bashadmin",
                "--last-name=Горелова",
                stdout=out,
            )
        user = User.objects.get(username="bashadmin")
        assignment = user.role_assignments.get()
        self.assertEqual(assignment.role, Role.ADMIN)
        self.assertEqual(
            assignment.region.name if assignment.region else "", "Республика Башкортостан"
        )
        self.assertTrue(user.check_password("Regional-Admin-2025"))
        self.assertIn("может войти", out.getvalue())

    def test_it_refuses_a_weak_password_in_russian(self) -> None:
        with mock.patch.dict("os.environ", {"NASTAVNIK_ADMIN_PASSWORD": "123"}):
            with self.assertRaisesMessage(CommandError, "слишком короткий"):
                call_command("create_region_admin", "--region=Область", "--username=x")
        self.assertFalse(User.objects.exists())
