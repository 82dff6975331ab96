"""While the database does not answer, a request gets a clean Russian 503 page, not a traceback,
and the next request after the database is back works (issue 10). The outage is simulated: the
cursor raises OperationalError, or the connection is closed under the request; the real restart
of PostgreSQL under load is `bench/load.py --restart`."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from nastavnik.testing import BaseTestCase


@contextmanager
def database_down(error: type[Exception] = OperationalError) -> Iterator[None]:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise error("server closed the connection unexpectedly")

    with (
        mock.patch.object(CursorWrapper, "execute", fail),
        mock.patch.object(CursorWrapper, "executemany", fail),
    ):
        yield


class DatabaseOutageTests(BaseTestCase):
    def setUp(self) -> None:
        # As a real server: an exception becomes a response instead of failing the test.
        self.client = Client(raise_request_exception=False)

    def assert_outage_page(self, response: Any) -> None:
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        text = response.content.decode()
        with translation.override("ru"):
            self.assertIn(gettext("Service temporarily unavailable"), text)
        self.assertIn("На главную", text)  # the page is rendered in Russian
        self.assertIn('lang="ru"', text)
        self.assertNotIn("Traceback", text)
        self.assertNotIn("OperationalError", text)

    def test_it_shows_the_503_page_when_a_view_fails_on_the_database(self) -> None:
        self.login(self.w.curator_a)
        with database_down():
            response = self.client.get(reverse("staff:staff_list", args=[self.w.org_a.pk]))
        self.assert_outage_page(response)
        # The database is back: the same page works again with the same session.
        response = self.client.get(reverse("staff:staff_list", args=[self.w.org_a.pk]))
        self.assertEqual(response.status_code, 200)

    def test_it_shows_the_503_page_on_an_interface_error(self) -> None:
        self.login(self.w.curator_a)
        with database_down(InterfaceError):
            response = self.client.get(reverse("home"))
        self.assert_outage_page(response)
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)

    def test_it_shows_the_503_page_when_a_middleware_fails_on_the_database(self) -> None:
        # Loading the session happens in the middleware, before any view: Django turns that
        # error into its 500 page at once, and the outermost middleware replaces it.
        self.login(self.w.curator_a)
        with mock.patch(
            "django.contrib.sessions.backends.db.SessionStore.load",
            side_effect=OperationalError("could not connect to server"),
        ):
            response = self.client.get(reverse("home"))
        self.assert_outage_page(response)
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)

    def test_it_shows_the_503_page_on_a_post_and_saves_nothing(self) -> None:
        self.login(self.w.curator_a)
        url = reverse("staff:staff_create", args=[self.w.org_a.pk])
        before = self.w.org_a.staff.count()
        with database_down():
            response = self.client.post(url, {"last_name": "Новикова", "first_name": "Анна"})
        self.assert_outage_page(response)
        self.assertEqual(self.w.org_a.staff.count(), before)

    def test_the_login_page_shows_the_503_page_too(self) -> None:
        with database_down():
            response = self.client.post(
                reverse("login"), {"username": "curator_a", "password": "wrong-password"}
            )
        self.assert_outage_page(response)

    def test_other_errors_stay_500(self) -> None:
        self.login(self.w.curator_a)
        with mock.patch("nastavnik.core.views.get_active_role", side_effect=RuntimeError("a bug")):
            response = self.client.get(reverse("home"))
        self.assertEqual(response.status_code, 500)
