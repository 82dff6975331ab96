"""The pages of the methodological library: the organization's library with search and
filters, the region's library, the practice with its files, the form."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.accounts.models import SCOPE_OF_ROLE, Role, Scope
from nastavnik.core.context import get_academic_year, get_active_role
from nastavnik.core.decorators import role_required
from nastavnik.documents.kinds.base import staff_queryset
from nastavnik.mentorships.models import OrganizationEvent
from nastavnik.organizations.models import Organization, Region
from nastavnik.practices import selectors, services
from nastavnik.practices.forms import LibrarySearchForm, PracticeFileForm, PracticeForm
from nastavnik.practices.models import Practice, PracticeFile

PAGE_SIZE = 20
# Who opens the region's library by the region's address.
REGION_ROLES = frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST})


def _practice(request: HttpRequest, practice_pk: int) -> Practice:
    return access.get_or_404(
        selectors.visible(request.user).select_related(
            "organization__municipality__region", "academic_year", "event", "created_by"
        ),
        pk=practice_pk,
    )


def _managed_practice(request: HttpRequest, practice_pk: int) -> Practice:
    practice = _practice(request, practice_pk)
    if not access.can(request.user, access.MANAGER_ROLES, practice.organization):
        raise PermissionDenied
    return practice


def _library_page(request: HttpRequest, practices: Any, base: Any) -> dict[str, Any]:
    form = LibrarySearchForm(
        request.GET or None,
        years=selectors.years_of(base),
        tags=selectors.tags_of(base),
    )
    filters = form.filters() if request.GET else {}
    page = Paginator(practices(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return {"form": form, "page": page, "filtered": any(filters.values())}


@login_required
def library_home(request: HttpRequest) -> HttpResponse:
    """The library of the active role: the organization's, else the region's."""
    role = get_active_role(request)
    if role is not None:
        scope = SCOPE_OF_ROLE[role.role]
        if scope == Scope.ORGANIZATION and role.organization_id:
            return redirect("practices:library", role.organization_id)
        if scope == Scope.MUNICIPALITY and role.municipality_id:
            return redirect("practices:municipality_region_library", role.municipality_id)
        if scope == Scope.REGION and role.region_id:
            return redirect("practices:region_library", role.region_id)
    raise Http404


@login_required
def library(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=selectors.READER_ROLES
    )
    base = Practice.objects.filter(organization=organization)
    context = _library_page(
        request,
        lambda **f: selectors.organization_library(organization, **f),
        base,
    )
    context.update(
        organization=organization,
        region=organization.municipality.region,
        can_manage=access.can(request.user, access.MANAGER_ROLES, organization),
    )
    return render(request, "practices/library.html", context)


def _region_page(request: HttpRequest, region: Region) -> HttpResponse:
    base = Practice.objects.filter(
        published_to_region=True, organization__municipality__region=region
    )
    context = _library_page(request, lambda **f: selectors.region_library(region, **f), base)
    context.update(region=region)
    return render(request, "practices/region_library.html", context)


@role_required(REGION_ROLES)
def region_library(request: HttpRequest, region_pk: int) -> HttpResponse:
    """The practices published in the region, for its administrators and regional
    methodologists."""
    region = access.get_or_404(access.regions_for(request.user, roles=REGION_ROLES), pk=region_pk)
    return _region_page(request, region)


@role_required(access.OVERSEER_ROLES)
def municipality_region_library(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    """The practices published in the region, seen from a municipality of it."""
    municipality = access.get_municipality(request.user, municipality_pk)
    return _region_page(request, municipality.region)


@login_required
def organization_region_library(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """The practices published in the region, seen from an organization of it (any role)."""
    organization = access.get_organization(
        request.user, organization_pk, roles=selectors.READER_ROLES
    )
    return _region_page(request, organization.municipality.region)


@login_required
def practice_detail(request: HttpRequest, practice_pk: int) -> HttpResponse:
    practice = _practice(request, practice_pk)
    organization = practice.organization
    return render(
        request,
        "practices/practice_detail.html",
        {
            "practice": practice,
            "organization": organization,
            "authors": practice.authors.order_by("last_name", "first_name"),
            "files": practice.files.all(),
            "member": access.can(request.user, selectors.READER_ROLES, organization),
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


def _form_page(
    request: HttpRequest, organization: Organization, practice: Practice | None
) -> HttpResponse:
    events = OrganizationEvent.objects.filter(organization=organization).order_by("-date", "-pk")
    if practice is None:
        initial: dict[str, Any] = {"academic_year": get_academic_year(request)}
        event_pk = request.GET.get("event", "")
        event = events.filter(pk=event_pk).first() if event_pk.isdigit() else None
        if event is not None:
            initial.update(event=event, academic_year=event.academic_year)
    else:
        initial = {
            "title": practice.title,
            "academic_year": practice.academic_year,
            "form": practice.form,
            "authors": list(practice.authors.all()),
            "other_authors": practice.other_authors,
            "tags": practice.tags,
            "description": practice.description,
            "event": practice.event,
        }
    form = PracticeForm(
        request.POST or None,
        request.FILES or None,
        staff=staff_queryset(organization),
        events=events,
        with_file=practice is None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file", None)
        try:
            saved = services.practice_save(
                actor=request.user,
                organization=organization,
                year=data.pop("academic_year"),
                authors=list(data.pop("authors")),
                tags=data.pop("tags"),
                event=data.pop("event"),
                practice=practice,
                **data,
            )
            if upload is not None:
                services.practice_file_add(
                    actor=request.user, practice=saved, title=upload.name or "", upload=upload
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The practice is saved."))
            return redirect("practices:practice_detail", saved.pk)
    return render(
        request,
        "practices/practice_form.html",
        {"organization": organization, "practice": practice, "form": form},
    )


@login_required
def practice_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    return _form_page(request, organization, None)


@login_required
def practice_edit(request: HttpRequest, practice_pk: int) -> HttpResponse:
    practice = _managed_practice(request, practice_pk)
    return _form_page(request, practice.organization, practice)


@require_POST
@login_required
def practice_delete(request: HttpRequest, practice_pk: int) -> HttpResponse:
    practice = _managed_practice(request, practice_pk)
    organization = practice.organization
    services.practice_delete(actor=request.user, practice=practice)
    messages.success(request, _("The practice is deleted."))
    return redirect("practices:library", organization.pk)


@require_POST
@login_required
def practice_publish(request: HttpRequest, practice_pk: int) -> HttpResponse:
    practice = _managed_practice(request, practice_pk)
    published = request.POST.get("published") == "1"
    services.practice_publish(actor=request.user, practice=practice, published=published)
    if published:
        messages.success(request, _("The practice is published to the region."))
    else:
        messages.success(request, _("The practice is withdrawn from the region."))
    return redirect("practices:practice_detail", practice.pk)


@login_required
def practice_file_add(request: HttpRequest, practice_pk: int) -> HttpResponse:
    practice = _managed_practice(request, practice_pk)
    form = PracticeFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.practice_file_add(
                actor=request.user,
                practice=practice,
                title=data.get("title") or "",
                upload=data.get("file") or None,
                url=data.get("url") or "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The material is added."))
            return redirect("practices:practice_detail", practice.pk)
    return render(
        request,
        "practices/file_form.html",
        {"practice": practice, "organization": practice.organization, "form": form},
    )


def _file(request: HttpRequest, practice_file_pk: int) -> PracticeFile:
    return access.get_or_404(
        PracticeFile.objects.filter(practice__in=selectors.visible(request.user)).select_related(
            "practice__organization__municipality__region"
        ),
        pk=practice_file_pk,
    )


@require_POST
@login_required
def practice_file_remove(request: HttpRequest, practice_file_pk: int) -> HttpResponse:
    item = _file(request, practice_file_pk)
    practice = item.practice
    if not access.can(request.user, access.MANAGER_ROLES, practice.organization):
        raise PermissionDenied
    services.practice_file_remove(actor=request.user, item=item)
    messages.success(request, _("The material is removed."))
    return redirect("practices:practice_detail", practice.pk)


@login_required
def practice_file_download(request: HttpRequest, practice_file_pk: int) -> FileResponse:
    """The file of a practice: for whoever may see the practice."""
    item = _file(request, practice_file_pk)
    if not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])
