from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nastavnik.accounts import access
from nastavnik.core.decorators import role_required
from nastavnik.staff import selectors

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
        {"organization": organization, "page": page, "search": search},
    )
