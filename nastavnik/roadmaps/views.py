import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.core.models import AcademicYear
from nastavnik.mentorships import selectors as mentorship_selectors
from nastavnik.mentorships.models import Mentorship
from nastavnik.organizations.models import Organization
from nastavnik.roadmaps import selectors, services
from nastavnik.roadmaps.forms import (
    ActivityForm,
    EvidenceForm,
    NewActivityForm,
    PublicationForm,
    RiskForm,
    StageForm,
)
from nastavnik.roadmaps.models import (
    Activity,
    Evidence,
    ExpectedResult,
    Publication,
    RegionTemplate,
    Risk,
    Roadmap,
    Stage,
)
from nastavnik.roadmaps.services import RESPONSIBLE_ROLES
from nastavnik.staff.models import StaffMember

MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8]


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _roadmap(organization: Organization, year: AcademicYear) -> Roadmap:
    roadmap = Roadmap.objects.filter(organization=organization, academic_year=year).first()
    if roadmap is None:
        raise Http404
    return roadmap


@role_required(access.OBSERVER_ROLES)
def roadmap_detail(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    can_manage = access.can(request.user, access.MANAGER_ROLES, organization)
    roadmap = selectors.roadmap_for(organization, year)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "organization": organization,
        "year": year,
        "roadmap": roadmap,
        "can_manage": can_manage,
        "roles": RESPONSIBLE_ROLES,
    }
    if roadmap is None:
        template = (
            RegionTemplate.objects.filter(region_id=organization.municipality.region_id)
            .select_related("roadmap__organization", "roadmap__academic_year")
            .first()
        )
        context["region_template"] = template.roadmap if template else None
        context["previous"] = (
            Roadmap.objects.filter(
                organization=organization, academic_year__start_year__lt=year.start_year
            )
            .select_related("academic_year")
            .order_by("-academic_year__start_year")
            .first()
        )
        return render(request, "roadmaps/roadmap_empty.html", context)
    rows = selectors.roadmap_rows(roadmap, today)
    context.update({"rows": rows, "summary": selectors.summary(rows), "today": today})
    if request.GET.get("view") == "months":
        months = []
        for month in MONTHS:
            calendar_year = year.start_year if month >= 9 else year.start_year + 1
            items = [
                item
                for row in rows
                for item in row["items"]
                if item["state"].starts
                and (item["state"].starts.year, item["state"].starts.month)
                <= (calendar_year, month)
                and item["state"].due
                and (item["state"].due.year, item["state"].due.month) >= (calendar_year, month)
            ]
            months.append({"month": month, "year": calendar_year, "items": items})
        context["months"] = months
        context["ongoing"] = [
            item for row in rows for item in row["items"] if item["state"].due is None
        ]
        return render(request, "roadmaps/roadmap_months.html", context)
    context["can_publish_template"] = access.can(request.user, REGION_ROLES, organization)
    context["is_region_template"] = RegionTemplate.objects.filter(roadmap=roadmap).exists()
    context["next_year"] = AcademicYear.objects.filter(start_year=year.start_year + 1).first()
    context["next_exists"] = Roadmap.objects.filter(
        organization=organization, academic_year__start_year=year.start_year + 1
    ).exists()
    return render(request, "roadmaps/roadmap_detail.html", context)


@require_POST
@role_required(access.MANAGER_ROLES)
def roadmap_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    year = AcademicYear.objects.filter(
        pk=request.POST.get("year") or 0
    ).first() or get_academic_year(request)
    copy_from = None
    if request.POST.get("source"):
        copy_from = access.get_or_404(
            Roadmap.objects.filter(organization=organization), pk=request.POST["source"]
        )
    elif request.POST.get("region_template"):
        template = (
            RegionTemplate.objects.filter(region_id=organization.municipality.region_id)
            .select_related("roadmap__academic_year")
            .first()
        )
        if template is None:
            raise Http404
        copy_from = template.roadmap
    try:
        services.roadmap_create(
            actor=request.user, organization=organization, year=year, copy_from=copy_from
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("The roadmap for %(year)s is ready: check the deadlines and the responsible.")
            % {"year": year},
        )
    return redirect("roadmaps:roadmap_detail", organization.pk)


REGION_ROLES = access.STRUCTURE_ROLES | {Role.REGIONAL_METHODOLOGIST}


@require_POST
@role_required(REGION_ROLES)
def region_template_publish(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk, roles=REGION_ROLES)
    roadmap = _roadmap(organization, get_academic_year(request))
    services.region_template_publish(actor=request.user, roadmap=roadmap)
    messages.success(
        request, _("This roadmap is now the template the organizations of the region start from.")
    )
    return redirect("roadmaps:roadmap_detail", organization.pk)


@require_POST
@role_required(access.MANAGER_ROLES)
def basis_save(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    roadmap = _roadmap(organization, get_academic_year(request))
    services.roadmap_basis_update(
        actor=request.user, roadmap=roadmap, normative_basis=request.POST.get("normative_basis", "")
    )
    messages.success(request, _("The normative basis is saved."))
    return redirect("roadmaps:roadmap_detail", organization.pk)


@require_POST
@role_required(access.MANAGER_ROLES)
def stage_save(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    roadmap = _roadmap(organization, get_academic_year(request))
    stage = None
    if request.POST.get("stage"):
        stage = access.get_or_404(roadmap.stages.all(), pk=request.POST["stage"])
    if request.POST.get("delete") and stage is not None:
        services.stage_delete(actor=request.user, stage=stage)
        messages.success(request, _("The stage is deleted."))
        return redirect("roadmaps:roadmap_detail", organization.pk)
    form = StageForm(request.POST)
    if form.is_valid():
        services.stage_save(
            actor=request.user,
            roadmap=roadmap,
            stage=stage,
            title=form.cleaned_data["title"].strip(),
        )
        messages.success(request, _("The stage is saved."))
    else:
        messages.error(request, _("Enter the title of the stage."))
    return redirect("roadmaps:roadmap_detail", organization.pk)


@require_POST
@role_required(access.MANAGER_ROLES)
def activity_add(request: HttpRequest, organization_pk: int, stage_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    stage = access.get_or_404(Stage.objects.filter(roadmap__organization=organization), pk=stage_pk)
    form = NewActivityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the title of the activity."))
        return redirect("roadmaps:roadmap_detail", organization.pk)
    activity = services.activity_add(
        actor=request.user, stage=stage, title=form.cleaned_data["title"].strip()
    )
    return redirect("roadmaps:activity_edit", organization.pk, activity.pk)


def _activity(organization: Organization, activity_pk: int) -> Activity:
    return access.get_or_404(
        Activity.objects.filter(stage__roadmap__organization=organization).select_related(
            "stage__roadmap__academic_year", "stage__roadmap__organization__municipality"
        ),
        pk=activity_pk,
    )


@role_required(access.MANAGER_ROLES)
def activity_edit(request: HttpRequest, organization_pk: int, activity_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    activity = _activity(organization, activity_pk)
    staff = StaffMember.objects.filter(organization=organization, is_active=True).order_by(
        "last_name", "first_name"
    )
    initial = {
        "title": activity.title,
        "content": activity.content,
        "deadline": activity.deadline,
        "responsible_roles": activity.responsible_roles,
        "responsible_text": activity.responsible_text,
        "people": list(activity.responsible_people.all()),
        "fact": activity.fact,
        "status": activity.status,
        "completed_on": activity.completed_on,
        "note": activity.note,
    }
    form = ActivityForm(request.POST or None, staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        people = list(data.pop("people"))
        try:
            services.activity_update(actor=request.user, activity=activity, people=people, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if getattr(form, "deadline_free", False):
                messages.warning(
                    request,
                    _(
                        "The deadline «%(text)s» is kept as text: the system cannot tell when "
                        "it is due."
                    )
                    % {"text": data["deadline"]},
                )
            messages.success(request, _("The activity is saved."))
            return redirect("roadmaps:roadmap_detail", organization.pk)
    roadmap = activity.stage.roadmap
    documents = organization.documents.filter(academic_year=roadmap.academic_year).order_by("-date")
    facts = selectors.facts_for([organization.pk], roadmap.academic_year)[organization.pk]
    return render(
        request,
        "roadmaps/activity_form.html",
        {
            "organization": organization,
            "activity": activity,
            "form": form,
            "evidence_form": EvidenceForm(documents=documents, prefix="evidence"),
            "evidence": activity.evidence.select_related("document"),
            "state": selectors.activity_state(
                activity, facts, roadmap.academic_year.start_year, timezone.localdate()
            ),
        },
    )


@require_POST
@role_required(access.MANAGER_ROLES)
def activity_delete(request: HttpRequest, organization_pk: int, activity_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    services.activity_delete(actor=request.user, activity=_activity(organization, activity_pk))
    messages.success(request, _("The activity is deleted."))
    return redirect("roadmaps:roadmap_detail", organization.pk)


@require_POST
@role_required(access.MANAGER_ROLES)
def evidence_add(request: HttpRequest, organization_pk: int, activity_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    activity = _activity(organization, activity_pk)
    form = EvidenceForm(
        request.POST, request.FILES, documents=organization.documents.all(), prefix="evidence"
    )
    if form.is_valid():
        try:
            services.evidence_add(
                actor=request.user,
                activity=activity,
                document=form.cleaned_data["document"],
                upload=form.cleaned_data["file"],
                url=form.cleaned_data["url"],
                note=form.cleaned_data["note"].strip(),
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The evidence is linked."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return redirect("roadmaps:activity_edit", organization.pk, activity.pk)


@require_POST
@role_required(access.MANAGER_ROLES)
def evidence_delete(request: HttpRequest, organization_pk: int, evidence_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    evidence = access.get_or_404(
        Evidence.objects.filter(activity__stage__roadmap__organization=organization).select_related(
            "activity__stage__roadmap__organization__municipality__region"
        ),
        pk=evidence_pk,
    )
    activity_pk = evidence.activity_id
    services.evidence_delete(actor=request.user, evidence=evidence)
    return redirect("roadmaps:activity_edit", organization.pk, activity_pk)


@role_required(access.OBSERVER_ROLES)
def evidence_download(request: HttpRequest, organization_pk: int, evidence_pk: int) -> FileResponse:
    organization = access.get_organization(request.user, organization_pk)
    evidence = access.get_or_404(
        Evidence.objects.filter(activity__stage__roadmap__organization=organization), pk=evidence_pk
    )
    if not evidence.file:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
    )


@role_required(access.OBSERVER_ROLES)
def risks(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    roadmap = _roadmap(organization, year)
    can_manage = access.can(request.user, access.MANAGER_ROLES, organization)
    risk = None
    if request.GET.get("risk") or request.POST.get("risk"):
        risk = access.get_or_404(
            roadmap.risks.all(), pk=request.GET.get("risk") or request.POST.get("risk")
        )
    form = RiskForm(request.POST or None, instance=risk or Risk(roadmap=roadmap))
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items()}
            services.risk_save(actor=request.user, roadmap=roadmap, risk=risk, **fields)
            messages.success(request, _("The risk register is saved."))
            return redirect("roadmaps:risks", organization.pk)
    return render(
        request,
        "roadmaps/risks.html",
        {
            "organization": organization,
            "roadmap": roadmap,
            "formal_pairs": [
                row
                for row in mentorship_selectors.with_flags(
                    Mentorship.objects.filter(organization=organization, academic_year=year),
                    timezone.localdate(),
                )
                if row["flags"]
            ],
            "risks": roadmap.risks.all(),
            "form": form,
            "editing": risk,
            "can_manage": can_manage,
        },
    )


# --- the program around the roadmap (goal, tasks, forms, expected results, control) ---------


@role_required(access.OBSERVER_ROLES)
def program(request: HttpRequest, organization_pk: int) -> HttpResponse:
    from nastavnik.roadmaps import indicators
    from nastavnik.roadmaps.forms import ExpectedResultFormSet, ProgramSectionsForm

    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    roadmap = _roadmap(organization, year)
    can_manage = access.can(request.user, access.MANAGER_ROLES, organization)
    results = list(roadmap.expected_results.all())
    initial = {f: getattr(roadmap, f) for f in services.PROGRAM_FIELDS}
    form = ProgramSectionsForm(
        request.POST or None, initial={**initial, "forms_used": roadmap.forms}, prefix="program"
    )
    formset = ExpectedResultFormSet(
        request.POST or None,
        initial=[
            {"group": r.group, "text": r.text, "indicator": r.indicator, "target": r.target}
            for r in results
        ],
        prefix="result",
    )
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                services.program_update(
                    actor=request.user,
                    roadmap=roadmap,
                    forms=data["forms_used"],
                    expected_results=[f.cleaned_data for f in formset.forms if f.cleaned_data],
                    **{f: data[f] for f in services.PROGRAM_FIELDS},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The sections of the program are saved."))
                return redirect("roadmaps:program", organization.pk)
    figures = indicators.measure(organization, year, {r.indicator for r in results if r.indicator})
    groups = []
    for code, label in ExpectedResult.Group.choices:
        rows = []
        for r in results:
            if r.group != code:
                continue
            figure = figures.get(r.indicator)
            rows.append(
                {
                    "result": r,
                    "indicator": indicators.INDICATORS[r.indicator].label
                    if r.indicator in indicators.INDICATORS
                    else "",
                    "figure": figure,
                    "reached": figure.reached(r.target) if figure else None,
                }
            )
        if rows:
            groups.append((label, rows))
    return render(
        request,
        "roadmaps/program.html",
        {
            "organization": organization,
            "roadmap": roadmap,
            "year": year,
            "form": form,
            "formset": formset,
            "groups": groups,
            "forms_used": [selectors.form_label(f, organization) for f in roadmap.forms],
            "can_manage": can_manage,
            "editing": can_manage and (request.method == "POST" or "edit" in request.GET),
        },
    )


# --- publications (information support) ---------------------------------------------------


@role_required(access.OBSERVER_ROLES)
def publication_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    publications = (
        Publication.objects.filter(organization=organization)
        .select_related("activity")
        .prefetch_related("people")
    )
    page = Paginator(publications, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "roadmaps/publication_list.html",
        {
            "organization": organization,
            "page": page,
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
            "public_url": request.build_absolute_uri(
                reverse("roadmaps:public_page", args=[organization.pk])
            ),
        },
    )


@role_required(access.MANAGER_ROLES)
def publication_edit(
    request: HttpRequest, organization_pk: int, publication_pk: int | None = None
) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    publication = None
    if publication_pk is not None:
        publication = access.get_or_404(
            Publication.objects.filter(organization=organization).all(), pk=publication_pk
        )
    staff = StaffMember.objects.filter(organization=organization, is_active=True).order_by(
        "last_name", "first_name"
    )
    activities = Activity.objects.filter(
        stage__roadmap__organization=organization,
        stage__roadmap__academic_year=get_academic_year(request),
    )
    initial: dict[str, Any] = {"date": timezone.localdate(), "channel": Publication.Channel.BOTH}
    if publication is not None:
        initial = {
            "title": publication.title,
            "text": publication.text,
            "date": publication.date,
            "channel": publication.channel,
            "activity": publication.activity,
            "people": list(publication.people.all()),
            "is_published": publication.is_published,
        }
    form = PublicationForm(
        request.POST or None,
        request.FILES or None,
        staff=staff,
        activities=activities,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        people = list(data.pop("people"))
        photo = data.pop("photo")
        try:
            saved = services.publication_save(
                actor=request.user,
                organization=organization,
                publication=publication,
                people=people,
                photo=photo or None,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The publication is saved."))
            return redirect("roadmaps:publication_detail", organization.pk, saved.pk)
    return render(
        request,
        "roadmaps/publication_form.html",
        {"organization": organization, "form": form, "publication": publication},
    )


@role_required(access.OBSERVER_ROLES)
def publication_detail(
    request: HttpRequest, organization_pk: int, publication_pk: int
) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    publication = access.get_or_404(
        Publication.objects.filter(organization=organization).prefetch_related("people"),
        pk=publication_pk,
    )
    return render(
        request,
        "roadmaps/publication_detail.html",
        {
            "organization": organization,
            "publication": publication,
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
            "social_text": f"{publication.title}\n\n{publication.text}",
        },
    )


def _public_organization(organization_pk: int) -> Organization:
    organization = (
        Organization.objects.select_related("municipality").filter(pk=organization_pk).first()
    )
    if organization is None:
        raise Http404
    return organization


@require_GET
def public_page(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """The organization's public news of mentorship, to embed in the school's site."""
    organization = _public_organization(organization_pk)
    publications = (
        Publication.objects.filter(organization=organization)
        .filter(is_published=True)
        .order_by("-date", "-pk")[:50]
    )
    roadmap = (
        Roadmap.objects.filter(organization=organization)
        .order_by("-academic_year__start_year")
        .first()
    )
    return render(
        request,
        "roadmaps/public_page.html",
        {
            "organization": organization,
            "publications": publications,
            "basis": roadmap.normative_basis.splitlines() if roadmap else [],
        },
    )


@require_GET
def public_photo(request: HttpRequest, organization_pk: int, publication_pk: int) -> FileResponse:
    organization = _public_organization(organization_pk)
    publication = (
        Publication.objects.filter(organization=organization)
        .filter(is_published=True, pk=publication_pk)
        .first()
    )
    if publication is None or not publication.photo:
        raise Http404
    return FileResponse(publication.photo.open("rb"))


@require_GET
def public_feed(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """An Atom feed of the published news."""
    organization = _public_organization(organization_pk)
    page = request.build_absolute_uri(reverse("roadmaps:public_page", args=[organization.pk]))
    feed = feedgenerator.Atom1Feed(
        title=_("Mentorship at %(organization)s") % {"organization": organization.short_name},
        link=page,
        description="",
        language="ru",
        feed_url=request.build_absolute_uri(),
    )
    for publication in (
        Publication.objects.filter(organization=organization)
        .filter(is_published=True)
        .order_by("-date", "-pk")[:50]
    ):
        link = f"{page}#publication-{publication.pk}"
        feed.add_item(
            title=publication.title,
            link=link,
            description=publication.text,
            unique_id=link,
            updateddate=timezone.make_aware(
                datetime.datetime.combine(publication.date, datetime.time.min)
            ),
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )


# --- the overview of the municipality and the region ----------------------------------------


@role_required(access.OVERSEER_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    year = get_academic_year(request)
    organizations = (
        access.organizations_for(request.user, roles=access.OVERSEER_ROLES)
        .select_related("municipality")
        .order_by("municipality__name", "short_name")
    )
    page = Paginator(organizations, 50).get_page(request.GET.get("page"))
    ids = [o.pk for o in page.object_list]
    progress = selectors.progress(ids, year, timezone.localdate())
    rows = []
    for organization in page.object_list:
        counts = progress[organization.pk]
        percent = round(100 * counts["done"] / counts["total"]) if counts["total"] else 0
        rows.append({"organization": organization, "counts": counts, "percent": percent})
    return render(request, "roadmaps/overview.html", {"page": page, "rows": rows, "year": year})
