from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring import control, dashboard, exports, lists
from nastavnik.monitoring.forms import ControlPointForm
from nastavnik.monitoring.indicators import BY_KEY, INDICATORS
from nastavnik.monitoring.models import ControlPoint
from nastavnik.organizations.models import Organization

REGION_ROLES = access.STRUCTURE_ROLES | {Role.REGIONAL_METHODOLOGIST}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 100


def _region(request: HttpRequest, region_pk: int):  # type: ignore[no-untyped-def]
    return access.get_or_404(access.regions_for(request.user, roles=REGION_ROLES), pk=region_pk)


@role_required(access.OBSERVER_ROLES)
def organization_dashboard(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    today = timezone.localdate()
    points = control.schedule(organization, year, actor=request.user)
    context = dashboard.organization_page(organization, year, today)
    context.update(
        {
            "organization": organization,
            "year": year,
            "control": control.summary(points, context.pop("mentorships"), today),
            "can_see_municipality": access.holds_any(request.user, access.OVERSEER_ROLES),
        }
    )
    return render(request, "monitoring/organization.html", context)


@role_required(access.OVERSEER_ROLES)
def municipality_dashboard(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.get_municipality(request.user, municipality_pk)
    year = get_academic_year(request)
    sort = request.GET.get("sort", "")
    context = dashboard.municipality_page(municipality, year, timezone.localdate(), sort)
    context.update(
        {
            "municipality": municipality,
            "year": year,
            "sort": sort,
            "columns": dashboard.columns(sort),
            "indicators": INDICATORS,
            "can_see_region": access.regions_for(request.user, roles=REGION_ROLES)
            .filter(pk=municipality.region_id)
            .exists(),
        }
    )
    return render(request, "monitoring/municipality.html", context)


@role_required(REGION_ROLES)
def region_dashboard(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = _region(request, region_pk)
    year = get_academic_year(request)
    sort = request.GET.get("sort", "")
    context = dashboard.region_page(region, year, timezone.localdate(), sort)
    context.update(
        {
            "region": region,
            "year": year,
            "sort": sort,
            "columns": dashboard.columns(sort),
            "indicators": INDICATORS,
        }
    )
    return render(request, "monitoring/region.html", context)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required(access.OVERSEER_ROLES)
def municipality_report(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.get_municipality(request.user, municipality_pk)
    year = get_academic_year(request)
    content = exports.report_xlsx(authority=municipality, year=year, today=timezone.localdate())
    return _xlsx(content, f"monitoring-municipality-{municipality.pk}-{year.start_year}.xlsx")


@role_required(REGION_ROLES)
def region_report(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = _region(request, region_pk)
    year = get_academic_year(request)
    content = exports.report_xlsx(authority=region, year=year, today=timezone.localdate())
    return _xlsx(content, f"monitoring-region-{region.pk}-{year.start_year}.xlsx")


@role_required(access.OBSERVER_ROLES)
def control_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    today = timezone.localdate()
    can_manage = access.can(request.user, access.MANAGER_ROLES, organization)
    points = control.schedule(organization, year, actor=request.user)
    form = ControlPointForm(request.POST or None) if can_manage else None
    if request.method == "POST" and form is not None:
        if request.POST.get("delete"):
            point = access.get_or_404(
                ControlPoint.objects.filter(organization=organization, academic_year=year),
                pk=request.POST["delete"],
            )
            control.point_delete(actor=request.user, point=point)
            messages.success(request, _("The control point is deleted."))
            return redirect("monitoring:control_list", organization.pk)
        if form.is_valid():
            control.point_add(
                actor=request.user, organization=organization, year=year, **form.cleaned_data
            )
            messages.success(request, _("The control point is added."))
            return redirect("monitoring:control_list", organization.pk)
    mentorships = list(
        Mentorship.objects.filter(organization=organization, academic_year=year)
        .select_related("mentor")
        .prefetch_related("mentees")
        .order_by("mentor__last_name", "pk")
    )
    found = control.statuses(points, mentorships, today)
    rows = [
        {"mentorship": m, "statuses": [found[(m.pk, p.pk)] for p in points]} for m in mentorships
    ]
    return render(
        request,
        "monitoring/control.html",
        {
            "organization": organization,
            "year": year,
            "points": points,
            "rows": rows,
            "summary": control.summary(points, mentorships, today),
            "form": form,
            "can_manage": can_manage,
        },
    )


# --- the lists behind the figures ----------------------------------------------------------


def _figure_list(
    request: HttpRequest,
    figure: str,
    organization_ids: Iterable[int],
    *,
    scope: Any,
    dashboard_url: str,
    many: bool,
) -> HttpResponse:
    year = get_academic_year(request)
    found = lists.items(figure, organization_ids, year)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/figure_list.html",
        {
            "figure": figure,
            "indicator": BY_KEY[figure],
            "scope": scope,
            "dashboard_url": dashboard_url,
            "show_organization": many,
            "year": year,
            "page": page,
        },
    )


@role_required(access.OBSERVER_ROLES)
def organization_figure(request: HttpRequest, organization_pk: int, figure: str) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    return _figure_list(
        request,
        lists.check(figure),
        [organization.pk],
        scope=organization.short_name,
        dashboard_url=reverse("monitoring:organization_dashboard", args=[organization.pk]),
        many=False,
    )


@role_required(access.OVERSEER_ROLES)
def municipality_figure(request: HttpRequest, municipality_pk: int, figure: str) -> HttpResponse:
    municipality = access.get_municipality(request.user, municipality_pk)
    return _figure_list(
        request,
        lists.check(figure),
        Organization.objects.filter(municipality=municipality).values_list("pk", flat=True),
        scope=municipality.name,
        dashboard_url=reverse("monitoring:municipality_dashboard", args=[municipality.pk]),
        many=True,
    )


@role_required(REGION_ROLES)
def region_figure(request: HttpRequest, region_pk: int, figure: str) -> HttpResponse:
    region = _region(request, region_pk)
    return _figure_list(
        request,
        lists.check(figure),
        Organization.objects.filter(municipality__region=region).values_list("pk", flat=True),
        scope=region.name,
        dashboard_url=reverse("monitoring:region_dashboard", args=[region.pk]),
        many=True,
    )
