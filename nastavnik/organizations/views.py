from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.accounts import access
from nastavnik.accounts.models import Role, RoleAssignment
from nastavnik.core.decorators import role_required
from nastavnik.organizations import selectors, services
from nastavnik.organizations.forms import MunicipalityForm, OrganizationFilterForm, OrganizationForm
from nastavnik.organizations.services import ORGANIZATION_FIELDS
from nastavnik.staff.models import PersonKind
from nastavnik.staff.selectors import active_staff_count

PAGE_SIZE = 50


@role_required(access.OVERSEER_ROLES)
def municipality_list(request: HttpRequest) -> HttpResponse:
    municipalities = selectors.municipality_list(user=request.user)
    return render(
        request,
        "organizations/municipality_list.html",
        {
            "municipalities": municipalities,
            "can_create": access.holds_any(request.user, access.STRUCTURE_ROLES),
        },
    )


@role_required(access.STRUCTURE_ROLES)
def municipality_create(request: HttpRequest) -> HttpResponse:
    form = MunicipalityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        municipality = services.municipality_create(
            actor=request.user,
            region=form.cleaned_data["region"],
            name=form.cleaned_data["name"].strip(),
            authority_name=form.cleaned_data["authority_name"].strip(),
        )
        messages.success(request, _("The municipality has been created."))
        return redirect("organizations:municipality_detail", municipality.pk)
    return render(request, "organizations/municipality_form.html", {"form": form})


@role_required(access.OVERSEER_ROLES)
def municipality_detail(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.get_municipality(request.user, municipality_pk)
    organizations = municipality.organizations.annotate(staff_count=active_staff_count()).order_by(
        "short_name"
    )
    return render(
        request,
        "organizations/municipality_detail.html",
        {
            "municipality": municipality,
            "organizations": organizations,
            "methodologists": RoleAssignment.objects.filter(
                municipality=municipality, role=Role.MUNICIPAL_METHODOLOGIST
            ).select_related("user"),
            "can_edit": access.municipalities_for(request.user, roles=access.STRUCTURE_ROLES)
            .filter(pk=municipality.pk)
            .exists(),
        },
    )


@role_required(access.STRUCTURE_ROLES)
def municipality_edit(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.get_municipality(
        request.user, municipality_pk, roles=access.STRUCTURE_ROLES
    )
    initial = {
        "pk": municipality.pk,
        "region": municipality.region,
        "name": municipality.name,
        "authority_name": municipality.authority_name,
    }
    form = MunicipalityForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.municipality_update(
            actor=request.user,
            municipality=municipality,
            name=form.cleaned_data["name"].strip(),
            authority_name=form.cleaned_data["authority_name"].strip(),
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("organizations:municipality_detail", municipality.pk)
    return render(
        request,
        "organizations/municipality_form.html",
        {"form": form, "municipality": municipality},
    )


@role_required(access.OVERSEER_ROLES)
def organization_list(request: HttpRequest) -> HttpResponse:
    form = OrganizationFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    municipality = filters.get("municipality")
    organizations = selectors.organization_list(
        user=request.user,
        search=(filters.get("q") or "").strip(),
        municipality_id=municipality.pk if municipality else None,
        kind=filters.get("kind") or "",
    )
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organizations/organization_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": access.holds_any(request.user, access.STRUCTURE_ROLES),
        },
    )


@role_required(access.STRUCTURE_ROLES)
def organization_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("municipality"):
        initial["municipality"] = request.GET["municipality"]
    form = OrganizationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ORGANIZATION_FIELDS}
        organization = services.organization_create(
            actor=request.user, municipality=form.cleaned_data["municipality"], **data
        )
        messages.success(request, _("The organization has been created."))
        return redirect("organizations:organization_detail", organization.pk)
    return render(request, "organizations/organization_form.html", {"form": form})


@login_required
def organization_detail(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk, roles=access.MEMBER_ROLES)
    observer = access.can(request.user, access.OBSERVER_ROLES, organization)
    people = RoleAssignment.objects.filter(organization=organization).select_related("user")
    if not observer:
        # A mentor or a mentee sees whom to turn to, not the list of everybody's roles.
        people = people.filter(role__in=[Role.DIRECTOR, Role.CURATOR])
    by_role: dict[str, list[RoleAssignment]] = {}
    for assignment in people.order_by("user__last_name", "user__first_name"):
        by_role.setdefault(assignment.role, []).append(assignment)
    roles = [
        (Role(role).label, by_role[role])
        for role in (Role.DIRECTOR, Role.CURATOR, Role.MENTOR, Role.MENTEE)
        if role in by_role
    ]
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "organization": organization,
            "observer": observer,
            "roles": roles,
            "staff_count": organization.staff.filter(is_active=True, kind=PersonKind.STAFF).count()
            if observer
            else None,
            "can_edit": access.can(request.user, access.MANAGER_ROLES, organization),
            "can_manage_users": access.can(request.user, access.STRUCTURE_ROLES, organization),
            "can_read_journal": access.can(request.user, JOURNAL_ROLES, organization),
        },
    )


@role_required(access.MANAGER_ROLES)
def organization_edit(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    can_move = access.can(request.user, access.STRUCTURE_ROLES, organization)
    initial = {name: getattr(organization, name) for name in ORGANIZATION_FIELDS}
    initial["municipality"] = organization.municipality
    form = OrganizationForm(
        request.POST or None,
        user=request.user,
        can_move=can_move,
        pk=organization.pk,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ORGANIZATION_FIELDS}
        services.organization_update(
            actor=request.user,
            organization=organization,
            municipality=form.cleaned_data.get("municipality"),
            **data,
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("organizations:organization_detail", organization.pk)
    return render(
        request,
        "organizations/organization_form.html",
        {"form": form, "organization": organization},
    )


# Who reads the journal of an organization: its head and the region's administrator (152-ФЗ
# accountability for the processing of personal data).
JOURNAL_ROLES = frozenset({Role.DIRECTOR, Role.ADMIN})
PERSONAL_DATA_ACTIONS = ("pd_view", "pd_export", "pd_export_person")


JOURNAL_FILTERS = [
    ("", gettext_lazy("Everything")),
    ("changes", gettext_lazy("Changes")),
    ("personal_data", gettext_lazy("Access to personal data")),
]
REGION_FILTER = ("region", gettext_lazy("Accounts, roles and the structure of the region"))


@role_required(JOURNAL_ROLES)
def audit_journal(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """Every change made in the organization and every view or export of personal data: who,
    when, what, with the details of the change."""
    from nastavnik.core.models import AuditEvent

    organization = access.get_organization(request.user, organization_pk, roles=JOURNAL_ROLES)
    events = (
        AuditEvent.objects.filter(organization=organization)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    shown = request.GET.get("show", "")
    return render(
        request,
        "organizations/audit_journal.html",
        {
            "organization": organization,
            "page": _journal_page(request, events, shown),
            "shown": shown,
            "filters": JOURNAL_FILTERS,
        },
    )


def _journal_page(request: HttpRequest, events: Any, shown: str) -> Any:
    if shown == "personal_data":
        events = events.filter(action__in=PERSONAL_DATA_ACTIONS)
    elif shown == "changes":
        events = events.exclude(action__in=PERSONAL_DATA_ACTIONS)
    elif shown == "region":
        events = events.filter(organization__isnull=True)
    return Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))


@role_required({Role.ADMIN})
def region_journal(request: HttpRequest, region_pk: int) -> HttpResponse:
    """The journal of the whole region for its administrator: the accounts, roles,
    municipalities and organizations he and others changed, and the organizations' own rows."""
    from nastavnik.core.models import AuditEvent

    region = access.get_or_404(access.regions_for(request.user, roles={Role.ADMIN}), pk=region_pk)
    events = (
        AuditEvent.objects.filter(region=region)
        .select_related("actor", "organization")
        .order_by("-created_at", "-pk")
    )
    shown = request.GET.get("show", "")
    return render(
        request,
        "organizations/audit_journal.html",
        {
            "region": region,
            "page": _journal_page(request, events, shown),
            "shown": shown,
            "filters": [*JOURNAL_FILTERS, REGION_FILTER],
        },
    )
