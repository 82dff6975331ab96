import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.core import selectors
from nastavnik.core.context import ACADEMIC_YEAR_SESSION_KEY, get_academic_year, get_active_role
from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization


def _year_progress(year: AcademicYear, today: datetime.date) -> dict[str, int]:
    total = (year.ends_on - year.starts_on).days + 1
    passed = min(max((today - year.starts_on).days + 1, 0), total)
    return {
        "percent": round(100 * passed / total),
        "days_left": max((year.ends_on - today).days, 0),
    }


def _flagged_mentorships(
    organization: Organization, year: AcademicYear, today: datetime.date
) -> list[dict[str, Any]]:
    """The pairs and groups of the year that look formal, with the reasons (no query per row)."""
    from nastavnik.mentorships.models import Mentorship
    from nastavnik.mentorships.selectors import with_flags

    active = Mentorship.objects.filter(
        organization=organization, academic_year=year, status=Mentorship.Status.ACTIVE
    )
    return [row for row in with_flags(active, today) if row["flags"]]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = get_active_role(request)
    year = get_academic_year(request)
    today = timezone.localdate()
    context = {"year": year, "today": today, "progress": _year_progress(year, today)}
    if role is None:
        return render(request, "core/home/no_role.html", context)
    context["role"] = role
    if role.role == Role.ADMIN:
        assert role.region is not None
        context.update(selectors.region_overview(user=request.user, region=role.region))
        context["events"] = selectors.recent_events(regions=[role.region])
        return render(request, "core/home/admin.html", context)
    if role.role == Role.REGIONAL_METHODOLOGIST:
        assert role.region is not None
        context.update(selectors.region_overview(user=request.user, region=role.region))
        context["municipalities"] = selectors.region_municipalities(
            user=request.user, region=role.region
        )
        return render(request, "core/home/regional_methodologist.html", context)
    if role.role == Role.MUNICIPAL_METHODOLOGIST:
        assert role.municipality is not None
        context["municipality"] = role.municipality
        context["organizations"] = selectors.municipality_organizations(
            user=request.user, municipality=role.municipality
        )
        return render(request, "core/home/municipal_methodologist.html", context)
    assert role.organization is not None
    context.update(selectors.organization_overview(organization=role.organization, year=year))
    if role.role in (Role.DIRECTOR, Role.CURATOR):
        from nastavnik.roadmaps.selectors import upcoming

        context["roadmap"] = upcoming(role.organization, year, today)
        context["flagged"] = _flagged_mentorships(role.organization, year, today)
    context["observer"] = access.can(request.user, access.OBSERVER_ROLES, role.organization)
    if role.role in (Role.MENTOR, Role.MENTEE):
        from nastavnik.surveys.services import invitations_of

        context["surveys_waiting"] = len(invitations_of(request.user, today))
    template = "organization" if role.role in (Role.DIRECTOR, Role.CURATOR) else "member"
    return render(request, f"core/home/{template}.html", context)


@require_POST
@login_required
def switch_year(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.get("year", "")
    year = AcademicYear.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if year is None:
        messages.error(request, _("There is no such academic year."))
    else:
        request.session[ACADEMIC_YEAR_SESSION_KEY] = year.pk
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target or "/")
