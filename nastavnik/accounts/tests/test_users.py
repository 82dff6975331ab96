from django.urls import reverse

from nastavnik.accounts.models import Role, RoleAssignment, User
from nastavnik.core.models import AuditEvent
from nastavnik.testing import BaseTestCase, UserFactory, give_role


def new_user_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "last_name": "Шевченко",
        "first_name": "Оксана",
        "patronymic": "Викторовна",
        "email": "shevchenko@example.org",
        "username": "shevchenko",
        "password1": "Luchshiy-Nastavnik-2025",
        "password2": "Luchshiy-Nastavnik-2025",
        "role": Role.CURATOR,
    }
    data.update(overrides)
    return data


class UserCreateTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.w.admin)

    def test_the_administrator_creates_a_curator_of_a_school(self) -> None:
        data = new_user_data(organization=self.w.org_b.pk, region=self.w.region.pk)
        response = self.client.post(reverse("accounts:user_create"), data)
        user = User.objects.get(username="shevchenko")
        self.assertRedirects(response, reverse("accounts:user_detail", args=[user.pk]))
        self.assertEqual(user.full_name, "Шевченко Оксана Викторовна")
        self.assertEqual(user.region, self.w.region)
        assignment = user.role_assignments.get()
        self.assertEqual((assignment.role, assignment.organization), (Role.CURATOR, self.w.org_b))
        self.assertTrue(
            AuditEvent.objects.filter(action="user_create", actor=self.w.admin).exists()
        )
        login = self.client.post(
            reverse("login"), {"username": "shevchenko", "password": "Luchshiy-Nastavnik-2025"}
        )
        self.assertRedirects(login, reverse("home"), fetch_redirect_response=False)

    def test_it_creates_a_municipal_methodologist_in_a_municipality(self) -> None:
        data = new_user_data(
            role=Role.MUNICIPAL_METHODOLOGIST, municipality=self.w.m_b.pk, region=self.w.region.pk
        )
        self.client.post(reverse("accounts:user_create"), data)
        assignment = User.objects.get(username="shevchenko").role_assignments.get()
        self.assertEqual(assignment.municipality, self.w.m_b)
        self.assertIsNone(assignment.organization)

    def test_it_asks_for_the_organization_of_an_organization_role(self) -> None:
        response = self.client.post(
            reverse("accounts:user_create"), new_user_data(region=self.w.region.pk)
        )
        self.assertContains(response, "Выберите организацию для этой роли.")
        self.assertFalse(User.objects.filter(username="shevchenko").exists())

    def test_it_refuses_a_taken_login_and_mismatched_passwords(self) -> None:
        data = new_user_data(username="CURATOR_A", password2="other", organization=self.w.org_a.pk)
        response = self.client.post(reverse("accounts:user_create"), data)
        self.assertContains(response, "Этот логин уже занят.")
        self.assertContains(response, "Пароли не совпадают.")

    def test_it_does_not_offer_organizations_of_another_region(self) -> None:
        response = self.client.get(reverse("accounts:user_create"))
        self.assertContains(response, "Школа Бета")
        self.assertNotContains(response, "Школа Гамма")
        data = new_user_data(organization=self.w.org_c.pk, region=self.w.region.pk)
        response = self.client.post(reverse("accounts:user_create"), data)
        self.assertContains(response, "Выберите корректный вариант")
        self.assertFalse(User.objects.filter(username="shevchenko").exists())

    def test_a_curator_cannot_create_accounts(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.get(reverse("accounts:user_create"))
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Доступ запрещён", status_code=403)


class UserRolesTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.w.admin)

    def test_one_person_gets_a_second_role_in_another_organization(self) -> None:
        url = reverse("accounts:role_add", args=[self.w.mentor_b.pk])
        response = self.client.post(
            url, {"role": Role.CURATOR, "organization": self.w.org_a.pk, "region": self.w.region.pk}
        )
        self.assertRedirects(response, reverse("accounts:user_detail", args=[self.w.mentor_b.pk]))
        roles = set(self.w.mentor_b.role_assignments.values_list("role", "organization"))
        self.assertEqual(roles, {(Role.MENTOR, self.w.org_b.pk), (Role.CURATOR, self.w.org_a.pk)})

    def test_it_refuses_the_same_role_twice_with_a_message(self) -> None:
        url = reverse("accounts:role_add", args=[self.w.mentor_b.pk])
        response = self.client.post(
            url,
            {"role": Role.MENTOR, "organization": self.w.org_b.pk, "region": self.w.region.pk},
            follow=True,
        )
        self.assertContains(response, "уже есть роль «наставник»")
        self.assertEqual(self.w.mentor_b.role_assignments.count(), 1)

    def test_it_takes_a_role_away_after_confirmation(self) -> None:
        assignment = self.w.mentor_b.role_assignments.get()
        url = reverse("accounts:role_remove", args=[self.w.mentor_b.pk, assignment.pk])
        self.assertContains(self.client.get(url), "Снять с пользователя")
        self.client.post(url)
        self.assertFalse(RoleAssignment.objects.filter(pk=assignment.pk).exists())
        self.assertTrue(AuditEvent.objects.filter(action="role_revoke").exists())

    def test_it_blocks_an_account_but_not_its_own(self) -> None:
        url = reverse("accounts:user_edit", args=[self.w.mentor_b.pk])
        data = {"last_name": "Бетнаставникова", "first_name": "Мария", "email": ""}
        self.client.post(url, data)
        self.w.mentor_b.refresh_from_db()
        self.assertFalse(self.w.mentor_b.is_active)
        response = self.client.post(reverse("accounts:user_edit", args=[self.w.admin.pk]), data)
        self.assertContains(response, "Нельзя заблокировать собственную учётную запись.")

    def test_the_administrator_sets_a_new_password(self) -> None:
        url = reverse("accounts:user_password", args=[self.w.mentor_b.pk])
        self.client.post(
            url, {"new_password1": "Novyi-Parol-2025", "new_password2": "Novyi-Parol-2025"}
        )
        self.w.mentor_b.refresh_from_db()
        self.assertTrue(self.w.mentor_b.check_password("Novyi-Parol-2025"))

    def test_an_account_of_another_region_is_not_found(self) -> None:
        for name in ("user_detail", "user_edit", "user_password"):
            response = self.client.get(reverse(f"accounts:{name}", args=[self.w.admin2.pk]))
            self.assertEqual(response.status_code, 404, name)


class UserListTests(BaseTestCase):
    def test_it_lists_and_searches_the_accounts_of_the_region(self) -> None:
        self.login(self.w.admin)
        response = self.client.get(reverse("accounts:user_list"), {"q": "Бет"})
        self.assertContains(response, "Беткураторова")
        self.assertNotContains(response, "Альфкураторова")
        response = self.client.get(reverse("accounts:user_list"), {"role": Role.MENTEE})
        self.assertContains(response, "Альфнаставляемова")
        self.assertNotContains(response, "Беткураторова")

    def test_the_list_does_not_issue_a_query_per_row(self) -> None:
        self.login(self.w.admin)
        url = reverse("accounts:user_list")
        self.client.get(url)  # warm up the session and the academic year
        with self.assertNumQueries(8):
            self.client.get(url)
        for i in range(15):
            user = UserFactory.create(username=f"extra{i}", region=self.w.region)
            give_role(user, Role.MENTOR, self.w.org_b)
        with self.assertNumQueries(8):
            self.client.get(url)


class SwitchRoleTests(BaseTestCase):
    def test_a_person_with_two_roles_switches_between_them(self) -> None:
        self.login(self.w.multi)
        response = self.client.get("/")
        self.assertContains(response, "Работать как")
        curator_role = self.w.multi.role_assignments.get(role=Role.CURATOR)
        response = self.client.post(
            reverse("accounts:switch_role"), {"role": curator_role.pk}, follow=True
        )
        self.assertContains(response, "Колледж Альфа-2")
        self.assertContains(response, f'href="/organizations/{self.w.org_a2.pk}/staff/"')

    def test_it_refuses_a_role_the_person_does_not_hold(self) -> None:
        self.login(self.w.mentor_a)
        other = self.w.curator_b.role_assignments.get()
        response = self.client.post(
            reverse("accounts:switch_role"), {"role": other.pk}, follow=True
        )
        self.assertContains(response, "У вас нет этой роли.")
