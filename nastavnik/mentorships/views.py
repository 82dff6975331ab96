from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.banks.selectors import rules_for
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.mentorships import program_templates, selectors, services
from nastavnik.mentorships.forms import (
    ActivityFormSet,
    CommentForm,
    CompleteForm,
    EndForm,
    MeetingForm,
    MentorshipCreateForm,
    PortfolioForm,
    ProgramForm,
)
from nastavnik.mentorships.models import Mentorship, PortfolioItem, Program, ProgramActivity
from nastavnik.roadmaps.selectors import forms_in_use
from nastavnik.staff.models import StaffMember
from nastavnik.surveys.selectors import satisfaction


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _rows(queryset: Any) -> list[dict[str, Any]]:
    return selectors.with_flags(queryset, timezone.localdate())


@role_required(access.OBSERVER_ROLES)
def mentorship_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    rows = _rows(Mentorship.objects.filter(organization=organization, academic_year=year))
    return render(
        request,
        "mentorships/mentorship_list.html",
        {
            "organization": organization,
            "year": year,
            "rows": rows,
            "flagged": [r for r in rows if r["flags"]],
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


@login_required
def my_mentorships(request: HttpRequest) -> HttpResponse:
    # The ids first, each by an index: one OR across the joins of both many-to-many tables
    # made PostgreSQL read every pair of the region (300 ms at 15,000 pairs).
    user: Any = request.user  # logged in: login_required
    people = list(StaffMember.objects.filter(user=user).values_list("pk", flat=True))
    ids = set(Mentorship.objects.filter(mentor__in=people).values_list("pk", flat=True))
    for through in (Mentorship.co_mentors.through, Mentorship.mentees.through):
        ids.update(
            through.objects.filter(staffmember__in=people).values_list("mentorship_id", flat=True)
        )
    own = Mentorship.objects.filter(pk__in=ids)
    return render(request, "mentorships/mine.html", {"rows": _rows(own)})


@role_required(access.MANAGER_ROLES)
def mentorship_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    year = get_academic_year(request)
    staff = StaffMember.objects.filter(organization=organization, is_active=True).order_by(
        "last_name", "first_name"
    )
    today = timezone.localdate()
    initial = {"starts_on": today, "ends_on": year.ends_on.replace(month=5, day=31)}
    form = MentorshipCreateForm(request.POST or None, staff=staff, initial=initial)
    form.fields["form"].choices = forms_in_use(organization, year)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentorship = services.mentorship_create(
                actor=request.user,
                organization=organization,
                year=year,
                mentor=data["mentor"],
                mentees=list(data["mentees"]),
                form=data["form"],
                type=data["type"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                co_mentors=list(data["co_mentors"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The mentorship is formed; the mentor can fill in the program.")
            )
            return redirect("mentorships:mentorship_detail", mentorship.pk)
    return render(
        request, "mentorships/mentorship_form.html", {"organization": organization, "form": form}
    )


def _mentorship(request: HttpRequest, mentorship_pk: int) -> Mentorship:
    return access.get_or_404(
        selectors.visible(request.user).select_related(
            "organization__municipality__region", "mentor__user", "academic_year"
        ),
        pk=mentorship_pk,
    )


@login_required
def mentorship_detail(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_pk)
    program, _created = Program.objects.get_or_create(mentorship=mentorship)
    today = timezone.localdate()
    meetings = mentorship.meetings.prefetch_related("attended")
    last = mentorship.meetings.filter(held=True).aggregate(d=Max("date"))["d"]
    activities = list(program.activities.all())
    overdue = sum(1 for a in activities if a.status == "planned" and a.due_on and a.due_on < today)
    manage = selectors.can_manage(request.user, mentorship)
    mentor = selectors.is_mentor(request.user, mentorship)
    participant = selectors.is_participant(request.user, mentorship)
    mentees = list(mentorship.mentees.all())
    return render(
        request,
        "mentorships/mentorship_detail.html",
        {
            "mentorship": mentorship,
            "organization": mentorship.organization,
            "mentees": mentees,
            "co_mentors": list(mentorship.co_mentors.all()),
            "program": program,
            "activities": activities,
            "done": sum(1 for a in activities if a.status == "done"),
            "overdue": overdue,
            "flags": services.flags(
                mentorship,
                today,
                last,
                overdue,
                rules_for(mentorship.organization.municipality.region_id).formal_after_days,
                satisfaction([mentorship]).get(mentorship.pk),
            ),
            "meetings": meetings,
            "upcoming": [m for m in meetings if not m.held and m.date >= today],
            "portfolio": mentorship.portfolio.select_related("staff"),
            "comments": program.comments.select_related("author"),
            "versions": program.versions.all(),
            "can_manage": manage,
            "can_edit_program": manage or mentor,
            "can_comment": manage or participant,
            "can_log": manage or mentor,
            "can_add_portfolio": manage or participant,
            "comment_form": CommentForm(),
            "next_kind": services.next_meeting_kind(mentorship),
        },
    )


def _require(flag: bool) -> None:
    if not flag:
        raise PermissionDenied


@login_required
def program_edit(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_pk)
    _require(
        selectors.can_manage(request.user, mentorship)
        or selectors.is_mentor(request.user, mentorship)
    )
    program, _created = Program.objects.get_or_create(mentorship=mentorship)
    needs = list(
        mentorship.mentees.model.objects.filter(
            pk__in=mentorship.mentees.values_list("pk", flat=True),
            mentee_profiles__academic_year=mentorship.academic_year,
        ).values_list("mentee_profiles__needs__competency__name", flat=True)
    )
    initial = {
        "goal": program.goal,
        "tasks": program.tasks or "\n".join(n for n in needs if n),
        "expected_results": program.expected_results,
        "development_plan": program.development_plan,
    }
    rows = [
        {
            "title": a.title,
            "kind": a.kind,
            "due_on": a.due_on,
            "responsible": a.responsible,
            "status": a.status,
            "evidence_url": a.evidence_url,
        }
        for a in program.activities.all()
    ]
    from_template = request.method == "GET" and bool(request.GET.get("template"))
    if from_template:
        initial, rows = program_templates.initial_from_template(
            program_templates.template_for(mentorship.form),
            starts_on=mentorship.starts_on,
            ends_on=mentorship.ends_on,
            responsible=mentorship.mentor.full_name,
            needs=[n for n in needs if n],
            current={k: v for k, v in initial.items() if k != "tasks" or program.tasks},
            rows=rows,
        )
    form = ProgramForm(request.POST or None, initial=initial)
    formset = ActivityFormSet(request.POST or None, initial=rows, prefix="a")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        activities = [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        for values in activities:
            if values["status"] == ProgramActivity.Status.DONE:
                values["done_on"] = values.get("due_on") or timezone.localdate()
        program = services.program_update(
            actor=request.user, program=program, activities=activities, **form.cleaned_data
        )
        if request.POST.get("submit"):
            try:
                services.program_submit(actor=request.user, program=program)
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("The program is sent to the curator for approval."))
                return redirect("mentorships:mentorship_detail", mentorship.pk)
        messages.success(request, _("The program is saved."))
        return redirect("mentorships:mentorship_detail", mentorship.pk)
    return render(
        request,
        "mentorships/program_form.html",
        {
            "mentorship": mentorship,
            "program": program,
            "form": form,
            "formset": formset,
            "needs": [n for n in needs if n],
            "from_template": from_template,
        },
    )


@require_POST
@login_required
def program_approve(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_pk)
    _require(selectors.can_manage(request.user, mentorship))
    try:
        services.program_approve(actor=request.user, program=mentorship.program)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The program is approved."))
    return redirect("mentorships:mentorship_detail", mentorship.pk)


@require_POST
@login_required
def program_comment(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_pk)
    _require(
        selectors.can_manage(request.user, mentorship)
        or selectors.is_participant(request.user, mentorship)
    )
    form = CommentForm(request.POST)
    if form.is_valid():
        services.program_comment(
            actor=request.user, program=mentorship.program, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The comment is added."))
    else:
        messages.error(request, _("Write the comment."))
    return redirect("mentorships:mentorship_detail", mentorship.pk)


@login_required
def meeting_add(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_pk)
    _require(
        selectors.can_manage(request.user, mentorship)
        or selectors.is_mentor(request.user, mentorship)
    )
    participants = StaffMember.objects.filter(
        Q(pk=mentorship.mentor_id) | Q(pk__in=mentorship.mentees.values_list("pk", flat=True))
    )
    kind = services.next_meeting_kind(mentorship)
    form = MeetingForm(
        request.POST or None,
        participants=participants,
        initial={"kind": kind, "date": timezone.localdate(), "attended": list(participants)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attended = list(data.pop("attended"))
        try:
            services.meeting_log(
                actor=request.user, mentorship=mentorship, attended=attended, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("mentorships:mentorship_detail", mentorship.pk)
    return render(
        request, "mentorships/meeting_form.html", {"mentorship": mentorship, "form": form}
    )


@login_required
def portfolio_add(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_pk)
    _require(
        selectors.can_manage(request.user, mentorship)
        or selectors.is_participant(request.user, mentorship)
    )
    mentees = list(mentorship.mentees.all())
    own = [m for m in mentees if m.user_id == request.user.pk]
    choices = own or mentees
    form = PortfolioForm(
        request.POST or None,
        request.FILES or None,
        mentees=mentorship.mentees.filter(pk__in=[m.pk for m in choices]),
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        staff = data.pop("staff")
        try:
            services.portfolio_add(
                actor=request.user,
                staff=staff,
                mentorship=mentorship,
                upload=upload or None,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item is in the portfolio."))
            return redirect("mentorships:mentorship_detail", mentorship.pk)
    return render(
        request, "mentorships/portfolio_form.html", {"mentorship": mentorship, "form": form}
    )


@login_required
def mentorship_end(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_pk)
    _require(selectors.can_manage(request.user, mentorship))
    earliest = services.add_working_days(timezone.localdate(), services.NOTICE_WORKING_DAYS)
    form = EndForm(request.POST or None, initial={"ended_on": earliest})
    if request.method == "POST" and form.is_valid():
        try:
            services.mentorship_end_early(
                actor=request.user, mentorship=mentorship, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The mentorship is ended; the mentees wait for a mentor again.")
            )
            return redirect("mentorships:mentorship_detail", mentorship.pk)
    if mentorship.status not in (Mentorship.Status.ACTIVE, Mentorship.Status.FORMING):
        raise Http404
    return render(request, "mentorships/end_form.html", {"mentorship": mentorship, "form": form})


@login_required
def mentorship_complete(request: HttpRequest, mentorship_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_pk)
    _require(selectors.can_manage(request.user, mentorship))
    if mentorship.status not in (Mentorship.Status.ACTIVE, Mentorship.Status.FORMING):
        raise Http404
    today = timezone.localdate()
    form = CompleteForm(
        request.POST or None, initial={"completed_on": min(today, mentorship.ends_on)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mentorship_complete(
                actor=request.user, mentorship=mentorship, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The mentorship is completed."))
            return redirect("mentorships:mentorship_detail", mentorship.pk)
    return render(
        request, "mentorships/complete_form.html", {"mentorship": mentorship, "form": form}
    )


@login_required
def portfolio_download(request: HttpRequest, item_pk: int) -> FileResponse:
    """The file of a portfolio item: for the mentee, the participants of the mentorship and
    the observers of the organization."""
    items = PortfolioItem.objects.filter(
        Q(mentorship__in=selectors.visible(request.user))
        | Q(staff__user=request.user)
        | Q(
            staff__organization__in=access.organizations_for(
                request.user, roles=access.OBSERVER_ROLES
            )
        )
    ).distinct()
    item = access.get_or_404(items, pk=item_pk)
    if not item.file:
        raise Http404
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1]
    )
