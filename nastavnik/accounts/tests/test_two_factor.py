"""The optional second factor of login: set up with an authenticator app, then every login asks
for the code; no page is reachable before it."""

from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from nastavnik.core.models import AuditEvent
from nastavnik.testing import TEST_PASSWORD, BaseTestCase


def code(device: TOTPDevice) -> str:
    """The current code of the app. A code is accepted once (no replay): the tests forget the
    last used one as the next 30-second window would."""
    device.refresh_from_db()
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)  # a wrong code does not delay the next one
class TwoFactorTests(BaseTestCase):
    def turn_on(self) -> TOTPDevice:
        self.login(self.w.curator_a)
        page = self.client.get(reverse("accounts:two_factor") + "?setup=1")
        self.assertContains(page, "<svg")
        device = TOTPDevice.objects.get(user=self.w.curator_a, confirmed=False)
        wrong = self.client.post(
            reverse("accounts:two_factor"),
            {"action": "confirm", "device": device.pk, "code": "000000"},
        )
        self.assertContains(wrong, "Код неверный")
        device.refresh_from_db()
        self.assertFalse(device.confirmed)
        response = self.client.post(
            reverse("accounts:two_factor"),
            {"action": "confirm", "device": device.pk, "code": code(device)},
            follow=True,
        )
        self.assertContains(response, "Второй фактор включён")
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.client.logout()
        return device

    def test_a_curator_turns_it_on_and_then_logs_in_with_a_code(self) -> None:
        device = self.turn_on()
        login = self.client.post(
            reverse("login"), {"username": "curator_a", "password": TEST_PASSWORD}
        )
        self.assertRedirects(
            login, reverse("second_factor_verify") + "?next=%2F", fetch_redirect_response=False
        )
        # No page opens before the code.
        home = self.client.get("/")
        self.assertEqual(home.status_code, 302)
        self.assertIn(reverse("second_factor_verify"), home["Location"])
        wrong = self.client.post(reverse("second_factor_verify"), {"code": "123", "next": "/"})
        self.assertContains(wrong, "Код неверный")
        device.refresh_from_db()
        right = self.client.post(
            reverse("second_factor_verify"), {"code": code(device), "next": "/"}
        )
        self.assertRedirects(right, "/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/"), "Здравствуйте")
        self.assertTrue(AuditEvent.objects.filter(action="second_factor_on").exists())

    def test_without_a_device_the_login_is_as_before(self) -> None:
        login = self.client.post(
            reverse("login"), {"username": "mentor_a", "password": TEST_PASSWORD}
        )
        self.assertRedirects(login, reverse("home"), fetch_redirect_response=False)
        self.assertEqual(self.client.get("/").status_code, 200)

    def test_turning_it_off_needs_a_code(self) -> None:
        device = self.turn_on()
        self.client.post(reverse("login"), {"username": "curator_a", "password": TEST_PASSWORD})
        self.client.post(reverse("second_factor_verify"), {"code": code(device), "next": "/"})
        refused = self.client.post(
            reverse("accounts:two_factor"), {"action": "disable", "code": "000000"}
        )
        self.assertContains(refused, "Код неверный")
        self.assertTrue(TOTPDevice.objects.filter(user=self.w.curator_a).exists())
