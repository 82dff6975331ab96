"""Login throttling, the Content-Security-Policy and the production settings."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from nastavnik.testing import TEST_PASSWORD, BaseTestCase

ROOT = Path(__file__).resolve().parents[3]


class LoginThrottlingTests(BaseTestCase):
    def test_five_wrong_passwords_pause_the_login_with_a_russian_page(self) -> None:
        url = reverse("login")
        for _attempt in range(5):
            response = self.client.post(url, {"username": "curator_a", "password": "wrong"})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Вход временно приостановлен", status_code=429)
        self.assertContains(response, "15 минут", status_code=429)
        # Even the right password is refused while the pause lasts.
        right = self.client.post(url, {"username": "curator_a", "password": TEST_PASSWORD})
        self.assertEqual(right.status_code, 429)
        # Another user from the same address logs in as usual.
        other = self.client.post(url, {"username": "curator_b", "password": TEST_PASSWORD})
        self.assertEqual(other.status_code, 302)

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_a_successful_login_resets_the_count(self) -> None:
        url = reverse("login")
        for _attempt in range(2):
            self.client.post(url, {"username": "curator_a", "password": "wrong"})
        self.client.post(url, {"username": "curator_a", "password": TEST_PASSWORD})
        self.client.logout()
        for _attempt in range(2):
            response = self.client.post(url, {"username": "curator_a", "password": "wrong"})
        self.assertEqual(response.status_code, 200)


class HeaderTests(BaseTestCase):
    def test_pages_allow_scripts_from_this_site_only(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.get("/")
        policy = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertNotIn(b" onclick=", response.content)
        self.assertNotIn(b"<script>", response.content)


def test_check_deploy_is_clean_with_the_production_settings() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "nastavnik.settings",
        "DEBUG": "0",
        "SECRET_KEY": "a-production-secret-key-of-fifty-characters-or-more-0123456789",
        "ALLOWED_HOSTS": "nastavnik.example.ru",
        "DATABASE_URL": "sqlite:////tmp/nastavnik-check-deploy.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
