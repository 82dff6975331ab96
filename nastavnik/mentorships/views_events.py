"""The pages of the events of an organization: the list of the year, the form, the event with
its participants and materials, and the participant's own list."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.mentorships import events
from nastavnik.mentorships.forms_events import EventForm, MaterialForm
from nastavnik.mentorships.models import EventMaterial, OrganizationEvent
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


def _event(request: HttpRequest, event_pk: int) -> OrganizationEvent:
    return access.get_or_404(
        events.visible(request.user).select_related(
            "organization__municipality__region", "academic_year", "created_by"
        ),
        pk=event_pk,
    )


def _managed_event(request: HttpRequest, event_pk: int) -> OrganizationEvent:
    event = _event(request, event_pk)
    if not events.can_manage(request.user, event):
        raise PermissionDenied
    return event


def _material(request: HttpRequest, material_pk: int) -> EventMaterial:
    return access.get_or_404(
        EventMaterial.objects.filter(event__in=events.visible(request.user)).select_related(
            "event__organization__municipality__region"
        ),
        pk=material_pk,
    )


@role_required(access.OBSERVER_ROLES)
def event_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    return render(
        request,
        "mentorships/event_list.html",
        {
            "organization": organization,
            "year": year,
            "events": events.year_events(organization, year),
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


def _form_page(
    request: HttpRequest, organization: Organization, event: OrganizationEvent | None
) -> HttpResponse:
    year = event.academic_year if event else get_academic_year(request)
    staff = StaffMember.objects.filter(organization=organization, is_active=True).order_by(
        "last_name", "first_name", "patronymic"
    )
    if event is None:
        initial: dict[str, Any] = {"date": timezone.localdate()}
    else:
        initial = {name: getattr(event, name) for name in events.EVENT_FIELDS}
        initial["participants"] = list(event.participants.all())
    form = EventForm(request.POST or None, staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = {p.pk: p for p in data.pop("participants")}
        for flag, bank in (("all_mentors", "mentors"), ("all_mentees", "mentees")):
            if data.pop(flag):
                chosen.update({p.pk: p for p in events.bank_staff(organization, year, bank)})
        try:
            saved = events.event_save(
                actor=request.user,
                organization=organization,
                year=year,
                event=event,
                participants=list(chosen.values()),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("mentorships:event_detail", saved.pk)
    return render(
        request,
        "mentorships/event_form.html",
        {"organization": organization, "event": event, "form": form},
    )


@role_required(access.MANAGER_ROLES)
def event_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    return _form_page(request, organization, None)


@login_required
def event_edit(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = _managed_event(request, event_pk)
    return _form_page(request, event.organization, event)


@login_required
def event_detail(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = _event(request, event_pk)
    manage = events.can_manage(request.user, event)
    return render(
        request,
        "mentorships/event_detail.html",
        {
            "event": event,
            "organization": event.organization,
            "participants": event.participants.order_by("last_name", "first_name", "patronymic"),
            "materials": event.materials.all(),
            "can_manage": manage,
            "observer": manage
            or access.can(request.user, access.OBSERVER_ROLES, event.organization),
            "material_form": MaterialForm() if manage else None,
        },
    )


@require_POST
@login_required
def event_held(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = _managed_event(request, event_pk)
    events.event_mark_held(actor=request.user, event=event)
    messages.success(request, _("The event is marked as held."))
    return redirect("mentorships:event_detail", event.pk)


@login_required
def material_add(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = _managed_event(request, event_pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            events.material_add(
                actor=request.user,
                event=event,
                title=data["title"],
                upload=data.get("file") or None,
                url=data.get("url") or "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The material is added."))
            return redirect("mentorships:event_detail", event.pk)
    return render(
        request,
        "mentorships/event_material_form.html",
        {"event": event, "organization": event.organization, "form": form},
    )


@require_POST
@login_required
def material_remove(request: HttpRequest, material_pk: int) -> HttpResponse:
    material = _material(request, material_pk)
    event = material.event
    if not events.can_manage(request.user, event):
        raise PermissionDenied
    events.material_remove(actor=request.user, material=material)
    messages.success(request, _("The material is removed."))
    return redirect("mentorships:event_detail", event.pk)


@login_required
def material_download(request: HttpRequest, material_pk: int) -> FileResponse:
    """The file of a material: for the observers of the organization and the participants."""
    material = _material(request, material_pk)
    if not material.file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=material.file.name.rsplit("/", 1)[-1])


@login_required
def events_mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentorships/event_mine.html",
        {"events": events.participant_events(request.user).order_by("-date", "-pk")},
    )
