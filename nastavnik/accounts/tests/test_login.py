from django.urls import reverse

from nastavnik.testing import TEST_PASSWORD, BaseTestCase


class LoginTests(BaseTestCase):
    def test_it_shows_a_russian_login_form(self) -> None:
        response = self.client.get("/accounts/login/")
        self.assertContains(response, "Логин")
        self.assertContains(response, 'name="username"')
        self.assertContains(response, 'name="password"')

    def test_it_logs_in_and_lands_on_the_home_page_of_the_role(self) -> None:
        response = self.client.post(
            "/accounts/login/", {"username": "curator_a", "password": TEST_PASSWORD}, follow=True
        )
        self.assertRedirects(response, reverse("home"))
        self.assertContains(response, "Школа Альфа")
        self.assertContains(response, "Куратор")

    def test_it_rejects_a_wrong_password_in_russian(self) -> None:
        response = self.client.post(
            "/accounts/login/", {"username": "curator_a", "password": "wrong"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Неверный логин или пароль")

    def test_it_refuses_a_blocked_account(self) -> None:
        self.w.curator_a.is_active = False
        self.w.curator_a.save()
        response = self.client.post(
            "/accounts/login/", {"username": "curator_a", "password": TEST_PASSWORD}
        )
        self.assertContains(response, "Неверный логин или пароль")

    def test_it_logs_out_with_post(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post("/accounts/logout/")
        self.assertRedirects(response, reverse("login"))
        self.assertEqual(self.client.get("/").status_code, 302)

    def test_it_changes_the_password(self) -> None:
        self.login(self.w.mentor_a)
        response = self.client.get("/accounts/password_change/")
        self.assertContains(response, "Сменить пароль")
        response = self.client.post(
            "/accounts/password_change/",
            {
                "old_password": TEST_PASSWORD,
                "new_password1": "Zvezda-2025-nastavnik",
                "new_password2": "Zvezda-2025-nastavnik",
            },
            follow=True,
        )
        self.assertContains(response, "Пароль изменён")
        self.w.mentor_a.refresh_from_db()
        self.assertTrue(self.w.mentor_a.check_password("Zvezda-2025-nastavnik"))

    def test_it_explains_a_weak_new_password_in_russian(self) -> None:
        self.login(self.w.mentor_a)
        response = self.client.post(
            "/accounts/password_change/",
            {"old_password": TEST_PASSWORD, "new_password1": "123", "new_password2": "123"},
        )
        self.assertContains(response, "Введённый пароль слишком короткий")
