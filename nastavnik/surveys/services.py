"""The rules of questionnaires and surveys: the library, the audience, personal links,
answering (drafts, conditions, required answers, a second submit), reminders, closing, and
moving answers into the banks. Views, commands and the demo call these and nothing else."""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nastavnik.banks.models import (
    Competency,
    Consent,
    MenteeNeed,
    MenteeProfile,
    MentorCompetency,
    MentorProfile,
)
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import audit
from nastavnik.organizations.models import Organization, Region
from nastavnik.staff.models import PersonKind, StaffMember, StudyGroup
from nastavnik.surveys import library
from nastavnik.surveys.models import (
    Answer,
    Invitation,
    InvitationToken,
    Question,
    Questionnaire,
    Response,
    Section,
    Survey,
)

DATE_RU = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
DATE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")

# --- the library -------------------------------------------------------------------------------


def _create_from_definition(region: Region, definition: Mapping[str, Any]) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        region=region,
        kind=definition["kind"],
        title=definition["title"],
        description=definition.get("description", ""),
    )
    by_code: dict[str, Question] = {}
    order = 0
    for section_order, (section_title, questions) in enumerate(definition["sections"]):
        section = (
            Section.objects.create(
                questionnaire=questionnaire, title=section_title, order=section_order
            )
            if section_title
            else None
        )
        for item in questions:
            order += 1
            condition = item.get("show_if")
            question = Question.objects.create(
                questionnaire=questionnaire,
                section=section,
                order=order,
                code=item.get("code", ""),
                kind=item["kind"],
                text=item["text"],
                help_text=item.get("help", ""),
                required=item.get("required", False),
                options=list(item.get("options", [])),
                max_choices=item.get("max_choices"),
                condition_question=by_code[condition[0]] if condition else None,
                condition_value=condition[1] if condition else "",
            )
            if question.code:
                by_code[question.code] = question
    return questionnaire


def region_library(region: Region) -> None:
    """Give the region its copy of the shipped templates on first use (and of a template
    shipped later, by its purpose)."""
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=region.pk).first()
        have = set(
            Questionnaire.objects.filter(
                region=region, organization=None, is_template=True
            ).values_list("kind", flat=True)
        )
        for definition in library.TEMPLATES:
            if definition["kind"] not in have:
                _create_from_definition(region, definition)


def library_for(organization: Organization) -> list[Questionnaire]:
    """The templates an organization can run: the region's and its own."""
    region = organization.municipality.region
    region_library(region)
    return list(
        Questionnaire.objects.filter(region=region, is_template=True)
        .filter(Q(organization__isnull=True) | Q(organization=organization))
        .order_by("kind", "title", "pk")
    )


def questionnaire_copy(
    source: Questionnaire,
    *,
    organization: Organization | None,
    is_template: bool,
    title: str | None = None,
) -> Questionnaire:
    """A deep copy: sections, questions and the conditions between them."""
    with transaction.atomic():
        copy = Questionnaire.objects.create(
            region=source.region,
            organization=organization,
            kind=source.kind,
            title=title or source.title,
            description=source.description,
            is_template=is_template,
            based_on=source,
        )
        sections = {
            s.pk: Section.objects.create(questionnaire=copy, title=s.title, order=s.order)
            for s in source.sections.all()
        }
        questions: dict[int, Question] = {}
        originals = list(source.questions.all())
        for q in originals:
            questions[q.pk] = Question.objects.create(
                questionnaire=copy,
                section=sections.get(q.section_id) if q.section_id else None,
                order=q.order,
                code=q.code,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                required=q.required,
                options=list(q.options),
                max_choices=q.max_choices,
                condition_value=q.condition_value,
            )
        for q in originals:
            if q.condition_question_id in questions:
                new = questions[q.pk]
                new.condition_question = questions[q.condition_question_id]
                new.save(update_fields=["condition_question"])
    return copy


def questionnaire_is_editable(questionnaire: Questionnaire) -> bool:
    """A template can always be edited; a survey's copy only until the survey is launched."""
    if questionnaire.is_template:
        return True
    survey = Survey.objects.filter(questionnaire=questionnaire).first()
    return survey is not None and survey.launched_at is None


def check_question(question: Question) -> None:
    """The rules of one question: options where the type needs them, a condition on an
    earlier question of the same questionnaire."""
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        options = [o for o in question.options if str(o).strip()]
        if len(options) < 2:
            raise ValidationError(_("A question with a list needs at least two options."))
        if len(set(options)) != len(options):
            raise ValidationError(_("The options of a question repeat."))
    if question.condition_question_id:
        condition = question.condition_question
        if condition is None or condition.questionnaire_id != question.questionnaire_id:
            raise ValidationError(_("The condition must refer to a question of this form."))
        if condition.pk == question.pk:
            raise ValidationError(_("A question cannot depend on itself."))
        if not question.condition_value:
            raise ValidationError(_("Say which answer shows the question."))
        if condition.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and (
            question.condition_value not in condition.options
        ):
            raise ValidationError(
                _("«%(value)s» is not an option of the question «%(question)s».")
                % {"value": question.condition_value, "question": condition.text}
            )


# --- the audience ------------------------------------------------------------------------------


def audience_staff(
    organization: Organization,
    year: AcademicYear,
    audience: str,
    *,
    people: Iterable[StaffMember] = (),
    mentorships: Iterable[Any] = (),
    study_groups: Iterable[StudyGroup] = (),
) -> list[tuple[StaffMember, str]]:
    """The people an audience means, each with the group (mentor, mentee, other staff) under
    which the results count his or her answers."""
    mentors = set(
        MentorProfile.objects.filter(organization=organization, academic_year=year)
        .exclude(status=MentorProfile.Status.EXCLUDED)
        .values_list("staff_id", flat=True)
    )
    mentees = set(
        MenteeProfile.objects.filter(organization=organization, academic_year=year)
        .exclude(status=MenteeProfile.Status.EXCLUDED)
        .values_list("staff_id", flat=True)
    )
    active = StaffMember.objects.filter(
        organization=organization, is_active=True, anonymized_at__isnull=True
    )
    chosen: dict[int, str] = {}
    if audience == Survey.Audience.ALL_STAFF:
        ids = list(active.filter(kind=PersonKind.STAFF).values_list("pk", flat=True))
    elif audience == Survey.Audience.STUDENTS:
        groups = list(study_groups)
        if not groups:
            raise ValidationError(_("Choose at least one group."))
        if any(g.organization_id != organization.pk for g in groups):
            raise ValidationError(_("A group of another organization was chosen."))
        ids = list(
            active.filter(
                kind__in=[PersonKind.STUDENT, PersonKind.SCHOOLCHILD], study_group__in=groups
            ).values_list("pk", flat=True)
        )
    elif audience == Survey.Audience.EXTERNAL:
        ids = list(active.filter(kind=PersonKind.EXTERNAL).values_list("pk", flat=True))
    elif audience == Survey.Audience.MENTEE_BANK:
        ids = list(mentees)
    elif audience == Survey.Audience.MENTOR_BANK:
        ids = list(mentors)
    elif audience == Survey.Audience.BOTH_BANKS:
        ids = list(mentors | mentees)
    elif audience == Survey.Audience.MENTORSHIPS:
        ids = []
        for mentorship in mentorships:
            if mentorship.organization_id != organization.pk:
                raise ValidationError(_("A pair or group of another organization was chosen."))
            chosen[mentorship.mentor_id] = Invitation.Group.MENTOR
            ids.append(mentorship.mentor_id)
            for mentee in mentorship.mentees.all():
                chosen.setdefault(mentee.pk, Invitation.Group.MENTEE)
                ids.append(mentee.pk)
    elif audience == Survey.Audience.PEOPLE:
        ids = []
        for person in people:
            if person.organization_id != organization.pk:
                raise ValidationError(_("A person of another organization was chosen."))
            ids.append(person.pk)
    else:
        raise ValidationError(_("Choose who is asked."))
    staff = list(active.filter(pk__in=set(ids)).order_by("last_name", "first_name"))
    result = []
    for person in staff:
        group = chosen.get(person.pk) or (
            Invitation.Group.MENTOR
            if person.pk in mentors
            else Invitation.Group.MENTEE
            if person.pk in mentees
            else Invitation.Group.LEARNER
            if person.is_learner
            else Invitation.Group.STAFF
        )
        result.append((person, group))
    return result


# --- surveys -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    code: str  # draft, scheduled, open, closed
    label: str


def survey_state(survey: Survey, today: datetime.date | None = None) -> State:
    today = today or timezone.localdate()
    if survey.launched_at is None:
        return State("draft", _("not launched"))
    if survey.closed_at is not None or today > survey.closes_on:
        return State("closed", _("closed"))
    if today < survey.opens_on:
        return State("scheduled", _("opens %(date)s") % {"date": _date(survey.opens_on)})
    return State("open", _("open until %(date)s") % {"date": _date(survey.closes_on)})


def _date(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def survey_create(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    template: Questionnaire,
    title: str,
    anonymous: bool,
    audience: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    people: Sequence[StaffMember] = (),
    mentorships: Sequence[Any] = (),
    study_groups: Sequence[StudyGroup] = (),
    reminder_limit: int = 2,
    reminder_interval_days: int = 3,
) -> Survey:
    """Prepare a survey: a frozen copy of the template and the invitations of the audience.
    Nothing is sent until it is launched."""
    if template.region_id != organization.municipality.region_id or (
        template.organization_id not in (None, organization.pk)
    ):
        raise ValidationError(_("This questionnaire is not in the library of the organization."))
    if closes_on < opens_on:
        raise ValidationError(_("The survey must close on or after the day it opens."))
    if not template.questions.exists():
        raise ValidationError(_("The questionnaire has no questions."))
    people_groups = audience_staff(
        organization,
        year,
        audience,
        people=people,
        mentorships=mentorships,
        study_groups=study_groups,
    )
    if not people_groups:
        raise ValidationError(_("Nobody is in the chosen audience."))
    with transaction.atomic():
        questionnaire = questionnaire_copy(
            template, organization=organization, is_template=False, title=title
        )
        survey = Survey.objects.create(
            organization=organization,
            academic_year=year,
            questionnaire=questionnaire,
            title=title,
            anonymous=anonymous,
            audience=audience,
            opens_on=opens_on,
            closes_on=closes_on,
            reminder_limit=reminder_limit,
            reminder_interval_days=reminder_interval_days,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        Invitation.objects.bulk_create(
            Invitation(survey=survey, staff=person, group=group) for person, group in people_groups
        )
        audit(
            actor=actor,
            action="survey_create",
            target=survey,
            organization=organization,
            invited=len(people_groups),
            anonymous=anonymous,
        )
    return survey


def survey_set_audience(
    *,
    actor: Any,
    survey: Survey,
    audience: str,
    people: Sequence[StaffMember] = (),
    mentorships: Sequence[Any] = (),
    study_groups: Sequence[StudyGroup] = (),
) -> int:
    """Change who is asked before the launch; returns the number invited."""
    if survey.launched_at is not None:
        raise ValidationError(_("The survey is launched: its audience can no longer change."))
    groups = audience_staff(
        survey.organization,
        survey.academic_year,
        audience,
        people=people,
        mentorships=mentorships,
        study_groups=study_groups,
    )
    if not groups:
        raise ValidationError(_("Nobody is in the chosen audience."))
    with transaction.atomic():
        survey.invitations.all().delete()
        Invitation.objects.bulk_create(
            Invitation(survey=survey, staff=person, group=group) for person, group in groups
        )
        survey.audience = audience
        survey.save(update_fields=["audience"])
        audit(actor=actor, action="survey_create", target=survey, invited=len(groups))
    return len(groups)


def _digest(purpose: str, token: str) -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


def issue_link(invitation: Invitation) -> str:
    """A new personal link (the token); only its digest is stored."""
    token = secrets.token_urlsafe(24)
    InvitationToken.objects.create(invitation=invitation, digest=_digest("link", token))
    return token


def link_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer", args=[token])


def _letter(invitation: Invitation, token: str, *, reminder: bool) -> EmailMessage:
    survey = invitation.survey
    staff = invitation.staff
    name = " ".join(p for p in (staff.first_name, staff.patronymic) if p)
    lines = [
        _("Good day, %(name)s!") % {"name": name},
        "",
        (
            _("We remind you that your answers to the questionnaire «%(title)s» are awaited.")
            if reminder
            else _("%(organization)s asks you to answer the questionnaire «%(title)s».")
        )
        % {"title": survey.title, "organization": survey.organization.short_name},
        _("The questionnaire is open until %(date)s.") % {"date": _date(survey.closes_on)},
    ]
    if survey.anonymous:
        lines.append(_("The survey is anonymous: nobody will know which answers are yours."))
    lines += [
        "",
        _("Your personal link (do not forward it):"),
        link_url(token),
        "",
        _("This letter was sent by Nastavnik."),
    ]
    subject = (
        _("Reminder: questionnaire «%(title)s»") if reminder else _("Questionnaire «%(title)s»")
    ) % {"title": survey.title}
    return EmailMessage(subject=subject, body="\n".join(lines), to=[staff.email])


@dataclass
class LaunchResult:
    emailed: int = 0
    without_email: list[StaffMember] = field(default_factory=list)


def survey_launch(*, actor: Any, survey: Survey, connection: Any = None) -> LaunchResult:
    """Launch: the invitations go by e-mail to those who have an address; the others get
    printed links (``print_links``)."""
    result = LaunchResult()
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.launched_at is not None:
            raise ValidationError(_("The survey has already been launched."))
        if not locked.questionnaire.questions.exists():
            raise ValidationError(_("The questionnaire has no questions."))
        now = timezone.now()
        locked.launched_at = now
        locked.save(update_fields=["launched_at"])
        survey.launched_at = now
        letters = []
        with translation.override(settings.LANGUAGE_CODE):
            for invitation in locked.invitations.select_related("staff", "survey__organization"):
                if invitation.staff.email:
                    letters.append(_letter(invitation, issue_link(invitation), reminder=False))
                    invitation.emailed_at = now
                    invitation.save(update_fields=["emailed_at"])
                else:
                    result.without_email.append(invitation.staff)
        result.emailed = len(letters)
        audit(
            actor=actor,
            action="survey_launch",
            target=locked,
            organization=locked.organization,
            emailed=result.emailed,
        )
    # Sent once the launch is committed: a failed launch mails nobody.
    (connection or get_connection()).send_messages(letters)
    return result


def print_links(*, actor: Any, survey: Survey, only_without_email: bool) -> list[tuple[Any, str]]:
    """Fresh personal links for printing (earlier links keep working): (person, url) of those
    who have not answered."""
    if survey.launched_at is None:
        raise ValidationError(_("Launch the survey first."))
    with transaction.atomic():
        invitations = survey.invitations.filter(answered=False).select_related("staff")
        if only_without_email:
            invitations = invitations.filter(staff__email="")
        links = [(inv.staff, link_url(issue_link(inv))) for inv in invitations]
        audit(
            actor=actor,
            action="survey_links_print",
            target=survey,
            organization=survey.organization,
            links=len(links),
        )
    return links


def survey_close(*, actor: Any, survey: Survey) -> None:
    with transaction.atomic():
        if survey.launched_at is None:
            raise ValidationError(_("The survey has not been launched."))
        if survey.closed_at is None:
            survey.closed_at = timezone.now()
            survey.save(update_fields=["closed_at"])
            audit(
                actor=actor, action="survey_close", target=survey, organization=survey.organization
            )


def survey_delete(*, actor: Any, survey: Survey) -> None:
    """Only a survey that nobody has been asked in (not launched) can be deleted."""
    if survey.launched_at is not None:
        raise ValidationError(_("A launched survey cannot be deleted; close it instead."))
    with transaction.atomic():
        questionnaire = survey.questionnaire
        audit(actor=actor, action="survey_delete", target=survey, organization=survey.organization)
        survey.delete()
        questionnaire.delete()


def send_reminders(
    today: datetime.date, *, survey: Survey | None = None, connection: Any = None
) -> int:
    """Remind those who have not answered an open survey, at most `reminder_limit` times and
    at least `reminder_interval_days` apart; returns the number of letters."""
    surveys = Survey.objects.filter(
        launched_at__isnull=False, closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today
    )
    if survey is not None:
        surveys = surveys.filter(pk=survey.pk)
    letters = []
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for run in surveys.select_related("organization"):
            due = today - datetime.timedelta(days=run.reminder_interval_days)
            invitations = (
                Invitation.objects.select_for_update(of=("self",))
                .filter(survey=run, answered=False, reminders_sent__lt=run.reminder_limit)
                .exclude(staff__email="")
                .exclude(reminded_on__gt=due)
                .exclude(emailed_at__date__gt=due)
                .select_related("staff", "survey__organization")
            )
            for invitation in invitations:
                letters.append(_letter(invitation, issue_link(invitation), reminder=True))
                invitation.reminders_sent += 1
                invitation.reminded_on = today
                invitation.save(update_fields=["reminders_sent", "reminded_on"])
    (connection or get_connection()).send_messages(letters)
    return len(letters)


# --- answering ---------------------------------------------------------------------------------


class LinkError(Exception):
    """A link that cannot be answered, with the Russian message for the page."""

    def __init__(self, code: str, message: str, survey: Survey | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.survey = survey


def invitation_for_token(token: str, *, today: datetime.date | None = None) -> Invitation:
    """The invitation of a personal link, or a LinkError that says what is wrong."""
    found = (
        InvitationToken.objects.filter(digest=_digest("link", token or ""))
        .select_related("invitation__survey__organization", "invitation__staff")
        .first()
    )
    if found is None:
        raise LinkError(
            "invalid",
            _(
                "The link is not valid. Check that it was copied whole, or ask the curator "
                "for a new one."
            ),
        )
    invitation = found.invitation
    survey = invitation.survey
    state = survey_state(survey, today)
    if state.code == "closed":
        raise LinkError(
            "closed",
            _("The survey «%(title)s» is closed: answers are no longer accepted.")
            % {"title": survey.title},
            survey,
        )
    if state.code in ("draft", "scheduled"):
        raise LinkError(
            "not_open",
            _("The survey «%(title)s» opens on %(date)s. Come back by this link then.")
            % {"title": survey.title, "date": _date(survey.opens_on)},
            survey,
        )
    if invitation.answered:
        raise LinkError(
            "answered",
            _(
                "You have already answered the questionnaire «%(title)s». Thank you! A second "
                "answer by the same link is not accepted."
            )
            % {"title": survey.title},
            survey,
        )
    return invitation


def visible(questions: Sequence[Question], values: Mapping[int, Any]) -> set[int]:
    """The ids of questions shown for the given answers: a question with a condition is shown
    only when the earlier question is shown and its answer has (or includes) the value."""
    shown: set[int] = set()
    for question in questions:
        if question.condition_question_id:
            parent = question.condition_question_id
            answer = values.get(parent)
            if parent not in shown or answer is None:
                continue
            if isinstance(answer, list):
                if question.condition_value not in [str(a) for a in answer]:
                    continue
            elif str(answer) != question.condition_value:
                continue
        shown.add(question.pk)
    return shown


def parse_date(text: str) -> datetime.date | None:
    """A date as 01.10.2025 (or 1.10.25) or the ISO form a date field sends."""
    text = text.strip()
    match = DATE_RU.fullmatch(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime.date(year + 2000 if year < 100 else year, month, day)
        return datetime.date.fromisoformat(text) if DATE_ISO.fullmatch(text) else None
    except ValueError:
        return None


def _parse_one(
    question: Question,
    raw: list[str],
    *,
    staff_ids: set[int],
    competency_ids: set[int],
) -> Any:
    """The value of one answer from the submitted strings; None when not answered; raises
    ValidationError with a Russian message for garbage."""
    raw = [r.strip() for r in raw if r is not None and str(r).strip()]
    if not raw:
        return None
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        if len(raw) > 1 or raw[0] not in question.options:
            raise ValidationError(_("Choose one of the options."))
        return raw[0]
    if kind == Question.Kind.MULTIPLE:
        values = list(dict.fromkeys(raw))
        if any(v not in question.options for v in values):
            raise ValidationError(_("Choose among the options."))
        if question.max_choices and len(values) > question.max_choices:
            raise ValidationError(
                ngettext(
                    "Choose at most %(count)d option.",
                    "Choose at most %(count)d options.",
                    question.max_choices,
                )
                % {"count": question.max_choices}
            )
        return values
    if kind in (Question.Kind.SCALE5, Question.Kind.SCALE10):
        try:
            number = int(raw[0])
        except ValueError:
            number = 0
        if not 1 <= number <= question.scale_max:
            raise ValidationError(
                _("Choose a mark from 1 to %(max)d.") % {"max": question.scale_max}
            )
        return number
    if kind == Question.Kind.NUMBER:
        text = raw[0].replace(",", ".").replace(" ", "").replace("\u00a0", "")
        try:
            value = float(text)
        except ValueError:
            raise ValidationError(_("Enter a number, e.g. 3 or 2,5.")) from None
        if not (-1e9 < value < 1e9) or value != value:
            raise ValidationError(_("Enter a number, e.g. 3 or 2,5."))
        return int(value) if value.is_integer() else value
    if kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
        limit = 300 if kind == Question.Kind.SHORT_TEXT else 5000
        text = "\n".join(raw)
        if len(text) > limit:
            raise ValidationError(
                _("The answer is too long: at most %(limit)d characters.") % {"limit": limit}
            )
        return text
    if kind == Question.Kind.DATE:
        date = parse_date(raw[0])
        if date is None or not 1900 <= date.year <= 2100:
            raise ValidationError(_("Enter a date as 01.10.2025."))
        return date.isoformat()
    if kind == Question.Kind.PEOPLE:
        try:
            ids = [int(r) for r in raw]
        except ValueError:
            raise ValidationError(_("Choose people from the list.")) from None
        if len(set(ids)) != len(ids):
            raise ValidationError(_("The same person is chosen twice."))
        if any(i not in staff_ids for i in ids):
            raise ValidationError(_("Choose people from the list."))
        limit = question.max_choices or 3
        if len(ids) > limit:
            raise ValidationError(
                ngettext(
                    "Choose at most %(count)d person.", "Choose at most %(count)d people.", limit
                )
                % {"count": limit}
            )
        return ids
    if kind == Question.Kind.COMPETENCIES:
        try:
            ids = list(dict.fromkeys(int(r) for r in raw))
        except ValueError:
            raise ValidationError(_("Choose from the list.")) from None
        if any(i not in competency_ids for i in ids):
            raise ValidationError(_("Choose from the list."))
        return ids
    raise ValidationError(_("Unknown type of question."))


def people_of_bank_code(
    organization_id: int, year_id: int | None, code: str
) -> QuerySet[StaffMember]:
    """The people a respondent may name in a question with this code: the active staff of the
    organization; for the preferred mentors (``preferred_mentors``) only the people in the
    organization's mentor bank of the year who are not excluded from it, for the preferred
    mentees (``preferred_mentees``) those of the mentee bank (matching reads the answers)."""
    people = StaffMember.objects.filter(
        organization_id=organization_id, is_active=True, anonymized_at__isnull=True
    )
    if code == "preferred_mentors":
        people = people.filter(
            pk__in=MentorProfile.objects.filter(
                organization_id=organization_id, academic_year_id=year_id
            )
            .exclude(status=MentorProfile.Status.EXCLUDED)
            .values("staff_id")
        )
    elif code == "preferred_mentees":
        people = people.filter(
            pk__in=MenteeProfile.objects.filter(
                organization_id=organization_id, academic_year_id=year_id
            )
            .exclude(status=MenteeProfile.Status.EXCLUDED)
            .values("staff_id")
        )
    return people.order_by("last_name", "first_name", "patronymic")


def people_choices(survey: Survey, question: Question | None = None) -> list[StaffMember]:
    """The people a respondent may name in the question (see people_of_bank_code)."""
    return list(
        people_of_bank_code(
            survey.organization_id, survey.academic_year_id, question.code if question else ""
        )
    )


def competency_choices(survey: Survey) -> list[Competency]:
    """The region's taxonomy (the shipped default is copied in on first use)."""
    from nastavnik.banks.selectors import competencies_for

    return list(competencies_for(survey.organization.municipality.region).order_by("order", "pk"))


def clean_answers(
    survey: Survey,
    questions: Sequence[Question],
    data: Mapping[int, list[str]],
    *,
    final: bool,
) -> tuple[dict[int, Any], dict[int, str]]:
    """Parse the submitted strings (question id → list of strings). Returns the values of the
    visible questions and the errors by question id. A draft keeps whatever is valid; a final
    submit also needs every visible required answer."""
    people_codes = {q.code for q in questions if q.kind == Question.Kind.PEOPLE}
    needs_competencies = any(q.kind == Question.Kind.COMPETENCIES for q in questions)
    staff_ids = {
        code: set(
            people_of_bank_code(survey.organization_id, survey.academic_year_id, code).values_list(
                "pk", flat=True
            )
        )
        for code in people_codes
    }
    competency_ids = {c.pk for c in competency_choices(survey)} if needs_competencies else set()
    values: dict[int, Any] = {}
    errors: dict[int, str] = {}
    for question in questions:
        try:
            value = _parse_one(
                question,
                list(data.get(question.pk, [])),
                staff_ids=staff_ids.get(question.code, set()),
                competency_ids=competency_ids,
            )
        except ValidationError as error:
            errors[question.pk] = " ".join(error.messages)
            continue
        if value is not None:
            values[question.pk] = value
    shown = visible(questions, values)
    values = {k: v for k, v in values.items() if k in shown}
    errors = {k: v for k, v in errors.items() if k in shown}
    if final:
        for question in questions:
            if question.required and question.pk in shown and question.pk not in values:
                errors.setdefault(question.pk, _("This question needs an answer."))
    return values, errors


def _draft_key(token: str) -> str:
    return _digest("draft", token)


def draft_for(invitation: Invitation, token: str) -> Response | None:
    """The unfinished answers of this respondent (identified) or of this link (anonymous)."""
    if invitation.survey.anonymous:
        return Response.objects.filter(draft_key=_draft_key(token), submitted=False).first()
    return Response.objects.filter(invitation=invitation, submitted=False).first()


@dataclass
class Saved:
    response: Response
    errors: dict[int, str]
    values: dict[int, Any]

    @property
    def ok(self) -> bool:
        return not self.errors


def save_answers(
    token: str,
    data: Mapping[int, list[str]],
    *,
    final: bool,
    today: datetime.date | None = None,
) -> Saved:
    """Save the answers of a personal link: a draft keeps every valid answer; the final submit
    needs all required answers and marks the invitation answered. A second submit raises
    LinkError("answered"); nothing already answered is lost on an error."""
    with transaction.atomic():
        invitation = invitation_for_token(token, today=today)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.answered:
            raise LinkError(
                "answered",
                _(
                    "You have already answered the questionnaire «%(title)s». Thank you! A "
                    "second answer by the same link is not accepted."
                )
                % {"title": invitation.survey.title},
                invitation.survey,
            )
        survey = Survey.objects.select_related("organization__municipality").get(
            pk=invitation.survey_id
        )
        questions = list(survey.questionnaire.questions.all())
        values, errors = clean_answers(survey, questions, data, final=final)
        response = draft_for(invitation, token)
        if response is None:
            response = Response(
                survey=survey,
                organization=survey.organization,
                group=invitation.group,
                invitation=None if survey.anonymous else invitation,
                draft_key=_draft_key(token) if survey.anonymous else None,
            )
            response.save()
        # Keep what is valid; on errors a final submit stays a draft.
        response.answers.all().delete()
        Answer.objects.bulk_create(
            Answer(response=response, question_id=qid, value=value) for qid, value in values.items()
        )
        if final and not errors:
            response.submitted = True
            response.draft_key = None
            if not survey.anonymous:
                response.submitted_at = timezone.now()
            response.save()
            invitation.answered = True
            invitation.save(update_fields=["answered"])
    return Saved(response=response, errors=errors, values=values)


def link_for_user(user: Any, invitation: Invitation, known_token: str | None) -> str:
    """A logged-in respondent answers from «My questionnaires»: reuse the link he or she
    already opened (kept in the browser), or issue a new one."""
    if invitation.staff.user_id != getattr(user, "pk", None):
        raise ValidationError(_("This questionnaire is addressed to another person."))
    if (
        known_token
        and InvitationToken.objects.filter(
            invitation=invitation, digest=_digest("link", known_token)
        ).exists()
    ):
        return known_token
    return issue_link(invitation)


def invitations_of(user: Any, today: datetime.date | None = None) -> list[Invitation]:
    """The open surveys a logged-in person is asked in and has not answered."""
    today = today or timezone.localdate()
    return list(
        Invitation.objects.filter(
            staff__user=user,
            answered=False,
            survey__launched_at__isnull=False,
            survey__closed_at__isnull=True,
            survey__opens_on__lte=today,
            survey__closes_on__gte=today,
        )
        .select_related("survey__organization")
        .order_by("survey__closes_on", "pk")
    )


# --- into the banks ----------------------------------------------------------------------------


@dataclass
class BankProposal:
    """What the answers of one identified respondent propose for the banks."""

    response: Response
    staff: StaffMember
    bank: str  # "mentee" or "mentor"
    competencies: list[Competency]
    text: str
    capacity: int | None = None
    motivation: str = ""
    in_bank: bool = False
    # Why the person cannot go into the bank (Russian, with the name); "" when he or she can.
    refusal: str = ""


@dataclass
class BankMove:
    """What a transfer into the bank did: who went in, and who did not and why."""

    moved: list[StaffMember] = field(default_factory=list)
    refused: list[tuple[StaffMember, str]] = field(default_factory=list)


def bank_refusal(staff: StaffMember) -> str:
    """The reason a person cannot enter the banks, as the bank's own «Add» gives it (a signed
    consent to the processing of personal data, by a parent for a minor); "" when none."""
    from nastavnik.banks.services import require_consent

    try:
        require_consent(staff, Consent.Kind.PERSONAL_DATA)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def bank_proposals(survey: Survey) -> list[BankProposal]:
    """The needs (mentee questionnaire) or competencies (mentor questionnaire) that submitted
    identified answers propose and that are not in the banks yet. A person who may not enter
    the banks (no signed consent) is marked with the reason."""
    kind = survey.questionnaire.kind
    if survey.anonymous or kind not in (
        Questionnaire.Kind.MENTEE_NEEDS,
        Questionnaire.Kind.MENTOR_POTENTIAL,
    ):
        return []
    bank = "mentee" if kind == Questionnaire.Kind.MENTEE_NEEDS else "mentor"
    codes = {q.code: q.pk for q in survey.questionnaire.questions.all() if q.code}
    list_code = "needs" if bank == "mentee" else "competencies"
    text_code = "needs_text" if bank == "mentee" else "experience_text"
    responses = list(
        survey.responses.filter(submitted=True, moved_to_bank=False)
        .select_related("invitation__staff")
        .prefetch_related("answers")
    )
    competencies = {c.pk: c for c in competency_choices(survey)}
    profile_model = MenteeProfile if bank == "mentee" else MentorProfile
    in_bank = set(
        profile_model.objects.filter(
            organization=survey.organization, academic_year=survey.academic_year
        ).values_list("staff_id", flat=True)
    )
    proposals = []
    for response in responses:
        if response.invitation is None:
            continue
        answers = {a.question_id: a.value for a in response.answers.all()}
        chosen = [
            competencies[i] for i in answers.get(codes.get(list_code, -1), []) if i in competencies
        ]
        capacity = answers.get(codes.get("capacity", -1))
        staff = response.invitation.staff
        proposals.append(
            BankProposal(
                response=response,
                staff=staff,
                bank=bank,
                competencies=chosen,
                text=str(answers.get(codes.get(text_code, -1), "") or ""),
                capacity=int(capacity) if isinstance(capacity, int | float) else None,
                motivation=str(answers.get(codes.get("motivation", -1), "") or ""),
                in_bank=response.invitation.staff_id in in_bank,
                refusal=bank_refusal(staff),
            )
        )
    return proposals


def _move_mentee(actor: Any, survey: Survey, p: BankProposal) -> None:
    from nastavnik.banks.services import mentee_add

    profile = MenteeProfile.objects.filter(
        staff=p.staff, academic_year=survey.academic_year
    ).first()
    if profile is None:
        profile = mentee_add(actor=actor, staff=p.staff, year=survey.academic_year)
    if p.text and not profile.needs_text:
        profile.needs_text = p.text
        profile.save(update_fields=["needs_text", "updated_at"])
    have = set(profile.needs.values_list("competency_id", flat=True))
    MenteeNeed.objects.bulk_create(
        MenteeNeed(profile=profile, competency=c, source=MenteeNeed.Source.QUESTIONNAIRE)
        for c in p.competencies
        if c.pk not in have
    )


def _move_mentor(actor: Any, survey: Survey, p: BankProposal) -> None:
    from nastavnik.banks.selectors import rules_for
    from nastavnik.banks.services import mentor_add

    mentor = MentorProfile.objects.filter(staff=p.staff, academic_year=survey.academic_year).first()
    created = mentor is None
    if mentor is None:
        mentor = mentor_add(actor=actor, staff=p.staff, year=survey.academic_year)
    changed = []
    if p.text and not mentor.experience_text:
        mentor.experience_text = p.text
        changed.append("experience_text")
    if p.motivation and not mentor.motivation:
        mentor.motivation = p.motivation
        changed.append("motivation")
    if p.capacity and created:
        # Within the region's rules, as the bank's own form keeps it.
        rules = rules_for(survey.organization.municipality.region_id)
        mentor.capacity = max(rules.capacity_min, min(p.capacity, rules.capacity_max))
        changed.append("capacity")
    if changed:
        mentor.save(update_fields=[*changed, "updated_at"])
    have = set(mentor.competencies.values_list("competency_id", flat=True))
    MentorCompetency.objects.bulk_create(
        MentorCompetency(profile=mentor, competency=c) for c in p.competencies if c.pk not in have
    )


def move_to_bank(*, actor: Any, survey: Survey, response_ids: Iterable[Any]) -> BankMove:
    """The curator confirms proposals: a person not yet in the bank is added by the bank's own
    rules (a signed consent to the processing of personal data); the chosen needs
    (competencies) are added with the source «questionnaire»; a written text fills an empty
    field. A person the rules refuse is not moved (with the reason); each person moves whole
    or not at all."""
    wanted = {str(i) for i in response_ids}
    proposals = [p for p in bank_proposals(survey) if str(p.response.pk) in wanted]
    result = BankMove()
    with transaction.atomic():
        for p in proposals:
            try:
                with transaction.atomic():
                    if p.refusal:
                        raise ValidationError(p.refusal)
                    if p.bank == "mentee":
                        _move_mentee(actor, survey, p)
                    else:
                        _move_mentor(actor, survey, p)
                    p.response.moved_to_bank = True
                    p.response.save(update_fields=["moved_to_bank"])
            except ValidationError as error:
                result.refused.append((p.staff, " ".join(error.messages)))
            else:
                result.moved.append(p.staff)
        audit(
            actor=actor,
            action="survey_to_bank",
            target=survey,
            organization=survey.organization,
            people=len(result.moved),
            refused=len(result.refused),
        )
    return result


# --- preferences for matching ------------------------------------------------------------------


def preferences(
    organizations: Organization | Iterable[Organization], year: AcademicYear
) -> dict[tuple[int, int], float]:
    """The preferences named in the identified preference surveys of the year, as strength
    0..1 per (mentor staff id, mentee staff id): the first choice 1, the second 2/3, the third
    1/3; a preference named by both sides adds up (at most 1)."""
    orgs = [organizations] if isinstance(organizations, Organization) else list(organizations)
    strength: dict[tuple[int, int], float] = {}
    answers = Answer.objects.filter(
        response__survey__organization__in=orgs,
        response__survey__academic_year=year,
        response__survey__anonymous=False,
        response__submitted=True,
        question__code__in=["preferred_mentors", "preferred_mentees"],
    ).values_list("question__code", "value", "response__invitation__staff_id")
    for code, value, respondent in answers:
        if not isinstance(value, list) or respondent is None:
            continue
        for rank, other in enumerate(value[:3]):
            weight = (3 - rank) / 3
            key = (other, respondent) if code == "preferred_mentors" else (respondent, other)
            strength[key] = min(1.0, strength.get(key, 0.0) + weight / 2)
    return strength
