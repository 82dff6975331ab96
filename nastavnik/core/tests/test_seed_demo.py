from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from nastavnik.accounts.models import Role, RoleAssignment, User
from nastavnik.core.demo import DEMO_PASSWORD, female_surname
from nastavnik.organizations.models import Municipality, Organization, Region
from nastavnik.staff.models import StaffMember


class SeedDemoTests(TestCase):
    def test_it_builds_the_demo_region_once_and_prints_the_logins(self) -> None:
        out = StringIO()
        call_command("seed_demo", stdout=out)
        call_command("seed_demo", stdout=StringIO())  # idempotent
        self.assertIn("curator2", out.getvalue())
        self.assertIn(DEMO_PASSWORD, out.getvalue())
        region = Region.objects.get(name="Демонстрационная область")
        self.assertEqual(Municipality.objects.filter(region=region).count(), 2)
        self.assertEqual(Organization.objects.count(), 3)
        for organization in Organization.objects.all():
            # 40 on staff; the demo school also keeps two young teachers of last year who left
            self.assertEqual(
                organization.staff.filter(is_active=True, kind="staff").count(), 40, organization
            )
            self.assertTrue(organization.head_full_name)
        self.assertEqual(StaffMember.objects.filter(is_active=False).count(), 2)
        # 120 on staff + 2 who left; the college also has 8 students and 2 employers mentors
        self.assertEqual(StaffMember.objects.count(), 132)
        usernames = {
            "admin",
            "region",
            "municipality",
            "director",
            "curator",
            "mentor",
            "mentee",
            "curator2",
            "classteacher",
        }
        self.assertEqual(set(User.objects.values_list("username", flat=True)), usernames)
        for user in User.objects.all():
            self.assertTrue(user.check_password(DEMO_PASSWORD), user.username)
        self.assertEqual(
            set(
                RoleAssignment.objects.filter(user__username="mentor").values_list(
                    "role", flat=True
                )
            ),
            {Role.MENTOR, Role.CURATOR},
        )
        curator2 = RoleAssignment.objects.get(user__username="curator2")
        assert curator2.organization is not None
        self.assertEqual(curator2.organization.municipality.name, "Озёрский муниципальный район")

    def test_the_demo_curator_lands_on_a_russian_home_page(self) -> None:
        call_command("seed_demo", stdout=StringIO())
        self.client.post("/accounts/login/", {"username": "curator", "password": DEMO_PASSWORD})
        response = self.client.get("/")
        self.assertContains(response, "Здравствуйте, Елена!")
        self.assertContains(response, "МБОУ «СОШ № 1»")

    def test_female_surnames_follow_russian_rules(self) -> None:
        self.assertEqual(female_surname("Иванов"), "Иванова")
        self.assertEqual(female_surname("Соловьёв"), "Соловьёва")
        self.assertEqual(female_surname("Никитин"), "Никитина")
        self.assertEqual(female_surname("Высоцкий"), "Высоцкая")
        self.assertEqual(female_surname("Покровский"), "Покровская")
        self.assertEqual(female_surname("Шевченко"), "Шевченко")
        self.assertEqual(female_surname("Мельник"), "Мельник")
        self.assertEqual(female_surname("Кравчук"), "Кравчук")
        self.assertEqual(female_surname("Черных"), "Черных")
