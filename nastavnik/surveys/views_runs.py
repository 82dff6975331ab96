"""The curator's pages of running surveys: the year's list, preparing a survey, its card with
launch, reminders, closing and deleting, printed links and moving answers into the banks.

Observers (methodologists) read the list and the card; managers of the organization change.
GET never changes anything; every POST is one service call."""

from __future__ import annotations

import datetime
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.core.context import get_academic_year
from nastavnik.surveys import permissions, runs, selectors, services
from nastavnik.surveys.forms_runs import AudienceForm, SurveyCreateForm, default_title
from nastavnik.surveys.models import Invitation, Questionnaire, Survey

BANK_KINDS = (Questionnaire.Kind.MENTEE_NEEDS, Questionnaire.Kind.MENTOR_POTENTIAL)


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def rate_text(answered: int, invited: int) -> str:
    percent = round(100 * answered / invited) if invited else 0
    return _("%(answered)d of %(invited)d (%(percent)d %%)") % {
        "answered": answered,
        "invited": invited,
        "percent": percent,
    }


def _surveys(user: Any, roles: Any = access.OBSERVER_ROLES) -> QuerySet[Survey]:
    return access.scoped(user, Survey.objects.all(), roles=roles).select_related(
        "organization__municipality__region",
        "academic_year",
        "questionnaire__organization__municipality",
    )


def _survey(request: HttpRequest, survey_pk: int, *, manage: bool = False) -> Survey:
    roles = access.MANAGER_ROLES if manage else access.OBSERVER_ROLES
    return access.get_or_404(_surveys(request.user, roles), pk=survey_pk)


# --- the list and preparing ------------------------------------------------------------------


@login_required
def survey_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    today = timezone.localdate()
    rows = []
    for survey in selectors.surveys([organization], year):
        percent = round(100 * survey.answered_count / survey.invited) if survey.invited else 0
        rows.append(
            {
                "survey": survey,
                "state": services.survey_state(survey, today),
                "percent": percent,
                "rate": rate_text(survey.answered_count, survey.invited),
            }
        )
    return render(
        request,
        "surveys/runs/survey_list.html",
        {
            "organization": organization,
            "year": year,
            "rows": rows,
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


@login_required
def survey_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    year = get_academic_year(request)
    templates = services.library_for(organization)
    by_pk = {t.pk: t for t in templates}
    today = timezone.localdate()
    initial: dict[str, Any] = {
        "opens_on": today,
        "closes_on": today + datetime.timedelta(days=14),
    }
    chosen = (
        by_pk.get(int(request.GET["template"]))
        if request.GET.get("template", "").isdigit()
        else None
    )
    if chosen is not None:
        initial["template"] = chosen.pk
        initial["title"] = default_title(chosen, year)
    form = SurveyCreateForm(
        request.POST or None,
        templates=templates,
        organization=organization,
        year=year,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                actor=request.user,
                organization=organization,
                year=year,
                template=data["template"],
                title=data["title"],
                anonymous=data["anonymous"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                reminder_limit=data["reminder_limit"],
                reminder_interval_days=data["reminder_interval_days"],
                **form.chosen(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "The survey is prepared; nothing has been sent yet. Check the questions "
                    "and the audience, then launch it."
                ),
            )
            return redirect("surveys:survey_detail", survey.pk)
    return render(
        request,
        "surveys/runs/survey_form.html",
        {
            "organization": organization,
            "year": year,
            "form": form,
            "titles": {t.pk: default_title(t, year) for t in templates},
        },
    )


# --- the card of a survey --------------------------------------------------------------------


@login_required
def survey_detail(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey = _survey(request, survey_pk)
    today = timezone.localdate()
    state = services.survey_state(survey, today)
    total, groups = selectors.rates(survey)
    can_manage = access.can(request.user, access.MANAGER_ROLES, survey.organization)
    sees_people = runs.sees_people(request.user, survey)
    invitations: list[Invitation] = []
    if sees_people:
        invitations = list(survey.invitations.select_related("staff"))
    without_email = [i for i in invitations if not i.staff.email and not i.answered]
    is_bank_kind = survey.questionnaire.kind in BANK_KINDS and not survey.anonymous
    return render(
        request,
        "surveys/runs/survey_detail.html",
        {
            "survey": survey,
            "organization": survey.organization,
            "state": state,
            "total": total,
            "total_rate": rate_text(total.answered, total.invited),
            "groups": [(g, rate_text(g.answered, g.invited)) for g in groups],
            "invitations": invitations,
            "reminders_sent": sum(i.reminders_sent for i in invitations),
            "without_email": without_email,
            "sees_people": sees_people,
            "can_manage": can_manage,
            "questions": survey.questionnaire.questions.count(),
            "can_edit_questions": permissions.can_edit_questionnaire(
                request.user, survey.questionnaire
            ),
            "to_bank": is_bank_kind and survey.launched_at is not None,
        },
    )


@login_required
@require_POST
def survey_launch(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey = _survey(request, survey_pk, manage=True)
    try:
        result = services.survey_launch(actor=request.user, survey=survey)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The survey is launched: %(count)d invitation has gone by e-mail.",
                "The survey is launched: %(count)d invitations have gone by e-mail.",
                result.emailed,
            )
            % {"count": result.emailed},
        )
        if result.without_email:
            messages.warning(
                request,
                ngettext(
                    "%(count)d person has no e-mail: print the personal link below.",
                    "%(count)d people have no e-mail: print their personal links below.",
                    len(result.without_email),
                )
                % {"count": len(result.without_email)},
            )
    return redirect("surveys:survey_detail", survey.pk)


@login_required
@require_POST
def survey_close(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey = _survey(request, survey_pk, manage=True)
    try:
        services.survey_close(actor=request.user, survey=survey)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The survey is closed: answers are no longer accepted."))
    return redirect("surveys:survey_detail", survey.pk)


@login_required
@require_POST
def survey_delete(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey = _survey(request, survey_pk, manage=True)
    organization = survey.organization
    try:
        services.survey_delete(actor=request.user, survey=survey)
    except ValidationError as error:
        _errors(request, error)
        return redirect("surveys:survey_detail", survey_pk)
    messages.success(request, _("The survey is deleted."))
    return redirect("surveys:survey_list", organization.pk)


@login_required
@require_POST
def survey_remind(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey = _survey(request, survey_pk, manage=True)
    try:
        result = runs.remind_now(actor=request.user, survey=survey)
    except ValidationError as error:
        _errors(request, error)
        return redirect("surveys:survey_detail", survey.pk)
    if result.not_open:
        messages.error(request, _("Reminders go only while the survey is open."))
        return redirect("surveys:survey_detail", survey.pk)
    parts = [
        ngettext(
            "%(count)d reminder has been sent.", "%(count)d reminders have been sent.", result.sent
        )
        % {"count": result.sent}
    ]
    if result.limit_reached:
        parts.append(
            ngettext(
                "%(count)d person has already had all the reminders allowed.",
                "%(count)d people have already had all the reminders allowed.",
                result.limit_reached,
            )
            % {"count": result.limit_reached}
        )
    if result.too_early:
        parts.append(
            ngettext(
                "For %(count)d person it is too early: the last letter went less than "
                "%(days)d days ago.",
                "For %(count)d people it is too early: the last letter went less than "
                "%(days)d days ago.",
                result.too_early,
            )
            % {"count": result.too_early, "days": survey.reminder_interval_days}
        )
    if result.no_email:
        parts.append(
            ngettext(
                "%(count)d person has no e-mail: print the link.",
                "%(count)d people have no e-mail: print their links.",
                result.no_email,
            )
            % {"count": result.no_email}
        )
    level = messages.SUCCESS if result.sent else messages.INFO
    messages.add_message(request, level, " ".join(parts))
    return redirect("surveys:survey_detail", survey.pk)


@login_required
def survey_audience(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey = _survey(request, survey_pk, manage=True)
    if survey.launched_at is not None:
        messages.error(request, _("The survey is launched: its audience can no longer change."))
        return redirect("surveys:survey_detail", survey.pk)
    current = list(survey.invitations.select_related("staff"))
    initial = {"audience": survey.audience, "people": [i.staff for i in current]}
    form = AudienceForm(
        request.POST or None,
        organization=survey.organization,
        year=survey.academic_year,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.survey_set_audience(actor=request.user, survey=survey, **form.chosen())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The audience is changed: %(count)d person is invited.",
                    "The audience is changed: %(count)d people are invited.",
                    count,
                )
                % {"count": count},
            )
            return redirect("surveys:survey_detail", survey.pk)
    return render(
        request,
        "surveys/runs/survey_audience.html",
        {"survey": survey, "organization": survey.organization, "form": form},
    )


# --- printed links ---------------------------------------------------------------------------


@login_required
def survey_print(request: HttpRequest, survey_pk: int) -> HttpResponse:
    """GET: the choice of whom to print for. POST: fresh personal links as cards with QR
    codes (earlier links keep working)."""
    survey = _survey(request, survey_pk, manage=True)
    only_without_email = request.POST.get(
        "only_without_email", request.GET.get("only_without_email", "")
    ) in ("1", "on")
    context: dict[str, Any] = {
        "survey": survey,
        "organization": survey.organization,
        "only_without_email": only_without_email,
        "cards": None,
    }
    if request.method == "POST":
        try:
            links = services.print_links(
                actor=request.user, survey=survey, only_without_email=only_without_email
            )
        except ValidationError as error:
            _errors(request, error)
            return redirect("surveys:survey_detail", survey.pk)
        context["cards"] = [
            {
                "staff": staff,
                "url": url,
                # segno writes the SVG itself; nothing of the user's text is in it.
                "qr": mark_safe(segno.make(url).svg_inline(scale=3)),  # noqa: S308
            }
            for staff, url in links
        ]
    return render(request, "surveys/runs/survey_print.html", context)


# --- into the banks --------------------------------------------------------------------------


@login_required
def survey_to_bank(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey = _survey(request, survey_pk, manage=True)
    proposals = services.bank_proposals(survey)
    bank = (
        proposals[0].bank
        if proposals
        else (
            "mentee" if survey.questionnaire.kind == Questionnaire.Kind.MENTEE_NEEDS else "mentor"
        )
    )
    bank_url = reverse(
        "banks:mentee_bank" if bank == "mentee" else "banks:mentor_bank",
        args=[survey.organization_id],
    )
    if request.method == "POST":
        chosen = request.POST.getlist("response")
        if not chosen:
            messages.error(request, _("Tick at least one person."))
            return redirect("surveys:survey_to_bank", survey.pk)
        try:
            result = services.move_to_bank(actor=request.user, survey=survey, response_ids=chosen)
        except ValidationError as error:
            _errors(request, error)
            return redirect("surveys:survey_to_bank", survey.pk)
        moved = len(result.moved)
        if moved:
            messages.success(
                request,
                (
                    ngettext(
                        "The answers of %(count)d person are in the mentee bank.",
                        "The answers of %(count)d people are in the mentee bank.",
                        moved,
                    )
                    if bank == "mentee"
                    else ngettext(
                        "The answers of %(count)d person are in the mentor bank.",
                        "The answers of %(count)d people are in the mentor bank.",
                        moved,
                    )
                )
                % {"count": moved},
            )
        if result.refused:
            messages.error(
                request,
                _("Not moved into the bank: %(reasons)s")
                % {"reasons": " ".join(reason for _person, reason in result.refused)},
            )
        return redirect("surveys:survey_to_bank", survey.pk)
    return render(
        request,
        "surveys/runs/survey_to_bank.html",
        {
            "survey": survey,
            "organization": survey.organization,
            "proposals": proposals,
            "bank": bank,
            "bank_url": bank_url,
            "eligible": survey.questionnaire.kind in BANK_KINDS and not survey.anonymous,
        },
    )
