"""Pages of the analytical report: the organization's report for the year, the municipality's
list of reports with the deadline and who is late, the region's counts per municipality."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.core.context import get_academic_year
from nastavnik.core.models import AcademicYear
from nastavnik.documents.engine import DocumentError
from nastavnik.organizations.models import Organization
from nastavnik.reports import selectors, services
from nastavnik.reports.drafts import drafts
from nastavnik.reports.forms import DeadlineForm, ReportTextsForm, ReturnForm
from nastavnik.reports.models import AnnualReport
from nastavnik.roadmaps.selectors import roadmap_count
from nastavnik.staff.models import StaffMember

# Who writes and submits the report of an organization; who reviews it.
AUTHOR_ROLES = access.MANAGER_ROLES
REVIEWER_ROLES = access.OVERSEER_ROLES
REGION_ROLES = frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST})


def _error(request: HttpRequest, error: ValidationError | DocumentError) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


def _report(organization: Organization, year: Any) -> AnnualReport | None:
    return (
        AnnualReport.objects.filter(organization=organization, academic_year=year)
        .select_related("submitted_by", "reviewed_by", "document")
        .first()
    )


@login_required
def report(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    found = _report(organization, year)
    can_edit = access.can(request.user, AUTHOR_ROLES, organization)
    can_review = access.can(request.user, REVIEWER_ROLES, organization)
    editable = can_edit and (found is None or found.is_editable)
    if request.method == "POST":
        if not editable:
            raise Http404
        form = ReportTextsForm(request.POST)
        if form.is_valid():
            try:
                target = services.report_get_or_create(
                    actor=request.user, organization=organization, year=year
                )
                services.report_update(actor=request.user, report=target, **form.cleaned_data)
            except ValidationError as error:
                _error(request, error)
            else:
                messages.success(request, _("The report is saved."))
            return redirect("reports:report", organization.pk)
    data = selectors.data_of(found, organization, year)
    if found is not None:
        initial = {name: getattr(found, name) for name in AnnualReport.TEXT_FIELDS}
    else:
        initial = drafts(organization, year, data)
    previous = AcademicYear.objects.filter(start_year=year.start_year - 1).first()
    earlier: dict[tuple[int, str], str] = {}
    if previous is not None:
        earlier_data = selectors.data_of(_report(organization, previous), organization, previous)
        earlier = {
            (index, row.code): row.value
            for index, (_title, rows) in enumerate(
                selectors.sections(earlier_data["figures"], organization)
            )
            for row in rows
        }
    sections = [
        (title, [(row, earlier.get((index, row.code), "—")) for row in rows])
        for index, (title, rows) in enumerate(selectors.sections(data["figures"], organization))
    ]
    results = selectors.result_rows(data["results"])
    reached, judged = selectors.reached_count(data["results"])
    due = selectors.deadline_for(organization.municipality, year)
    return render(
        request,
        "reports/report.html",
        {
            "organization": organization,
            "year": year,
            "report": found,
            "data": data,
            "sections": sections,
            "previous": previous,
            "results": results,
            "has_roadmap": bool(results) or roadmap_count([organization.pk], year) > 0,
            "reached": reached,
            "judged": judged,
            "form": ReportTextsForm(initial=initial),
            "return_form": ReturnForm(),
            "texts": [
                (ReportTextsForm.base_fields[name].label, getattr(found, name, ""))
                for name in AnnualReport.TEXT_FIELDS
            ],
            "can_edit": can_edit,
            "editable": editable,
            "can_review": can_review
            and found is not None
            and found.status == AnnualReport.Status.SUBMITTED,
            "due": due,
            "late": selectors.is_late(found, due, timezone.localdate()),
        },
    )


@login_required
@require_POST
def report_document(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk, roles=AUTHOR_ROLES)
    year = get_academic_year(request)
    curator = StaffMember.objects.filter(
        organization=organization, user_id=request.user.pk or 0, is_active=True
    ).first()
    try:
        target = services.report_get_or_create(
            actor=request.user, organization=organization, year=year
        )
        document = services.report_document(actor=request.user, report=target, curator=curator)
    except (ValidationError, DocumentError) as error:
        _error(request, error)
        return redirect("reports:report", organization.pk)
    messages.success(request, _("The DOCX of the report is made."))
    return redirect("documents:document_detail", organization.pk, document.pk)


@login_required
@require_POST
def report_submit(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk, roles=AUTHOR_ROLES)
    year = get_academic_year(request)
    try:
        target = services.report_get_or_create(
            actor=request.user, organization=organization, year=year
        )
        services.report_submit(actor=request.user, report=target)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The report is submitted to the municipality."))
    return redirect("reports:report", organization.pk)


@login_required
@require_POST
def report_review(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk, roles=REVIEWER_ROLES)
    year = get_academic_year(request)
    target = access.get_or_404(
        AnnualReport.objects.filter(organization=organization), academic_year=year
    )
    try:
        if request.POST.get("action") == "accept":
            services.report_accept(actor=request.user, report=target)
            messages.success(request, _("The report is accepted."))
        else:
            form = ReturnForm(request.POST)
            form.is_valid()
            services.report_return(
                actor=request.user, report=target, comment=form.cleaned_data.get("comment", "")
            )
            messages.success(request, _("The report is returned to the organization."))
    except ValidationError as error:
        _error(request, error)
    return redirect("reports:report", organization.pk)


@login_required
def municipality_reports(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.get_municipality(request.user, municipality_pk)
    year = get_academic_year(request)
    form = DeadlineForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.deadline_set(
                    actor=request.user,
                    year=year,
                    due_on=form.cleaned_data["due_on"],
                    municipality=municipality,
                )
            except ValidationError as error:
                _error(request, error)
            else:
                messages.success(request, _("The deadline is saved."))
            return redirect("reports:municipality_reports", municipality.pk)
    due = selectors.deadline_for(municipality, year)
    rows = selectors.municipality_rows(
        Organization.objects.filter(municipality=municipality), year, due
    )
    if not form.is_bound:
        form = DeadlineForm(initial={"due_on": due})
    return render(
        request,
        "reports/municipality.html",
        {
            "municipality": municipality,
            "year": year,
            "due": due,
            "rows": rows,
            "late": sum(1 for r in rows if r["late"]),
            "form": form,
            "is_past": timezone.localdate() > due,
        },
    )


@login_required
def region_reports(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = access.get_or_404(access.regions_for(request.user, roles=REGION_ROLES), pk=region_pk)
    year = get_academic_year(request)
    region_due, own = selectors.deadlines_in_region(region, year)
    form = DeadlineForm(request.POST or None, initial={"due_on": region_due})
    if request.method == "POST":
        if form.is_valid():
            try:
                services.deadline_set(
                    actor=request.user, year=year, due_on=form.cleaned_data["due_on"], region=region
                )
            except ValidationError as error:
                _error(request, error)
            else:
                messages.success(request, _("The deadline is saved."))
            return redirect("reports:region_reports", region.pk)
    rows = selectors.region_rows(region.municipalities.all(), year, region_due, own)
    totals = {
        key: sum(r[key] for r in rows)
        for key in ("organizations", "draft", "submitted", "accepted", "returned", "late")
    }
    return render(
        request,
        "reports/region.html",
        {
            "region": region,
            "year": year,
            "region_due": region_due,
            "rows": rows,
            "totals": totals,
            "form": form,
        },
    )
