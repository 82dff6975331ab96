"""A clean page, not a traceback, while the database does not answer.

When PostgreSQL restarts or the network to it drops, every query raises OperationalError or
InterfaceError. Such a request gets a short Russian page «the service is temporarily
unavailable» with status 503 and Retry-After; Django drops the broken connection at the end of
the request, and the next request opens a new one (CONN_HEALTH_CHECKS), so the service resumes
by itself when the database is back, without restarting the application.

The page is rendered without the context processors: they read the database too.
"""

from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_FLAG = "_database_unavailable"


def _is_database_error(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def database_unavailable_response() -> HttpResponse:
    # A broken connection is closed by Django when the request finishes
    # (close_old_connections), and checked before reuse by the next one (CONN_HEALTH_CHECKS).
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@receiver(got_request_exception, dispatch_uid="nastavnik_database_unavailable")
def _mark_database_error(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """A database error raised in a middleware (the session, the second factor) does not reach
    `process_exception`: Django turns it into the 500 page at once. Mark the request, so that
    `DatabaseUnavailableMiddleware`, the outermost one, gives the 503 page instead."""
    import sys

    if request is not None and _is_database_error(sys.exc_info()[1]):
        setattr(request, _FLAG, True)


class DatabaseUnavailableMiddleware:
    """First in MIDDLEWARE: the 503 page for any request that failed on the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _FLAG, False):
            return database_unavailable_response()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if _is_database_error(exception):
            return database_unavailable_response()
        return None
