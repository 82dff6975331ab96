from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.core.decorators import role_required
from nastavnik.staff import selectors, services
from nastavnik.staff.forms import StaffMemberForm
from nastavnik.staff.services import STAFF_FIELDS

PAGE_SIZE = 50


@role_required(access.OBSERVER_ROLES)
def staff_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    search = request.GET.get("q", "").strip()
    staff = selectors.staff_list(organization=organization, search=search)
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/staff_list.html",
        {
            "organization": organization,
            "page": page,
            "search": search,
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


@role_required(access.MANAGER_ROLES)
def staff_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    form = StaffMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_member_create(
            actor=request.user,
            organization=organization,
            **{name: form.cleaned_data[name] for name in STAFF_FIELDS},
        )
        messages.success(request, _("The person has been added to the staff list."))
        return redirect("staff:staff_list", organization.pk)
    return render(request, "staff/staff_form.html", {"organization": organization, "form": form})


@role_required(access.MANAGER_ROLES)
def staff_edit(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    member = access.get_or_404(organization.staff.all(), pk=staff_pk)
    initial = {name: getattr(member, name) for name in STAFF_FIELDS}
    form = StaffMemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.staff_member_update(
            actor=request.user,
            member=member,
            **{name: form.cleaned_data[name] for name in STAFF_FIELDS},
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("staff:staff_list", organization.pk)
    return render(
        request,
        "staff/staff_form.html",
        {"organization": organization, "form": form, "member": member},
    )
