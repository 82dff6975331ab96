"""Per-request context: the active role and the selected academic year, computed once."""

from django.http import HttpRequest

from nastavnik.accounts import access
from nastavnik.accounts.models import RoleAssignment
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_current

ACTIVE_ROLE_SESSION_KEY = "active_role"
ACADEMIC_YEAR_SESSION_KEY = "academic_year"
_UNSET = object()


def get_active_role(request: HttpRequest) -> RoleAssignment | None:
    """The role the user works in now: the one chosen in the session, else the first one.

    It chooses the home page and the navigation only; access is decided by `access`.
    """
    cached = getattr(request, "_active_role", _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[return-value]
    held = access.assignments(request.user)
    chosen = request.session.get(ACTIVE_ROLE_SESSION_KEY)
    result = next((a for a in held if a.pk == chosen), held[0] if held else None)
    request._active_role = result  # type: ignore[attr-defined]
    return result


def get_academic_year(request: HttpRequest) -> AcademicYear:
    """The academic year chosen in the session; the current one is preselected."""
    cached = getattr(request, "_academic_year", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    year = None
    chosen = request.session.get(ACADEMIC_YEAR_SESSION_KEY)
    if chosen:
        year = AcademicYear.objects.filter(pk=chosen).first()
    if year is None:
        year = academic_year_current()
    request._academic_year = year  # type: ignore[attr-defined]
    return year
