"""Reading surveys: lists in the user's scope, response rates, and the results of each question
(distribution, mean and median, texts, cross-tabulation by group or organization, the comparison
of two runs). Results are computed from a constant number of queries per survey."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from nastavnik.banks.models import Competency
from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember
from nastavnik.surveys.models import Answer, Invitation, Question, Response, Survey

# A cell of an anonymous survey with fewer answers than this is not shown apart.
MIN_GROUP = 3


def surveys(organizations: QuerySet[Organization] | Iterable[Organization], year: AcademicYear):
    """Surveys of the organizations in a year, annotated with invited and answered counts."""
    return (
        Survey.objects.filter(organization__in=organizations, academic_year=year)
        .select_related("organization", "questionnaire")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered_count=Count(
                "invitations", filter=Q(invitations__answered=True), distinct=True
            ),
        )
        .order_by("-opens_on", "-pk")
    )


@dataclass
class Rate:
    label: str
    invited: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


def rates(survey: Survey) -> tuple[Rate, list[Rate]]:
    """The response rate of the survey as a whole and by group of respondents."""
    rows = (
        Invitation.objects.filter(survey=survey)
        .values("group")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
        .order_by("group")
    )
    labels = dict(Invitation.Group.choices)
    groups = [Rate(str(labels[r["group"]]), r["invited"], r["answered"]) for r in rows]
    total = Rate("", sum(g.invited for g in groups), sum(g.answered for g in groups))
    return total, groups


def rates_by_organization(survey_ids: Sequence[int]) -> list[tuple[Organization, Rate]]:
    """The response rate of each organization over the given surveys (for methodologists)."""
    rows = (
        Invitation.objects.filter(survey_id__in=survey_ids)
        .values("survey__organization")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
    )
    orgs = Organization.objects.in_bulk([r["survey__organization"] for r in rows])
    result = [
        (orgs[r["survey__organization"]], Rate("", r["invited"], r["answered"])) for r in rows
    ]
    return sorted(result, key=lambda pair: pair[0].short_name)


@dataclass
class Bar:
    label: str
    count: int
    percent: int = 0


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    texts: list[str] = field(default_factory=list)
    # cross-tabulation: column label -> (count, mean or None, bars)
    columns: list[tuple[str, int, float | None]] = field(default_factory=list)

    @property
    def chart(self) -> dict[str, Any]:
        """The data of the chart (Chart.js) of this question."""
        return {
            "labels": [b.label for b in self.bars],
            "counts": [b.count for b in self.bars],
            "type": "pie" if self.question.kind == Question.Kind.SINGLE else "bar",
        }


def _bars(counter: Counter[str], order: Sequence[str], total: int) -> list[Bar]:
    labels = list(order) + [k for k in counter if k not in order]
    return [
        Bar(
            label, counter.get(label, 0), round(100 * counter.get(label, 0) / total) if total else 0
        )
        for label in labels
    ]


def _names(staff_ids: Iterable[int]) -> dict[int, str]:
    return {
        p.pk: p.full_name
        for p in StaffMember.objects.filter(pk__in=set(staff_ids)).only(
            "last_name", "first_name", "patronymic"
        )
    }


def _question_result(
    question: Question,
    values: list[Any],
    *,
    people: dict[int, str],
    competencies: dict[int, str],
) -> QuestionResult:
    result = QuestionResult(question=question, answered=len(values))
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        result.bars = _bars(Counter(str(v) for v in values), question.options, len(values))
    elif kind == Question.Kind.MULTIPLE:
        result.bars = _bars(
            Counter(str(v) for vs in values for v in vs), question.options, len(values)
        )
    elif kind in (Question.Kind.SCALE5, Question.Kind.SCALE10):
        numbers = [float(v) for v in values]
        marks = [str(i) for i in range(1, question.scale_max + 1)]
        result.bars = _bars(Counter(str(int(v)) for v in numbers), marks, len(values))
        if numbers:
            result.mean = round(statistics.fmean(numbers), 2)
            result.median = statistics.median(numbers)
    elif kind == Question.Kind.NUMBER:
        numbers = [float(v) for v in values]
        result.bars = _bars(Counter(_format_number(v) for v in sorted(numbers)), [], len(values))
        if numbers:
            result.mean = round(statistics.fmean(numbers), 2)
            result.median = statistics.median(numbers)
    elif kind == Question.Kind.PEOPLE:
        # Ranked choices: the first counts 3 points, the second 2, the third 1.
        points: Counter[str] = Counter()
        for ranked in values:
            for rank, person in enumerate(ranked[:3]):
                points[people.get(person, "—")] += 3 - rank
        result.bars = [Bar(k, v) for k, v in points.most_common()]
    elif kind == Question.Kind.COMPETENCIES:
        counter = Counter(competencies.get(i, "—") for vs in values for i in vs)
        result.bars = [
            Bar(k, v, round(100 * v / len(values)) if values else 0)
            for k, v in counter.most_common()
        ]
    elif kind == Question.Kind.DATE:
        result.texts = sorted(_format_date(v) for v in values)
    else:
        result.texts = [str(v) for v in values if str(v).strip()]
    return result


def _format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _format_date(value: str) -> str:
    year, month, day = value.split("-")
    return f"{day}.{month}.{year}"


def _load(responses: QuerySet[Response]) -> list[tuple[Response, dict[int, Any]]]:
    answers: dict[Any, dict[int, Any]] = defaultdict(dict)
    items = list(responses.filter(submitted=True).select_related("organization"))
    for answer in Answer.objects.filter(response__in=[r.pk for r in items]).only(
        "response_id", "question_id", "value"
    ):
        answers[answer.response_id][answer.question_id] = answer.value
    return [(r, answers[r.pk]) for r in items]


def results(
    survey: Survey,
    *,
    split: str = "",
    responses: QuerySet[Response] | None = None,
) -> list[QuestionResult]:
    """The result of every question of the survey. `split` = "group" or "organization" adds the
    cross-tabulation; for an anonymous survey a column with fewer than MIN_GROUP answers is
    merged into «others» so that a small group cannot be recognized."""
    questions = list(survey.questionnaire.questions.select_related("section"))
    loaded = _load(responses if responses is not None else survey.responses.all())
    people_ids = [
        i
        for _r, values in loaded
        for q in questions
        if q.kind == Question.Kind.PEOPLE
        for i in values.get(q.pk, [])
    ]
    people = _names(people_ids)
    competencies = dict(
        Competency.objects.filter(region_id=survey.organization.municipality.region_id).values_list(
            "pk", "name"
        )
    )
    out = []
    group_labels = dict(Invitation.Group.choices)
    for question in questions:
        values = [v[question.pk] for _r, v in loaded if question.pk in v]
        result = _question_result(question, values, people=people, competencies=competencies)
        if split in ("group", "organization"):
            columns: dict[str, list[Any]] = defaultdict(list)
            for response, v in loaded:
                if question.pk not in v:
                    continue
                label = (
                    str(group_labels[response.group])
                    if split == "group"
                    else response.organization.short_name
                )
                columns[label].append(v[question.pk])
            result.columns = _columns(question, columns, anonymous=survey.anonymous)
        out.append(result)
    return out


def _columns(
    question: Question, columns: dict[str, list[Any]], *, anonymous: bool
) -> list[tuple[str, int, float | None]]:
    if anonymous:
        small = [k for k, v in columns.items() if len(v) < MIN_GROUP]
        if small:
            merged = [x for k in small for x in columns.pop(k)]
            if merged:
                columns["—"] = merged
    out = []
    for label, values in sorted(columns.items()):
        mean = None
        if question.is_scale or question.kind == Question.Kind.NUMBER:
            mean = round(statistics.fmean(float(v) for v in values), 2)
        out.append((label, len(values), mean))
    return out


@dataclass
class Comparison:
    text: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)


def compare(before: Survey, after: Survey) -> list[Comparison]:
    """Compare the means of the scale and number questions of two runs, matching questions by
    code or by their text (the «before» and «after» self-assessment on the same list)."""
    first = {r.question.code or r.question.text: r for r in results(before)}
    second = results(after)
    out = []
    for r in second:
        if not (r.question.is_scale or r.question.kind == Question.Kind.NUMBER):
            continue
        key = r.question.code or r.question.text
        other = first.get(key)
        out.append(Comparison(r.question.text, other.mean if other else None, r.mean))
    return out


def identified_rows(survey: Survey) -> list[tuple[StaffMember | None, Response, dict[int, Any]]]:
    """The raw answers, one row per submitted response, with the respondent for an identified
    survey (None for an anonymous one)."""
    loaded = _load(survey.responses.select_related("invitation__staff"))
    rows = []
    for response, values in loaded:
        staff = response.invitation.staff if response.invitation is not None else None
        rows.append((staff, response, values))
    rows.sort(key=lambda row: row[0].full_name if row[0] else "")
    return rows


# Kinds of questionnaire whose scales measure how a pair or group works.
SATISFACTION_KINDS = ("interim", "satisfaction_mentor", "satisfaction_mentee")
LOW_SATISFACTION = 50  # of 100: below it a mentorship is flagged


@dataclass(frozen=True)
class Satisfaction:
    """The satisfaction of a mentorship's people in their latest identified survey, 0..100."""

    value: int
    survey_title: str
    opens_on: Any

    @property
    def low(self) -> bool:
        return self.value < LOW_SATISFACTION


def satisfaction(mentorships: Sequence[Any]) -> dict[int, Satisfaction]:
    """Per mentorship (with `mentees` prefetched): the mean of the scale answers of its mentor
    and mentees in the latest identified interim or satisfaction survey they answered, each
    mark brought to 0..100. Anonymous surveys cannot say anything about a pair, by design.
    One query for any number of mentorships."""
    people: dict[int, set[int]] = {}
    for m in mentorships:
        people[m.pk] = {m.mentor_id, *(p.pk for p in m.mentees.all())}
    everyone = set().union(*people.values()) if people else set()
    if not everyone:
        return {}
    rows = Answer.objects.filter(
        response__invitation__staff_id__in=everyone,
        response__submitted=True,
        response__survey__anonymous=False,
        response__survey__questionnaire__kind__in=SATISFACTION_KINDS,
        question__kind__in=[Question.Kind.SCALE5, Question.Kind.SCALE10],
    ).values_list(
        "response__invitation__staff_id",
        "response__survey_id",
        "response__survey__opens_on",
        "response__survey__title",
        "question__kind",
        "value",
    )
    # survey -> (opens_on, title, {staff: [marks 0..100]})
    surveys_seen: dict[int, tuple[Any, str, dict[int, list[float]]]] = {}
    for staff, survey_id, opens_on, title, kind, value in rows:
        top = 10 if kind == Question.Kind.SCALE10 else 5
        entry = surveys_seen.setdefault(survey_id, (opens_on, title, defaultdict(list)))
        entry[2][staff].append(100 * (float(value) - 1) / (top - 1))
    ordered = sorted(surveys_seen.items(), key=lambda item: (item[1][0], item[0]), reverse=True)
    result: dict[int, Satisfaction] = {}
    for mentorship_id, members in people.items():
        for _survey_id, (opens_on, title, marks) in ordered:
            found = [mark for person in members for mark in marks.get(person, [])]
            if found:
                result[mentorship_id] = Satisfaction(
                    round(statistics.fmean(found)), title, opens_on
                )
                break
    return result
