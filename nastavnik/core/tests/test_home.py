import datetime

from django.urls import reverse

from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_for, academic_year_start, academic_years_ensure
from nastavnik.testing import BaseTestCase


class AcademicYearTests(BaseTestCase):
    def test_the_academic_year_runs_from_september_to_august(self) -> None:
        self.assertEqual(academic_year_start(datetime.date(2025, 9, 1)), 2025)
        self.assertEqual(academic_year_start(datetime.date(2026, 8, 31)), 2025)
        self.assertEqual(academic_year_start(datetime.date(2026, 1, 15)), 2025)
        year = academic_year_for(datetime.date(2025, 10, 1))
        self.assertEqual(str(year), "2025/2026")
        self.assertEqual(year.starts_on, datetime.date(2025, 9, 1))
        self.assertEqual(year.ends_on, datetime.date(2026, 8, 31))
        self.assertTrue(year.contains(datetime.date(2026, 8, 31)))
        self.assertFalse(year.contains(datetime.date(2026, 9, 1)))

    def test_it_keeps_the_previous_current_and_next_years(self) -> None:
        academic_years_ensure(today=datetime.date(2026, 11, 23))
        academic_years_ensure(today=datetime.date(2026, 11, 23))
        self.assertEqual(
            list(AcademicYear.objects.values_list("start_year", flat=True)), [2027, 2026, 2025]
        )

    def test_the_current_year_is_preselected_and_another_can_be_chosen(self) -> None:
        years = academic_years_ensure()
        self.login(self.w.curator_a)
        response = self.client.get("/")
        current = years[1]
        self.assertContains(response, f'<option value="{current.pk}" selected>{current}</option>')
        previous = years[0]
        response = self.client.post(
            reverse("switch_year"), {"year": previous.pk, "next": "/"}, follow=True
        )
        self.assertContains(response, f'<option value="{previous.pk}" selected>{previous}</option>')
        self.assertContains(response, f"{previous} учебный год")

    def test_it_does_not_redirect_to_another_site_after_choosing_a_year(self) -> None:
        self.login(self.w.curator_a)
        year = academic_years_ensure()[1]
        response = self.client.post(
            reverse("switch_year"), {"year": year.pk, "next": "https://evil.example/"}
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        response = self.client.post(reverse("switch_year"), {"year": "abc"}, follow=True)
        self.assertContains(response, "Такого учебного года нет.")


class HomeTests(BaseTestCase):
    def nav(self, response) -> str:  # type: ignore[no-untyped-def]
        body = response.content.decode()
        return body[
            body.index('<ul class="navbar-nav main-nav flex-wrap order-lg-3">') : body.index(
                "</ul>"
            )
        ]

    def test_the_administrator_sees_the_region_and_quick_actions(self) -> None:
        self.login(self.w.admin)
        response = self.client.get("/")
        self.assertContains(response, "Здравствуйте, Мария!")
        self.assertContains(response, "Быстрые действия")
        self.assertContains(response, "Добавить организацию")
        nav = self.nav(response)
        self.assertIn("Пользователи", nav)
        self.assertIn("Муниципалитеты", nav)

    def test_the_regional_methodologist_sees_every_municipality_of_the_region(self) -> None:
        self.login(self.w.regional)
        response = self.client.get("/")
        self.assertContains(response, "Альфинский район")
        self.assertContains(response, "Бетинский район")
        self.assertNotContains(response, "Гаммский район")
        self.assertNotIn("Пользователи", self.nav(response))

    def test_the_municipal_methodologist_sees_schools_and_their_curators(self) -> None:
        self.login(self.w.municipal_a)
        response = self.client.get("/")
        self.assertContains(response, "Школа Альфа")
        self.assertContains(response, "Альфкураторова")
        self.assertContains(response, "Колледж Альфа-2")
        self.assertContains(response, "Альфмногоролева")  # the college's curator
        self.assertNotContains(response, "Школа Бета")

    def test_the_curator_sees_his_organization_in_figures(self) -> None:
        from nastavnik.banks.models import MenteeProfile, MentorProfile
        from nastavnik.core.services import academic_year_current

        year = academic_year_current()
        people = list(self.w.org_a.staff.all()[:3])
        MentorProfile.objects.create(organization=self.w.org_a, academic_year=year, staff=people[0])
        for person in people[1:]:
            MenteeProfile.objects.create(
                organization=self.w.org_a, academic_year=year, staff=person
            )
        self.login(self.w.curator_a)
        response = self.client.get("/")
        self.assertContains(response, "Школа Альфа")
        self.assertContains(response, '<div class="stat">3</div>', html=False)
        self.assertContains(response, "педагогических работника")
        # Mentors and mentees are counted in the banks of the year, not by accounts.
        self.assertContains(response, '<div class="stat">1</div><div class="stat-label">наставник')
        self.assertContains(response, '<div class="stat">2</div><div class="stat-label">наставляем')
        nav = self.nav(response)
        self.assertIn("Педагоги", nav)
        self.assertNotIn("Пользователи", nav)
        self.assertNotIn("Муниципалитеты", nav)

    def test_the_mentee_sees_whom_to_turn_to_and_a_short_menu(self) -> None:
        self.login(self.w.mentee_a)
        response = self.client.get("/")
        self.assertContains(response, "К кому обращаться")
        self.assertContains(response, "Альфкураторова")
        nav = self.nav(response)
        self.assertNotIn("Педагоги", nav)
        self.assertIn("Организация", nav)

    def test_a_person_without_roles_is_told_whom_to_ask(self) -> None:
        self.login(self.w.nobody)
        response = self.client.get("/")
        self.assertContains(response, "У вас пока нет ролей")

    def test_the_home_pages_do_not_grow_in_queries_with_the_data(self) -> None:
        from nastavnik.testing import OrganizationFactory, StaffMemberFactory

        for user in (self.w.regional, self.w.municipal_a, self.w.curator_a, self.w.admin):
            self.login(user)
            self.client.get("/")
            with self.assertNumQueries(self._count(user)):
                self.client.get("/")
        for _i in range(10):
            org = OrganizationFactory.create(municipality=self.w.m_a)
            StaffMemberFactory.create(organization=org)
        for user in (self.w.regional, self.w.municipal_a, self.w.curator_a, self.w.admin):
            self.login(user)
            with self.assertNumQueries(self._count(user)):
                self.client.get("/")

    def _count(self, user) -> int:  # type: ignore[no-untyped-def]
        # The regional methodologist's table of municipalities: three grouped queries
        # (municipalities, their organizations, their staff), whatever the size of the region.
        return {"regional": 12, "municipal_a": 7, "curator_a": 10, "admin": 10}[user.username]


class RegionMunicipalitiesTests(BaseTestCase):
    def test_the_figures_of_each_municipality(self) -> None:
        from nastavnik.accounts.models import Role
        from nastavnik.core.selectors import region_municipalities
        from nastavnik.staff.models import PersonKind
        from nastavnik.testing import (
            MunicipalityFactory,
            OrganizationFactory,
            StaffMemberFactory,
            give_role,
        )

        w = self.w
        empty = MunicipalityFactory.create(region=w.region, name="Пустой район")
        bare = OrganizationFactory.create(municipality=w.m_b, short_name="Школа без куратора")
        StaffMemberFactory.create(organization=bare)
        StaffMemberFactory.create(organization=bare, is_active=False)
        StaffMemberFactory.create(organization=w.org_b, kind=PersonKind.STUDENT)
        give_role(w.mentor_a, Role.CURATOR, w.org_a)  # a second curator: still one school
        found = {
            m.name: (m.organization_count, m.curated_count, m.staff_count)  # type: ignore[attr-defined]
            for m in region_municipalities(user=w.regional, region=w.region)
        }
        self.assertEqual(
            found,
            {
                "Альфинский район": (2, 2, 6),
                "Бетинский район": (2, 1, 4),  # 3 + the active one of «bare»; not the student
                empty.name: (0, 0, 0),
            },
        )
