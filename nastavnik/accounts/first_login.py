"""The first login with a password that a curator gave out.

A curator issues accounts to the teachers of the school (`nastavnik.staff.logins`) and hands
each a temporary password on paper; the curator therefore knows it. Such an account carries
`User.must_change_password`: at login the session is marked (`PENDING`), and
`PasswordChangeRequiredMiddleware` sends every request of that session to the password change
page until the person has set a password of his or her own. Like the second factor, the check
costs no query on the pages of everyone else.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from nastavnik.core.services import audit

PENDING = "password_change_pending"

# Pages open while the person has not yet set his or her own password.
OPEN_WHILE_PENDING = (
    "/accounts/password_change/",
    "/accounts/two-factor/verify/",
    "/accounts/logout/",
    "/static/",
)


def mark_session(request: HttpRequest, user: Any) -> None:
    """Called at login: a temporary password must be replaced before anything else."""
    if getattr(user, "must_change_password", False):
        request.session[PENDING] = True


@transaction.atomic
def password_changed(*, user: Any) -> None:
    """The person has set his or her own password: the temporary one is no longer in force."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        audit(actor=user, action="temporary_password_replaced", target=user, region=user.region)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change; it also ends the obligation to replace a temporary password."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.session.get(PENDING):
            messages.info(
                request,
                _(
                    "You have logged in with a temporary password from the curator. "
                    "Choose your own password to continue: nobody but you will know it."
                ),
            )
        return super().get(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        password_changed(user=form.user)
        if self.request.session.pop(PENDING, None):
            messages.success(self.request, _("Your password has been changed."))
            return redirect("home")
        return response


class PasswordChangeRequiredMiddleware:
    """Sends a session that logged in with a temporary password to the password change page."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(PENDING)
            and not request.path.startswith(OPEN_WHILE_PENDING)
        ):
            return redirect(reverse("password_change"))
        response: HttpResponse = self.get_response(request)
        return response
