from typing import Any

from django.http import HttpRequest

from nastavnik.accounts import access
from nastavnik.core.context import get_academic_year, get_active_role
from nastavnik.core.models import AcademicYear
from nastavnik.core.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs: navigation of the active role, roles, academic years."""
    if not request.user.is_authenticated:
        return {}
    match = request.resolver_match
    url_name = match.view_name if match else ""
    role = get_active_role(request)
    return {
        "active_role": role,
        "my_roles": access.assignments(request.user),
        "navigation": navigation_for(role, url_name),
        "academic_year": get_academic_year(request),
        "academic_years": AcademicYear.objects.all,  # evaluated by the template only when shown
    }
