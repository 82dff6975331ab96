"""The indicators of mentorship for a set of organizations and an academic year.

Every figure comes from a constant handful of aggregate queries grouped by organization
(`compute` makes about fifteen of them whatever the number of organizations), so the region's
dashboard over 1,500 schools costs the same number of queries as one school's page.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from nastavnik.banks.models import BankSettings, MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.mentorships.models import Meeting, Mentorship, PortfolioItem, ProgramActivity
from nastavnik.mentorships.services import FORMAL_DAYS
from nastavnik.staff.models import PersonKind, StaffMember
from nastavnik.surveys.models import Answer, Question, Questionnaire


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Any
    unit: str = "count"  # count | percent | mean | change
    group: Any = ""


BANKS = _("Banks")
PAIRS = _("Pairs and groups")
PROGRAMS = _("Programs and meetings")
SURVEYS = _("Surveys")
RESULTS = _("Results")

# The indicators in the order of the dashboards and the XLSX report.
INDICATORS: list[Indicator] = [
    Indicator("mentors", _("Mentors in the bank"), group=BANKS),
    Indicator("mentees", _("Mentees in the bank"), group=BANKS),
    Indicator("waiting", _("Mentees waiting for a mentor"), group=BANKS),
    Indicator("support", _("Mentees on the support list"), group=BANKS),
    Indicator("young", _("Young specialists on the staff"), group=BANKS),
    Indicator("young_with_mentor", _("Young specialists with a mentor"), group=BANKS),
    Indicator("young_share", _("Share of young specialists with a mentor"), "percent", BANKS),
    Indicator("mentorships", _("Pairs and groups, all"), group=PAIRS),
    Indicator("pairs", _("Individual pairs"), group=PAIRS),
    Indicator("groups", _("Groups"), group=PAIRS),
    Indicator("flagged", _("Formal pairs and groups"), group=PAIRS),
    Indicator("on_time", _("Programs on time"), group=PROGRAMS),
    Indicator("late", _("Programs with overdue activities"), group=PROGRAMS),
    Indicator("completed", _("Programs completed"), group=PROGRAMS),
    Indicator("ended_early", _("Programs ended early"), group=PROGRAMS),
    Indicator("meetings_held", _("Meetings held"), group=PROGRAMS),
    Indicator("meetings_planned", _("Meetings planned"), group=PROGRAMS),
    Indicator("satisfaction_mentor", _("Satisfaction of mentors, of 10"), "mean", SURVEYS),
    Indicator("satisfaction_mentee", _("Satisfaction of mentees, of 10"), "mean", SURVEYS),
    Indicator("growth", _("Professional growth, change of the self-assessment"), "change", SURVEYS),
    Indicator("retention_1", _("Mentees of last year still on the staff"), "percent", RESULTS),
    Indicator("retention_2", _("Mentees of two years ago still on the staff"), "percent", RESULTS),
    Indicator("portfolio", _("Portfolio outputs"), group=RESULTS),
    Indicator("attestation", _("Attestation results"), group=RESULTS),
    Indicator("awards", _("Awards"), group=RESULTS),
]
BY_KEY = {i.key: i for i in INDICATORS}
COUNT_KEYS = [i.key for i in INDICATORS if i.unit == "count"]

# Awards live in another app; it registers a counter here: f(organization_ids, year) ->
# {organization_id: number}. Without one the awards are 0.
AwardCounter = Callable[[list[int], AcademicYear], dict[int, int]]
AWARD_COUNTERS: list[AwardCounter] = []


def register_award_counter(counter: AwardCounter) -> AwardCounter:
    if counter not in AWARD_COUNTERS:
        AWARD_COUNTERS.append(counter)
    return counter


@dataclass
class Figures:
    """The figures of one organization (or of the total) for one year."""

    values: dict[str, Any] = field(default_factory=dict)
    by_form: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    portfolio_by_kind: dict[str, int] = field(default_factory=dict)
    # The raw sums behind the means and shares, so that totals are exact.
    sums: dict[str, list[float]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


def reference_day(year: AcademicYear, today: datetime.date) -> datetime.date:
    """The day on which «young» and «overdue» are judged: today, or the year's last day."""
    return min(today, year.ends_on)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def young_filter(rules: BankSettings, day: datetime.date) -> Q:
    """banks.selectors.badges(...).young as a query filter: younger than the age limit and at
    most so many years of experience on `day` (the experience grows from its «as of» date)."""
    age = Q(birth_date__gt=_years_before(day, rules.young_max_age))
    experience = Q(pk__in=[])
    for years in range(rules.young_max_experience + 1):
        room = rules.young_max_experience - years  # whole years the experience may still grow
        experience |= Q(experience_years=years) & (
            Q(experience_as_of__isnull=True) | Q(experience_as_of__gt=_years_before(day, room + 1))
        )
    return age & experience


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _number(value: Any) -> float | None:
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def compute(
    organization_ids: Iterable[int],
    year: AcademicYear,
    *,
    rules: BankSettings,
    today: datetime.date,
) -> dict[int, Figures]:
    """The figures of each organization (all in one region: `rules` are that region's)."""
    ids = list(organization_ids)
    out: dict[int, Figures] = {pk: Figures() for pk in ids}
    if not ids:
        return out
    day = reference_day(year, today)
    raw: dict[int, dict[str, Any]] = {pk: defaultdict(int) for pk in ids}

    # 1. The mentor bank.
    for row in (
        MentorProfile.objects.filter(organization_id__in=ids, academic_year=year)
        .exclude(status=MentorProfile.Status.EXCLUDED)
        .values("organization_id")
        .annotate(n=Count("id"))
    ):
        raw[row["organization_id"]]["mentors"] = row["n"]

    # 2. The mentee bank by status.
    for row in (
        MenteeProfile.objects.filter(organization_id__in=ids, academic_year=year)
        .values("organization_id", "status")
        .annotate(n=Count("id"))
    ):
        r = raw[row["organization_id"]]
        if row["status"] != MenteeProfile.Status.EXCLUDED:
            r["mentees"] += row["n"]
        if row["status"] == MenteeProfile.Status.WAITING:
            r["waiting"] += row["n"]
        if row["status"] == MenteeProfile.Status.SUPPORT:
            r["support"] += row["n"]

    # 3. Young specialists on the staff and those of them in a pair or group of the year.
    # (An uncorrelated IN: the databases build it once instead of probing per person.)
    in_pair = Mentorship.mentees.through.objects.filter(
        mentorship__academic_year=year, mentorship__organization_id__in=ids
    ).values("staffmember_id")
    for row in (
        StaffMember.objects.filter(organization_id__in=ids, is_active=True, kind=PersonKind.STAFF)
        .filter(young_filter(rules, day))
        .values("organization_id")
        .annotate(n=Count("id"), with_mentor=Count("id", filter=Q(pk__in=in_pair)))
    ):
        r = raw[row["organization_id"]]
        r["young"] = row["n"]
        r["young_with_mentor"] = row["with_mentor"]

    # 4. Pairs and groups by form, type and status; late = an overdue program activity;
    # flagged = active and no held meeting for longer than the region allows, or late.
    formal_days = rules.formal_after_days or FORMAL_DAYS
    since = day - datetime.timedelta(days=formal_days)
    late = ProgramActivity.objects.filter(
        program__mentorship=OuterRef("pk"),
        status=ProgramActivity.Status.PLANNED,
        due_on__lt=day,
    )
    recent = Meeting.objects.filter(mentorship=OuterRef("pk"), held=True, date__gte=since)
    for row in (
        Mentorship.objects.filter(organization_id__in=ids, academic_year=year)
        .annotate(late=Exists(late), recent=Exists(recent))
        .values("organization_id", "form", "type", "status")
        .annotate(
            n=Count("id"),
            n_late=Count("id", filter=Q(late=True)),
            n_flagged=Count(
                "id",
                filter=Q(status=Mentorship.Status.ACTIVE)
                & (Q(late=True) | (Q(recent=False) & Q(starts_on__lt=since))),
            ),
        )
    ):
        r = raw[row["organization_id"]]
        f = out[row["organization_id"]]
        n = row["n"]
        r["mentorships"] += n
        f.by_form[row["form"]] = f.by_form.get(row["form"], 0) + n
        f.by_type[row["type"]] = f.by_type.get(row["type"], 0) + n
        if row["type"] == Mentorship.Type.GROUP:
            r["groups"] += n
        else:
            r["pairs"] += n
        r["flagged"] += row["n_flagged"]
        if row["status"] in (Mentorship.Status.ACTIVE, Mentorship.Status.FORMING):
            r["late"] += row["n_late"]
            r["on_time"] += n - row["n_late"]
        elif row["status"] == Mentorship.Status.COMPLETED:
            r["completed"] += n
        elif row["status"] == Mentorship.Status.ENDED_EARLY:
            r["ended_early"] += n

    # 5. Meetings: held against all that were planned.
    for row in (
        Meeting.objects.filter(mentorship__organization_id__in=ids, mentorship__academic_year=year)
        .values("mentorship__organization_id")
        .annotate(n=Count("id"), held=Count("id", filter=Q(held=True)))
    ):
        r = raw[row["mentorship__organization_id"]]
        r["meetings_planned"] = row["n"]
        r["meetings_held"] = row["held"]

    # 6. Satisfaction: the «satisfaction» scale of the mentors' and mentees' questionnaires.
    sums: dict[int, dict[str, list[float]]] = {pk: defaultdict(list) for pk in ids}
    for org_id, kind, value in Answer.objects.filter(
        response__organization_id__in=ids,
        response__survey__academic_year=year,
        response__submitted=True,
        question__code="satisfaction",
        question__kind=Question.Kind.SCALE10,
        question__questionnaire__kind__in=[
            Questionnaire.Kind.SATISFACTION_MENTOR,
            Questionnaire.Kind.SATISFACTION_MENTEE,
        ],
    ).values_list("response__organization_id", "question__questionnaire__kind", "value"):
        number = _number(value)
        if number is not None:
            key = "satisfaction_mentor" if kind.endswith("mentor") else "satisfaction_mentee"
            sums[org_id][key].append(number)

    # 7. Growth: the mean of the scales in the latest «growth» run minus the earliest one,
    # questions matched by code or text (surveys.selectors.compare, per organization).
    growth: dict[int, dict[tuple[Any, int], dict[str, list[float]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for org_id, survey_id, opens_on, code, text, value in Answer.objects.filter(
        response__organization_id__in=ids,
        response__survey__academic_year=year,
        response__submitted=True,
        question__kind__in=[Question.Kind.SCALE5, Question.Kind.SCALE10],
        question__questionnaire__kind=Questionnaire.Kind.GROWTH,
    ).values_list(
        "response__organization_id",
        "response__survey_id",
        "response__survey__opens_on",
        "question__code",
        "question__text",
        "value",
    ):
        number = _number(value)
        if number is not None:
            growth[org_id][(opens_on, survey_id)][code or text].append(number)

    # 8. Retention: mentees of one and two years before still on the staff.
    for row in (
        MenteeProfile.objects.filter(
            organization_id__in=ids,
            academic_year__start_year__in=[year.start_year - 1, year.start_year - 2],
        )
        .values("organization_id", "academic_year__start_year")
        .annotate(n=Count("id"), stayed=Count("id", filter=Q(staff__is_active=True)))
    ):
        ago = year.start_year - row["academic_year__start_year"]
        r = raw[row["organization_id"]]
        r[f"retention_{ago}_n"] = row["n"]
        r[f"retention_{ago}_stayed"] = row["stayed"]

    # 9. Portfolio outputs of the year by kind (attestation results among them).
    for row in (
        PortfolioItem.objects.filter(
            staff__organization_id__in=ids, date__gte=year.starts_on, date__lte=year.ends_on
        )
        .values("staff__organization_id", "kind")
        .annotate(n=Count("id"))
    ):
        f = out[row["staff__organization_id"]]
        r = raw[row["staff__organization_id"]]
        f.portfolio_by_kind[row["kind"]] = row["n"]
        if row["kind"] == PortfolioItem.Kind.ATTESTATION:
            r["attestation"] += row["n"]
        else:
            r["portfolio"] += row["n"]

    # 10. Awards, from whichever app registers a counter.
    for counter in AWARD_COUNTERS:
        for org_id, n in counter(ids, year).items():
            if org_id in raw:
                raw[org_id]["awards"] += n

    for pk in ids:
        r, f = raw[pk], out[pk]
        for key in COUNT_KEYS:
            f.values[key] = r.get(key, 0)
        f.values["young_share"] = _share(r.get("young_with_mentor", 0), r.get("young", 0))
        for key in ("satisfaction_mentor", "satisfaction_mentee"):
            f.sums[key] = sums[pk][key]
            f.values[key] = _mean(sums[pk][key])
        f.values["growth"], f.sums["growth"] = _growth(growth.get(pk))
        for ago in (1, 2):
            n, stayed = r.get(f"retention_{ago}_n", 0), r.get(f"retention_{ago}_stayed", 0)
            f.sums[f"retention_{ago}"] = [stayed, n]
            f.values[f"retention_{ago}"] = _share(stayed, n)
    return out


def _growth(
    runs: dict[tuple[Any, int], dict[str, list[float]]] | None,
) -> tuple[float | None, list[float]]:
    """The mean change of the matched questions between the earliest and the latest run."""
    if not runs or len(runs) < 2:
        return None, []
    order = sorted(runs)
    before, after = runs[order[0]], runs[order[-1]]
    changes = [
        sum(after[k]) / len(after[k]) - sum(before[k]) / len(before[k])
        for k in after
        if k in before and after[k] and before[k]
    ]
    return (_mean(changes), changes)


def total(figures: Iterable[Figures]) -> Figures:
    """The sum of counts; means and shares recomputed from their raw parts."""
    result = Figures()
    parts: dict[str, list[float]] = defaultdict(list)
    retention: dict[str, list[float]] = {"retention_1": [0, 0], "retention_2": [0, 0]}
    for f in figures:
        for key in COUNT_KEYS:
            result.values[key] = result.values.get(key, 0) + (f.values.get(key) or 0)
        for mapping, target in (
            (f.by_form, result.by_form),
            (f.by_type, result.by_type),
            (f.portfolio_by_kind, result.portfolio_by_kind),
        ):
            for k, n in mapping.items():
                target[k] = target.get(k, 0) + n
        for key in ("satisfaction_mentor", "satisfaction_mentee", "growth"):
            parts[key].extend(f.sums.get(key, []))
        for key, pair in retention.items():
            kept, asked = f.sums.get(key, [0, 0])
            pair[0] += kept
            pair[1] += asked
    for key in COUNT_KEYS:
        result.values.setdefault(key, 0)
    result.values["young_share"] = _share(
        result.values["young_with_mentor"], result.values["young"]
    )
    for key in ("satisfaction_mentor", "satisfaction_mentee", "growth"):
        result.values[key] = _mean(parts[key])
    for key, (kept, asked) in retention.items():
        result.values[key] = _share(int(kept), int(asked))
    return result


def previous_year(year: AcademicYear) -> AcademicYear | None:
    return AcademicYear.objects.filter(start_year=year.start_year - 1).first()


def form_label(value: str) -> str:
    return str(dict(MentorshipForm.choices).get(value, value))
