"""Answering a questionnaire: the page of a personal link, opened on a phone from the letter
without logging in (the token in the address is the key), and «My questionnaires» of a
logged-in mentor or mentee.

The token is a secret: the pages are not cached and never send their address as a referrer,
and the paths with a token are masked in the server's log records (``LinkRedaction``). For an
anonymous survey nothing here records an address, a browser or a time.
"""

import datetime
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from nastavnik.accounts import access
from nastavnik.core.context import get_academic_year
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import services
from nastavnik.surveys.models import Invitation, Question, Survey

COOKIE_PREFIX = "svy"
LINK_ERROR_STATUS = {"invalid": 404, "closed": 410, "answered": 200, "not_open": 200}
_LINK_PATH = re.compile(r"/s/[^/]+")


class LinkRedaction(logging.Filter):
    """Masks the token of a personal link (``/s/<token>/``) in log records: Django logs the
    path of a 404, a refused CSRF check or an error, and runserver logs every request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _LINK_PATH.sub("/s/…", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                _LINK_PATH.sub("/s/…", a) if isinstance(a, str) else a for a in record.args
            )
        return True


def install_link_redaction() -> None:
    """Attach the filter to the loggers that write request paths (once)."""
    for name in ("django.request", "django.security.csrf", "django.server"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, LinkRedaction) for f in logger.filters):
            logger.addFilter(LinkRedaction())


def _private(response: HttpResponse) -> HttpResponse:
    """A page or redirect with the token in its address: keep it out of caches and referrers.

    «strict-origin» sends no path (so no token) in the Referer header, to this site or any
    other. «no-referrer» would do the same but makes browsers send «Origin: null» with the
    form, which Django's CSRF check rightly refuses."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_error(request: HttpRequest, error: services.LinkError) -> HttpResponse:
    return _private(
        render(
            request,
            "surveys/public/link_error.html",
            {"error": error, "survey": error.survey},
            status=LINK_ERROR_STATUS.get(error.code, 404),
        )
    )


# --- the form of the questionnaire -----------------------------------------------------------


@dataclass
class Field:
    """One question on the page with what the respondent entered and its error."""

    question: Question
    values: list[str]
    error: str = ""
    hidden: bool = False
    limit: str = ""
    options: list[tuple[str, bool]] = field(default_factory=list)
    scale: list[tuple[int, bool]] = field(default_factory=list)
    slots: list[tuple[int, str]] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)
    groups: list[tuple[str, list[tuple[str, str, bool]]]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"q{self.question.pk}"

    @property
    def anchor(self) -> str:
        return f"question-{self.question.pk}"

    @property
    def value(self) -> str:
        """The single value of a text, number or date input."""
        return "\n".join(self.values)


@dataclass
class Block:
    """Consecutive questions of one section (a section without a title has no heading)."""

    title: str
    fields: list[Field]


def _strings(question: Question, value: Any) -> list[str]:
    """A saved answer as the strings the form would send."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    if question.kind == Question.Kind.NUMBER and isinstance(value, float):
        return [str(value).replace(".", ",")]
    return [str(value)]


def _fields(
    survey: Survey,
    invitation: Invitation,
    questions: list[Question],
    raw: dict[int, list[str]],
    errors: dict[int, str],
    shown: set[int],
) -> list[Block]:
    kinds = {q.kind for q in questions}
    # The people each person-question offers (the preferred mentors: the mentor bank, …).
    people: dict[str, list[tuple[str, str]]] = {}
    for q in questions:
        if q.kind == Question.Kind.PEOPLE and q.code not in people:
            people[q.code] = [
                (str(p.pk), f"{p.full_name} — {p.position}" if p.position else p.full_name)
                for p in services.people_choices(survey, q)
            ]
    competencies = (
        services.competency_choices(survey) if Question.Kind.COMPETENCIES in kinds else []
    )
    blocks: list[Block] = []
    section_id: object = object()
    for question in questions:
        values = [v for v in raw.get(question.pk, []) if v.strip()]
        f = Field(
            question=question,
            values=values,
            error=errors.get(question.pk, ""),
            hidden=question.pk not in shown,
        )
        kind = question.kind
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            f.options = [(str(o), str(o) in values) for o in question.options]
            if kind == Question.Kind.MULTIPLE and question.max_choices:
                f.limit = ngettext(
                    "Choose at most %(count)d option.",
                    "Choose at most %(count)d options.",
                    question.max_choices,
                ) % {"count": question.max_choices}
        elif question.is_scale:
            f.scale = [(n, str(n) in values) for n in range(1, question.scale_max + 1)]
        elif kind == Question.Kind.DATE and values:
            date = services.parse_date(values[0])
            f.values = [date.isoformat()] if date else values
        elif kind == Question.Kind.PEOPLE:
            f.slots = [
                (n, values[n - 1] if n <= len(values) else "")
                for n in range(1, (question.max_choices or 3) + 1)
            ]
            # A respondent does not name himself or herself (unless already chosen).
            mine = str(invitation.staff_id)
            f.choices = [
                (pk, label) for pk, label in people[question.code] if pk != mine or pk in values
            ]
        elif kind == Question.Kind.COMPETENCIES:
            grouped: dict[str, list[tuple[str, str, bool]]] = {}
            for c in competencies:
                grouped.setdefault(c.group, []).append((str(c.pk), c.name, str(c.pk) in values))
            f.groups = list(grouped.items())
        if question.section_id != section_id or not blocks:
            section_id = question.section_id
            blocks.append(
                Block(title=question.section.title if question.section else "", fields=[])
            )
        blocks[-1].fields.append(f)
    return blocks


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except services.LinkError as error:
        return _link_error(request, error)
    survey = invitation.survey
    questions = list(survey.questionnaire.questions.select_related("section"))
    errors: dict[int, str] = {}
    if request.method == "POST":
        final = request.POST.get("action") == "submit"
        raw = {q.pk: request.POST.getlist(f"q{q.pk}") for q in questions}
        try:
            saved = services.save_answers(token, raw, final=final)
        except services.LinkError as error:
            return _link_error(request, error)
        if saved.ok:
            if final:
                return _private(redirect("surveys:answer_thanks", token))
            messages.success(
                request,
                _("The draft is saved. Open the same link to finish the answers before %(date)s.")
                % {"date": survey.closes_on.strftime("%d.%m.%Y")},
            )
            return _private(redirect("surveys:answer", token))
        errors = saved.errors
        values = saved.values
    else:
        draft = services.draft_for(invitation, token)
        values = {a.question_id: a.value for a in draft.answers.all()} if draft else {}
        by_pk = {q.pk: q for q in questions}
        raw = {pk: _strings(by_pk[pk], v) for pk, v in values.items() if pk in by_pk}
    blocks = _fields(
        survey, invitation, questions, raw, errors, services.visible(questions, values)
    )
    error_fields = [f for b in blocks for f in b.fields if f.error]
    return _private(
        render(
            request,
            "surveys/public/answer.html",
            {
                "survey": survey,
                "organization": survey.organization,
                "questionnaire": survey.questionnaire,
                "blocks": blocks,
                "error_fields": error_fields,
                "submitted": request.method == "POST",
                "final": request.POST.get("action") == "submit",
                "has_required": any(q.required for q in questions),
            },
        )
    )


@require_http_methods(["GET", "HEAD"])
def answer_thanks(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.invitation_for_token(token)
    except services.LinkError as error:
        if error.code != "answered":
            return _link_error(request, error)
        return _private(render(request, "surveys/public/thanks.html", {"survey": error.survey}))
    return _private(redirect("surveys:answer", token))


# --- «My questionnaires» ------------------------------------------------------------------------


def _cookie_age(survey: Survey) -> int:
    """Seconds until the end of the survey's last day (the link is of no use afterwards)."""
    zone = timezone.get_current_timezone()
    end = datetime.datetime.combine(
        survey.closes_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return max(int((end - timezone.now()).total_seconds()), 60)


@login_required
@require_POST
def answer_start(request: HttpRequest) -> HttpResponse:
    """Open the questionnaire from «My questionnaires»: the link kept in this browser (so that
    a draft of an anonymous survey continues), or a new one."""
    pk = request.POST.get("invitation", "")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 19):
        raise Http404
    invitation = access.get_or_404(
        Invitation.objects.filter(Q(staff__user=request.user)).select_related("survey", "staff"),
        pk=int(pk),
    )
    cookie = f"{COOKIE_PREFIX}{invitation.pk}"
    try:
        token = services.link_for_user(request.user, invitation, request.COOKIES.get(cookie))
    except ValidationError as error:
        raise Http404 from error
    response = _private(redirect("surveys:answer", token))
    response.set_cookie(
        cookie,
        token,
        max_age=_cookie_age(invitation.survey),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@login_required
def my_surveys(request: HttpRequest) -> HttpResponse:
    year = get_academic_year(request)
    waiting = services.invitations_of(request.user)
    answered = list(
        Invitation.objects.filter(
            Q(staff__user=request.user), answered=True, survey__academic_year=year
        )
        .select_related("survey__organization")
        .order_by("-survey__closes_on", "pk")
    )
    has_staff = bool(waiting or answered) or (
        StaffMember.objects.filter(Q(user=request.user)).exists()
    )
    return render(
        request,
        "surveys/public/mine.html",
        {"waiting": waiting, "answered": answered, "has_staff": has_staff, "year": year},
    )
