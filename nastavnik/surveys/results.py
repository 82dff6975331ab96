"""Who sees which results of a survey, how answers read for people, and the roll-up of the
surveys of many organizations for methodologists. The figures themselves come from
``selectors``; this module decides what of them a user may see and how they are shown."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, FloatField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.banks.models import Competency
from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import selectors
from nastavnik.surveys.models import Answer, Invitation, Question, Questionnaire, Survey

# Everything, including each person's answers to an identified survey.
FULL = "full"
# Counts, charts and means; texts only of an anonymous survey; no person's answers.
AGGREGATE = "aggregate"

# The roles that run the surveys of their own organization and see all of their results.
ORGANIZATION_ROLES = frozenset({Role.DIRECTOR, Role.CURATOR})

SATISFACTION_KINDS = (
    Questionnaire.Kind.SATISFACTION_MENTOR,
    Questionnaire.Kind.SATISFACTION_MENTEE,
)
SATISFACTION_CODE = "satisfaction"


def results_access(user: Any, survey: Survey) -> str | None:
    """How much of the survey's results the user sees: FULL for the director and the curator
    of its organization; AGGREGATE for the methodologists and administrators whose
    municipality or region covers the organization; None (the page is a 404) for anyone else.

    The survey must come with ``organization__municipality`` loaded."""
    organization = survey.organization
    if any(
        a.role in ORGANIZATION_ROLES and access.covers(a, organization)
        for a in access.assignments(user)
    ):
        return FULL
    if access.can(user, access.OBSERVER_ROLES, organization):
        return AGGREGATE
    return None


def shows_texts(survey: Survey, level: str) -> bool:
    """Free texts of an identified survey may name or betray their author: only the
    organization reads them. Those of an anonymous survey are aggregate data."""
    return level == FULL or survey.anonymous


def shows_people(survey: Survey, level: str) -> bool:
    """Each person's answers: only of an identified survey, only to the organization."""
    return level == FULL and not survey.anonymous


def survey_queryset() -> QuerySet[Survey]:
    return Survey.objects.select_related(
        "organization__municipality__region", "questionnaire", "academic_year"
    )


def presented(
    survey: Survey, items: list[selectors.QuestionResult], level: str
) -> list[selectors.QuestionResult]:
    """The results as the user may see them: texts dropped where not allowed; the texts of an
    anonymous survey in alphabetical order, so that their order tells nothing of who answered
    when."""
    allowed = shows_texts(survey, level)
    for item in items:
        if not allowed:
            item.texts = []
        elif survey.anonymous:
            item.texts = sorted(item.texts, key=str.casefold)
    return items


# --- reading one answer ------------------------------------------------------------------------


@dataclass
class Names:
    """The names behind the ids of people and competencies in answers."""

    people: dict[int, str] = field(default_factory=dict)
    competencies: dict[int, str] = field(default_factory=dict)


def names_for(survey: Survey, values: Iterable[dict[int, Any]]) -> Names:
    """At most two queries, whatever the number of answers."""
    questions = list(survey.questionnaire.questions.all())
    people_q = {q.pk for q in questions if q.kind == Question.Kind.PEOPLE}
    has_competencies = any(q.kind == Question.Kind.COMPETENCIES for q in questions)
    ids: set[int] = set()
    for answers in values:
        for pk in people_q:
            ids.update(i for i in answers.get(pk, []) if isinstance(i, int))
    names = Names()
    if ids:
        names.people = {
            p.pk: p.full_name
            for p in StaffMember.objects.filter(pk__in=ids).only(
                "last_name", "first_name", "patronymic"
            )
        }
    if has_competencies:
        names.competencies = dict(
            Competency.objects.filter(
                region_id=survey.organization.municipality.region_id
            ).values_list("pk", "name")
        )
    return names


def format_date(value: Any) -> str:
    """01.10.2025 from an ISO date, a date or a datetime (in local time)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    try:
        return datetime.date.fromisoformat(str(value)).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


def answer_text(question: Question, value: Any, names: Names) -> str:
    """One answer as a person reads it: options and names joined by «; », dates as
    01.10.2025, numbers with a decimal comma."""
    if value is None or value == "" or value == []:
        return ""
    kind = question.kind
    if kind == Question.Kind.PEOPLE:
        return "; ".join(names.people.get(i, "—") for i in value)
    if kind == Question.Kind.COMPETENCIES:
        return "; ".join(names.competencies.get(i, "—") for i in value)
    if kind == Question.Kind.DATE:
        return format_date(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return str(value)


def answer_cell(question: Question, value: Any, names: Names) -> Any:
    """One answer for a spreadsheet: a number stays a number."""
    if question.is_scale or question.kind == Question.Kind.NUMBER:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
    return answer_text(question, value, names)


# --- comparing two runs ------------------------------------------------------------------------


def compare_candidates(survey: Survey) -> list[Survey]:
    """The other launched surveys of the organization, those of the same purpose first."""
    others = list(
        Survey.objects.filter(organization_id=survey.organization_id, launched_at__isnull=False)
        .exclude(pk=survey.pk)
        .select_related("questionnaire", "academic_year")
        .order_by("-opens_on", "-pk")
    )
    same = [s for s in others if s.questionnaire.kind == survey.questionnaire.kind]
    return same + [s for s in others if s.questionnaire.kind != survey.questionnaire.kind]


def before_and_after(first: Survey, second: Survey) -> tuple[Survey, Survey]:
    """The earlier run is «before»."""
    if (first.opens_on, first.pk) <= (second.opens_on, second.pk):
        return first, second
    return second, first


# --- the overview for methodologists -----------------------------------------------------------


@dataclass
class KindRow:
    kind: str
    label: str
    surveys: int
    organizations: int
    rate: selectors.Rate
    satisfaction: float | None = None


def launched(organizations: QuerySet[Organization], year: AcademicYear) -> QuerySet[Survey]:
    return Survey.objects.filter(
        organization__in=organizations, academic_year=year, launched_at__isnull=False
    )


def by_kind(organizations: QuerySet[Organization], year: AcademicYear) -> list[KindRow]:
    """Per purpose of the questionnaire: surveys, organizations that ran one, invited and
    answered, and for satisfaction the mean overall mark. Three queries for any region: the
    surveys and their invitations are counted apart (one join of the two with COUNT DISTINCT
    sorted 60,000 rows for a region of 1,500 schools)."""
    surveys = launched(organizations, year)
    rows = (
        surveys.values("questionnaire__kind")
        .annotate(surveys=Count("pk"), organizations=Count("organization", distinct=True))
        .order_by()
    )
    invitations = {
        r["survey__questionnaire__kind"]: r
        for r in Invitation.objects.filter(survey__in=surveys)
        .values("survey__questionnaire__kind")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
        .order_by()
    }
    means = satisfaction_means(surveys)
    labels = dict(Questionnaire.Kind.choices)
    order = {kind: i for i, kind in enumerate(Questionnaire.Kind.values)}
    out = [
        KindRow(
            kind=r["questionnaire__kind"],
            label=str(labels.get(r["questionnaire__kind"], r["questionnaire__kind"])),
            surveys=r["surveys"],
            organizations=r["organizations"],
            rate=selectors.Rate(
                "",
                invitations.get(r["questionnaire__kind"], {}).get("invited", 0),
                invitations.get(r["questionnaire__kind"], {}).get("answered", 0),
            ),
            satisfaction=means.get(r["questionnaire__kind"]),
        )
        for r in rows
    ]
    return sorted(out, key=lambda row: order.get(row.kind, len(order)))


def organizations_with_surveys(organizations: QuerySet[Organization], year: AcademicYear) -> int:
    """How many organizations ran at least one survey in the year: one query."""
    return launched(organizations, year).values("organization").distinct().count()


def satisfaction_means(surveys: QuerySet[Survey]) -> dict[str, float]:
    """The mean of the overall satisfaction mark (the question with the code «satisfaction»)
    of the submitted answers, per purpose (mentors' and mentees' satisfaction): one query."""
    rows = (
        Answer.objects.filter(
            question__code=SATISFACTION_CODE,
            response__submitted=True,
            response__survey__in=surveys.filter(questionnaire__kind__in=SATISFACTION_KINDS),
        )
        .values("response__survey__questionnaire__kind")
        .annotate(mean=Avg(Cast("value", FloatField())))
        .order_by()
    )
    return {
        r["response__survey__questionnaire__kind"]: round(r["mean"], 2)
        for r in rows
        if r["mean"] is not None
    }


@dataclass
class OrganizationRow:
    organization: Organization
    surveys: list[Survey]
    rate: selectors.Rate | None


def organization_rows(
    organizations: Sequence[Organization], year: AcademicYear
) -> list[OrganizationRow]:
    """One row per organization of a page: its launched surveys of the year (with invited and
    answered counts) and its response rate over them. Three queries for the whole page."""
    surveys = list(selectors.surveys(organizations, year).filter(launched_at__isnull=False))
    by_organization: dict[int, list[Survey]] = {o.pk: [] for o in organizations}
    for survey in surveys:
        by_organization[survey.organization_id].append(survey)
    rates = {
        organization.pk: rate
        for organization, rate in (
            selectors.rates_by_organization([s.pk for s in surveys]) if surveys else []
        )
    }
    return [
        OrganizationRow(o, by_organization.get(o.pk, []), rates.get(o.pk)) for o in organizations
    ]
