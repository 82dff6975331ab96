"""Pages of the participants' accounts: the curator gives logins and temporary passwords,
links an existing login to a person's record and unlinks it (`nastavnik.staff.logins`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.core.decorators import role_required
from nastavnik.organizations.models import Organization
from nastavnik.staff import logins
from nastavnik.staff.models import StaffMember


def _organization(request: HttpRequest, organization_pk: int) -> Organization:
    return access.get_organization(request.user, organization_pk, roles=access.MANAGER_ROLES)


def _person(organization: Organization, staff_pk: int) -> StaffMember:
    return access.get_or_404(organization.staff.select_related("user"), pk=staff_pk)


def _issued(
    request: HttpRequest, organization: Organization, issued: list[logins.IssuedAccount]
) -> HttpResponse:
    """The logins and temporary passwords, shown once: to print and hand over."""
    return render(
        request,
        "staff/accounts_issued.html",
        {
            "organization": organization,
            "issued": issued,
            "login_url": request.build_absolute_uri("/"),
        },
    )


@never_cache
@role_required(access.MANAGER_ROLES)
def account_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """The program's participants with their logins; issues logins to the chosen ones."""
    organization = _organization(request, organization_pk)
    people = logins.participants(organization)
    if request.method == "POST":
        chosen = {int(pk) for pk in request.POST.getlist("person") if pk.isdigit()}
        selected = [p for p in people if p.pk in chosen and p.user_id is None]
        if not selected:
            messages.error(request, _("Choose the people who are to get an account."))
            return redirect("staff:account_list", organization.pk)
        try:
            issued = logins.accounts_issue(
                actor=request.user, organization=organization, people=selected
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("staff:account_list", organization.pk)
        return _issued(request, organization, issued)
    people_list = list(people)
    return render(
        request,
        "staff/account_list.html",
        {
            "organization": organization,
            "people": people_list,
            "without": sum(1 for p in people_list if p.user_id is None),
            "can_manage": True,
        },
    )


@never_cache
@require_POST
@role_required(access.MANAGER_ROLES)
def account_issue(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    organization = _organization(request, organization_pk)
    person = _person(organization, staff_pk)
    try:
        issued = logins.account_issue(actor=request.user, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("banks:person_detail", organization.pk, person.pk)
    return _issued(request, organization, [issued])


@never_cache
@require_POST
@role_required(access.MANAGER_ROLES)
def account_password_reset(
    request: HttpRequest, organization_pk: int, staff_pk: int
) -> HttpResponse:
    organization = _organization(request, organization_pk)
    person = _person(organization, staff_pk)
    try:
        issued = logins.password_reset(actor=request.user, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("banks:person_detail", organization.pk, person.pk)
    return _issued(request, organization, [issued])


@require_POST
@role_required(access.MANAGER_ROLES)
def account_link(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    organization = _organization(request, organization_pk)
    person = _person(organization, staff_pk)
    user_pk = request.POST.get("user", "")
    user = (
        logins.linkable_accounts(organization).filter(pk=user_pk).first()
        if user_pk.isdigit()
        else None
    )
    if user is None:
        messages.error(request, _("Choose an account from the list."))
        return redirect("banks:person_detail", organization.pk, person.pk)
    try:
        logins.account_link(actor=request.user, person=person, user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The account %(login)s is linked to %(person)s.")
            % {"login": user.username, "person": person.full_name},
        )
    return redirect("banks:person_detail", organization.pk, person.pk)


@require_POST
@role_required(access.MANAGER_ROLES)
def account_unlink(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    organization = _organization(request, organization_pk)
    person = _person(organization, staff_pk)
    try:
        logins.account_unlink(actor=request.user, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The account is unlinked from %(person)s; the program's roles have been taken away.")
            % {"person": person.full_name},
        )
    return redirect("banks:person_detail", organization.pk, person.pk)
