"""The optional second factor of login: a six-digit code of an authenticator app (TOTP,
django-otp's TOTPDevice). Recommended for curators and administrators, who see the personal
data of a whole organization or region.

A user who has confirmed a device logs in with the password as before; the login view then
marks the session as waiting for the code (`PENDING`), and `SecondFactorMiddleware` sends every
request of that session to the code page until a valid code is entered. The check costs no query
on the pages of users without a device.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from nastavnik.accounts import first_login
from nastavnik.core.services import audit

PENDING = "second_factor_pending"


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def setup_device(user: Any) -> TOTPDevice:
    """The unconfirmed device the user is setting up (a new secret each time setup starts)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1b3b5f"))


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32 in groups of four, for typing it in by hand."""
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


def confirm(*, user: Any, device: TOTPDevice, code: str) -> TOTPDevice:
    """Turn the second factor on: the first code from the app proves it was set up right."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError(_("Start the setup again."))
    if not device.verify_token(_clean(code)):
        raise ValidationError(
            _("The code is not right. Check the time on the phone and enter the current code.")
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit(actor=user, action="second_factor_on", target=user)
    return device


def disable(*, user: Any, code: str) -> None:
    device = confirmed_device(user)
    if device is None:
        raise ValidationError(_("The second factor is not on."))
    if not device.verify_token(_clean(code)):
        raise ValidationError(_("The code is not right."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        audit(actor=user, action="second_factor_off", target=user)


def verify(request: HttpRequest, code: str) -> None:
    """Check the code of the login; the session is then fully logged in."""
    device = confirmed_device(request.user)
    if device is None:
        request.session.pop(PENDING, None)
        return
    if not device.verify_token(_clean(code)):
        raise ValidationError(_("The code is not right. Enter the current code from the app."))
    request.session.pop(PENDING, None)
    request.session.cycle_key()


class LoginView(auth_views.LoginView):
    """Django's login; a user with a second factor is then asked for the code."""

    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        first_login.mark_session(self.request, form.get_user())
        if confirmed_device(form.get_user()) is not None:
            self.request.session[PENDING] = True
            query = urlencode({"next": self.get_success_url()})
            return redirect(f"{reverse('second_factor_verify')}?{query}")
        return response


# Pages open while the code is awaited: the code page itself, logging out, static files.
OPEN_WHILE_PENDING = ("/accounts/two-factor/verify/", "/accounts/logout/", "/static/")


class SecondFactorMiddleware:
    """Sends a session that awaits the code of the second factor to the code page."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(PENDING)
            and not request.path.startswith(OPEN_WHILE_PENDING)
        ):
            return redirect(
                f"{reverse('second_factor_verify')}?{urlencode({'next': request.path})}"
            )
        response: HttpResponse = self.get_response(request)
        return response
