"""The completion pages: a participant's report, the curator's list of reports, and the
mentor's analytical report generated from the page of the pair."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.documents import services as documents
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.kinds import get_kind
from nastavnik.mentorships import completion, selectors, services
from nastavnik.mentorships.forms_completion import ReportForm, ReturnForm
from nastavnik.mentorships.models import Mentorship, ParticipantReport
from nastavnik.mentorships.views import _mentorship


def _report(request: HttpRequest, report_pk: int) -> ParticipantReport:
    report = access.get_or_404(
        ParticipantReport.objects.filter(
            mentorship__in=selectors.visible(request.user)
        ).select_related(
            "author", "mentorship__organization__municipality__region", "mentorship__mentor"
        ),
        pk=report_pk,
    )
    if not completion.can_read(request.user, report):
        raise Http404
    return report


@login_required
def report_edit(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    """The user's own report on the mentorship: save a draft or submit it."""
    mentorship = _mentorship(request, mentorship_pk)
    own = completion.author_in(request.user, mentorship)
    if own is None:
        raise PermissionDenied
    person, role = own
    report = completion.report_for(mentorship, person, role)
    if report.pk and not completion.can_edit(report):
        return redirect("mentorships:report_detail", report.pk)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items()}
        submit = bool(request.POST.get("submit"))
        try:
            report = completion.report_save(
                actor=request.user, report=report, values=values, submit=submit
            )
        except ValidationError as error:
            if submit:  # keep what was written as a draft and say what is missing
                report = completion.report_save(actor=request.user, report=report, values=values)
            form.add_error(None, error)
        else:
            if submit:
                messages.success(request, _("The report is submitted to the curator."))
            else:
                messages.success(request, _("The draft of the report is saved."))
            return redirect("mentorships:mentorship_detail", mentorship.pk)
    return render(
        request,
        "mentorships/completion/report_form.html",
        {"mentorship": mentorship, "report": report, "form": form, "role": role},
    )


@login_required
def report_detail(request: HttpRequest, report_pk: int) -> HttpResponse:
    report = _report(request, report_pk)
    mentorship = report.mentorship
    manage = selectors.can_manage(request.user, mentorship)
    own = report.author.user_id == request.user.pk
    return render(
        request,
        "mentorships/completion/report_detail.html",
        {
            "report": report,
            "mentorship": mentorship,
            "can_return": manage and report.status == ParticipantReport.Status.SUBMITTED,
            "can_edit": own and completion.can_edit(report),
            "return_form": ReturnForm(),
        },
    )


@require_POST
@login_required
def report_return(request: HttpRequest, report_pk: int) -> HttpResponse:
    report = _report(request, report_pk)
    if not selectors.can_manage(request.user, report.mentorship):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            completion.report_return(
                actor=request.user, report=report, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The report is returned to its author for rework."))
            return redirect("mentorships:mentorship_detail", report.mentorship_id)
    else:
        for problem in form.errors.get("comment", []):
            messages.error(request, str(problem))
    return redirect("mentorships:report_detail", report.pk)


@role_required(access.OBSERVER_ROLES)
def report_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """«Reports of participants»: per pair or group of the year, who has and has not
    submitted the report."""
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    return render(
        request,
        "mentorships/completion/report_list.html",
        {
            "organization": organization,
            "year": year,
            **completion.overview(organization, year),
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


def can_make_note(user: Any, mentorship: Mentorship) -> bool:
    return selectors.can_manage(user, mentorship) or selectors.is_mentor(user, mentorship)


@login_required
def analytical_note(request: HttpRequest, mentorship_pk: int) -> HttpResponseBase:
    """The mentor's analytical report: the sections prefilled from the system, editable; the
    DOCX is registered among the organization's documents and downloaded at once. The
    curator makes it on the documents pages (documents:document_create)."""
    mentorship = _mentorship(request, mentorship_pk)
    if not can_make_note(request.user, mentorship):
        raise PermissionDenied
    organization = mentorship.organization
    kind = get_kind("analytical_note")
    initial = kind.form.initial_from_query(QueryDict(f"mentorship={mentorship.pk}"), organization)
    form = kind.form(request.POST or None, organization=organization, initial=initial, prefix="k")
    form.fields["mentorship"].queryset = form.fields["mentorship"].queryset.filter(  # type: ignore[attr-defined]
        pk=mentorship.pk
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.analytical_note_make(
                actor=request.user,
                mentorship=mentorship,
                title=kind.form.title_for(initial, organization) or str(kind.default_title),
                data=form.to_data([]),
            )
        except DocumentError as error:
            form.add_error(None, str(error))
        else:
            if made.outcome == "new_version":
                messages.info(
                    request,
                    _(
                        "The analytical report in the registry is signed and stays as it is; "
                        "the new one is registered as a new version."
                    ),
                )
            return FileResponse(
                made.document.file.open("rb"),
                as_attachment=True,
                filename=documents.download_name(made.document, "docx"),
            )
    return render(
        request,
        "mentorships/completion/analytical_note.html",
        {
            "mentorship": mentorship,
            "form": form,
            "kind": kind,
            "current": selectors.analytical_note_of(mentorship),
        },
    )
