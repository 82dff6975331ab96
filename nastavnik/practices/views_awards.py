"""The pages of the awards: the nominations of the year, the reward order made from the
approved ones, and the mentor's evidence pack for the qualification category."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.documents.engine import DocumentError
from nastavnik.organizations.models import Organization
from nastavnik.practices import evidence, selectors, services
from nastavnik.practices.forms import NominationForm
from nastavnik.practices.models import Nomination


def _nomination(request: HttpRequest, nomination_pk: int) -> Nomination:
    nomination = access.get_or_404(
        access.scoped(request.user, Nomination.objects.all()).select_related(
            "organization__municipality__region", "academic_year", "staff", "order"
        ),
        pk=nomination_pk,
    )
    if not access.can(request.user, access.MANAGER_ROLES, nomination.organization):
        raise PermissionDenied
    return nomination


@role_required(access.OBSERVER_ROLES)
def nomination_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    nominations = list(selectors.year_nominations(organization, year))
    can_manage = access.can(request.user, access.MANAGER_ROLES, organization)
    return render(
        request,
        "practices/nomination_list.html",
        {
            "organization": organization,
            "year": year,
            "nominations": nominations,
            "can_manage": can_manage,
            "ready": [
                n for n in nominations if n.status == Nomination.Status.APPROVED and not n.order_id
            ],
        },
    )


def _form_page(
    request: HttpRequest, organization: Organization, nomination: Nomination | None
) -> HttpResponse:
    year = nomination.academic_year if nomination else get_academic_year(request)
    initial = {}
    if nomination is not None:
        initial = {
            "staff": nomination.staff,
            "kind": nomination.kind,
            "amount": nomination.amount,
            "reason": nomination.reason,
        }
    form = NominationForm(
        request.POST or None, staff=selectors.award_candidates(organization), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.nomination_save(
                actor=request.user,
                organization=organization,
                year=year,
                staff=data["staff"],
                kind=data["kind"],
                amount=data.get("amount"),
                reason=data.get("reason") or "",
                nomination=nomination,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The nomination is saved."))
            return redirect("practices:nomination_list", organization.pk)
    return render(
        request,
        "practices/nomination_form.html",
        {"organization": organization, "nomination": nomination, "form": form, "year": year},
    )


@role_required(access.MANAGER_ROLES)
def nomination_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    return _form_page(request, organization, None)


@login_required
def nomination_edit(request: HttpRequest, nomination_pk: int) -> HttpResponse:
    nomination = _nomination(request, nomination_pk)
    if nomination.order_id:
        messages.error(request, _("The nomination is already in a reward order."))
        return redirect("practices:nomination_list", nomination.organization_id)
    return _form_page(request, nomination.organization, nomination)


@require_POST
@login_required
def nomination_approve(request: HttpRequest, nomination_pk: int) -> HttpResponse:
    nomination = _nomination(request, nomination_pk)
    services.nomination_approve(actor=request.user, nomination=nomination)
    messages.success(request, _("The nomination is approved."))
    return redirect("practices:nomination_list", nomination.organization_id)


@require_POST
@login_required
def nomination_remove(request: HttpRequest, nomination_pk: int) -> HttpResponse:
    nomination = _nomination(request, nomination_pk)
    try:
        services.nomination_remove(actor=request.user, nomination=nomination)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The nomination is removed."))
    return redirect("practices:nomination_list", nomination.organization_id)


@require_POST
@role_required(access.MANAGER_ROLES)
def nominations_order(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """«Сформировать приказ о поощрении»: a draft reward order for the approved nominations;
    the curator checks and edits it on the document's page."""
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    try:
        document = services.nominations_make_order(
            actor=request.user, organization=organization, year=get_academic_year(request)
        )
    except (ValidationError, DocumentError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return redirect("practices:nomination_list", organization.pk)
    messages.success(
        request, _("The reward order is made as a draft. Check it, edit if needed and sign.")
    )
    return redirect("documents:document_detail", organization.pk, document.pk)


@login_required
def evidence_pack(request: HttpRequest, organization_pk: int, staff_pk: int) -> FileResponse:
    """The ZIP for the qualification category «педагог-наставник»: for the observers of the
    organization and for the mentor himself or herself."""
    organization = access.get_organization(request.user, organization_pk, roles=access.MEMBER_ROLES)
    person = access.get_or_404(organization.staff.select_related("organization"), pk=staff_pk)
    if not (
        access.can(request.user, access.OBSERVER_ROLES, organization)
        or (person.user_id and person.user_id == request.user.pk)
    ):
        raise Http404
    data = evidence.pack_zip(evidence.collect(person))
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=get_valid_filename(f"Наставник_{person.full_name}.zip"),
        content_type="application/zip",
    )
