"""The indicators of mentorship for a set of organizations and an academic year.

Every figure comes from a constant handful of aggregate queries grouped by organization
(`compute` makes about fifteen of them whatever the number of organizations), so the region's
dashboard over 1,500 schools costs the same number of queries as one school's page.
"""

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet
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
# The means whose raw values Figures.sums keeps (shares keep [part, whole] there).
MEAN_KEYS = ["satisfaction_mentor", "satisfaction_mentee", "growth"]

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
    # (The changes behind «growth» are exact fractions.)
    sums: dict[str, list[Any]] = field(default_factory=dict)

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


def _mean(values: list[Any]) -> float | None:
    """The mean to hundredths, halves away from zero, in exact arithmetic: the same whatever
    the order of the values (the databases return rows in no fixed order; a sum of floats in
    another order turned the growth of 51/40 into 1.27 on one database and 1.28 on another),
    and as counted by hand."""
    if not values:
        return None
    mean = sum((Fraction(v) for v in values), Fraction(0)) / len(values)
    hundredths = math.floor(abs(mean) * 100 + Fraction(1, 2))
    return math.copysign(hundredths / 100, mean) if hundredths else 0.0


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
    scope: QuerySet[Any] | None = None,
) -> dict[int, Figures]:
    """The figures of each organization (all in one region: `rules` are that region's).

    `scope`, if given, is a query of the keys of the same organizations (`.values("pk")`): the
    queries then filter by it as a subquery instead of repeating a list of 1,500 ids, which
    PostgreSQL would plan and the driver adapt in every query."""
    return compute_years(organization_ids, [year], rules=rules, today=today, scope=scope)[year.pk]


def compute_years(
    organization_ids: Iterable[int],
    years: list[AcademicYear],
    *,
    rules: BankSettings,
    today: datetime.date,
    scope: QuerySet[Any] | None = None,
) -> dict[int, dict[int, Figures]]:
    """`compute` for several years at once: {year pk: {organization pk: Figures}}. Most
    figures come from one query grouped by year as well, so a dashboard with this year and
    the last one costs 12 queries instead of 20."""
    ids = list(organization_ids)
    within: Any = ids if scope is None else scope
    years = list({y.pk: y for y in years}.values())
    out: dict[int, dict[int, Figures]] = {y.pk: {pk: Figures() for pk in ids} for y in years}
    if not ids or not years:
        return out
    day = {y.pk: reference_day(y, today) for y in years}
    raw: dict[int, dict[int, dict[str, Any]]] = {
        y.pk: {pk: defaultdict(int) for pk in ids} for y in years
    }

    # 1. The mentor bank.
    for row in (
        MentorProfile.objects.filter(organization_id__in=within, academic_year__in=years)
        .exclude(status=MentorProfile.Status.EXCLUDED)
        .order_by()  # no join for the model's ordering by the person's name
        .values("academic_year_id", "organization_id")
        .annotate(n=Count("id"))
    ):
        raw[row["academic_year_id"]][row["organization_id"]]["mentors"] = row["n"]

    # 2. The mentee bank by status.
    for row in (
        MenteeProfile.objects.filter(organization_id__in=within, academic_year__in=years)
        .order_by()
        .values("academic_year_id", "organization_id", "status")
        .annotate(n=Count("id"))
    ):
        r = raw[row["academic_year_id"]][row["organization_id"]]
        if row["status"] != MenteeProfile.Status.EXCLUDED:
            r["mentees"] += row["n"]
        if row["status"] == MenteeProfile.Status.WAITING:
            r["waiting"] += row["n"]
        if row["status"] == MenteeProfile.Status.SUPPORT:
            r["support"] += row["n"]

    # 3. Young specialists on the staff (on each year's day) and those of them in a pair or
    # group of that year. (An uncorrelated IN: the databases build it once instead of probing
    # per person.)
    young_counts: dict[str, Any] = {}
    any_young = Q(pk__in=[])
    for y in years:
        young = young_filter(rules, day[y.pk])
        any_young |= young
        in_pair = Mentorship.mentees.through.objects.filter(
            mentorship__academic_year=y, mentorship__organization_id__in=within
        ).values("staffmember_id")
        young_counts[f"young_{y.pk}"] = Count("id", filter=young)
        young_counts[f"with_mentor_{y.pk}"] = Count("id", filter=young & Q(pk__in=in_pair))
    for row in (
        StaffMember.objects.filter(
            organization_id__in=within, is_active=True, kind=PersonKind.STAFF
        )
        .filter(any_young)
        .order_by()
        .values("organization_id")
        .annotate(**young_counts)
    ):
        for y in years:
            r = raw[y.pk][row["organization_id"]]
            r["young"] = row[f"young_{y.pk}"]
            r["young_with_mentor"] = row[f"with_mentor_{y.pk}"]

    # 4. Pairs and groups by form, type and status; late = an overdue program activity;
    # flagged = active and no held meeting for longer than the region allows, or late.
    # Both are uncorrelated IN over the year's mentorships of these organizations: a correlated
    # EXISTS per mentorship made PostgreSQL estimate the query so dear that it JIT-compiled it
    # (1.5 s of 1.8 s at 15,000 pairs).
    formal_days = rules.formal_after_days or FORMAL_DAYS
    is_late = Q(pk__in=[])
    is_formal = Q(pk__in=[])
    for y in years:
        since = day[y.pk] - datetime.timedelta(days=formal_days)
        late = (
            ProgramActivity.objects.filter(
                status=ProgramActivity.Status.PLANNED,
                due_on__lt=day[y.pk],
                program__mentorship__academic_year=y,
                program__mentorship__organization_id__in=within,
            )
            .order_by()
            .values("program__mentorship_id")
        )
        recent = (
            Meeting.objects.filter(
                held=True,
                date__gte=since,
                mentorship__academic_year=y,
                mentorship__organization_id__in=within,
            )
            .order_by()
            .values("mentorship_id")
        )
        this_year = Q(academic_year=y)
        is_late |= this_year & Q(pk__in=late)
        is_formal |= this_year & (Q(pk__in=late) | (~Q(pk__in=recent) & Q(starts_on__lt=since)))
    for row in (
        Mentorship.objects.filter(organization_id__in=within, academic_year__in=years)
        .order_by()
        .values("academic_year_id", "organization_id", "form", "type", "status")
        .annotate(
            n=Count("id"),
            n_late=Count("id", filter=is_late),
            n_flagged=Count("id", filter=Q(status=Mentorship.Status.ACTIVE) & is_formal),
        )
    ):
        r = raw[row["academic_year_id"]][row["organization_id"]]
        f = out[row["academic_year_id"]][row["organization_id"]]
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
        Meeting.objects.filter(
            mentorship__organization_id__in=within, mentorship__academic_year__in=years
        )
        .order_by()
        .values("mentorship__academic_year_id", "mentorship__organization_id")
        .annotate(n=Count("id"), held=Count("id", filter=Q(held=True)))
    ):
        r = raw[row["mentorship__academic_year_id"]][row["mentorship__organization_id"]]
        r["meetings_planned"] = row["n"]
        r["meetings_held"] = row["held"]

    # 6. Satisfaction: the «satisfaction» scale of the mentors' and mentees' questionnaires.
    sums: dict[int, dict[int, dict[str, list[float]]]] = {
        y.pk: {pk: defaultdict(list) for pk in ids} for y in years
    }
    for year_id, org_id, kind, value in Answer.objects.filter(
        response__organization_id__in=within,
        response__survey__academic_year__in=years,
        response__submitted=True,
        question__code="satisfaction",
        question__kind=Question.Kind.SCALE10,
        question__questionnaire__kind__in=[
            Questionnaire.Kind.SATISFACTION_MENTOR,
            Questionnaire.Kind.SATISFACTION_MENTEE,
        ],
    ).values_list(
        "response__survey__academic_year_id",
        "response__organization_id",
        "question__questionnaire__kind",
        "value",
    ):
        number = _number(value)
        if number is not None:
            key = "satisfaction_mentor" if kind.endswith("mentor") else "satisfaction_mentee"
            sums[year_id][org_id][key].append(number)

    # 7. Growth: the mean of the scales in the latest «growth» run minus the earliest one,
    # questions matched by code or text (surveys.selectors.compare, per organization). One
    # query per year: the order of the rows decides the order of the sums of fractions.
    growth: dict[int, dict[int, dict[tuple[Any, int], dict[str, list[float]]]]] = {}
    for y in years:
        growth[y.pk] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        for org_id, survey_id, opens_on, code, text, value in Answer.objects.filter(
            response__organization_id__in=within,
            response__survey__academic_year=y,
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
                growth[y.pk][org_id][(opens_on, survey_id)][code or text].append(number)

    # 8. Retention: mentees of one and two years before still on the staff.
    for row in (
        MenteeProfile.objects.filter(
            organization_id__in=within,
            academic_year__start_year__in=sorted(
                {y.start_year - ago for y in years for ago in (1, 2)}
            ),
        )
        .order_by()
        .values("organization_id", "academic_year__start_year")
        .annotate(n=Count("id"), stayed=Count("id", filter=Q(staff__is_active=True)))
    ):
        for y in years:
            ago = y.start_year - row["academic_year__start_year"]
            if ago in (1, 2):
                r = raw[y.pk][row["organization_id"]]
                r[f"retention_{ago}_n"] = row["n"]
                r[f"retention_{ago}_stayed"] = row["stayed"]

    # 9. Portfolio outputs of each year by kind (attestation results among them).
    in_year = {
        f"n_{y.pk}": Count("id", filter=Q(date__gte=y.starts_on, date__lte=y.ends_on))
        for y in years
    }
    for row in (
        PortfolioItem.objects.filter(
            staff__organization_id__in=within,
            date__gte=min(y.starts_on for y in years),
            date__lte=max(y.ends_on for y in years),
        )
        .order_by()
        .values("staff__organization_id", "kind")
        .annotate(**in_year)
    ):
        for y in years:
            n = row[f"n_{y.pk}"]
            if not n:
                continue
            f = out[y.pk][row["staff__organization_id"]]
            r = raw[y.pk][row["staff__organization_id"]]
            f.portfolio_by_kind[row["kind"]] = n
            if row["kind"] == PortfolioItem.Kind.ATTESTATION:
                r["attestation"] += n
            else:
                r["portfolio"] += n

    # 10. Awards, from whichever app registers a counter.
    for counter in AWARD_COUNTERS:
        for y in years:
            for org_id, n in counter(ids, y).items():
                if org_id in raw[y.pk]:
                    raw[y.pk][org_id]["awards"] += n

    for y in years:
        for pk in ids:
            r, f, year_sums = raw[y.pk][pk], out[y.pk][pk], sums[y.pk][pk]
            for key in COUNT_KEYS:
                f.values[key] = r.get(key, 0)
            f.values["young_share"] = _share(r.get("young_with_mentor", 0), r.get("young", 0))
            for key in ("satisfaction_mentor", "satisfaction_mentee"):
                f.sums[key] = year_sums[key]
                f.values[key] = _mean(year_sums[key])
            f.values["growth"], f.sums["growth"] = _growth(growth[y.pk].get(pk))
            for ago in (1, 2):
                n, stayed = r.get(f"retention_{ago}_n", 0), r.get(f"retention_{ago}_stayed", 0)
                f.sums[f"retention_{ago}"] = [stayed, n]
                f.values[f"retention_{ago}"] = _share(stayed, n)
    return out


def _growth(
    runs: dict[tuple[Any, int], dict[str, list[float]]] | None,
) -> tuple[float | None, list[Fraction]]:
    """The mean change of the matched questions between the earliest and the latest run."""
    if not runs or len(runs) < 2:
        return None, []
    order = sorted(runs)
    before, after = runs[order[0]], runs[order[-1]]
    changes = [
        sum(map(Fraction, after[k]), Fraction(0)) / len(after[k])
        - sum(map(Fraction, before[k]), Fraction(0)) / len(before[k])
        for k in after
        if k in before and after[k] and before[k]
    ]
    return (_mean(changes), changes)


def total(figures: Iterable[Figures]) -> Figures:
    """The sum of counts; means and shares recomputed from their raw parts. The result keeps
    the raw parts too, so a total of totals (the region from its municipalities) is exact."""
    result = Figures()
    counts = dict.fromkeys(COUNT_KEYS, 0)
    parts: dict[str, list[Any]] = {key: [] for key in MEAN_KEYS}
    retention: dict[str, list[float]] = {"retention_1": [0, 0], "retention_2": [0, 0]}
    for f in figures:
        values = f.values
        for key in COUNT_KEYS:
            counts[key] += values.get(key) or 0
        for mapping, target in (
            (f.by_form, result.by_form),
            (f.by_type, result.by_type),
            (f.portfolio_by_kind, result.portfolio_by_kind),
        ):
            for k, n in mapping.items():
                target[k] = target.get(k, 0) + n
        sums = f.sums
        for key in MEAN_KEYS:
            if sums.get(key):
                parts[key].extend(sums[key])
        for key, pair in retention.items():
            kept, asked = sums.get(key, [0, 0])
            pair[0] += kept
            pair[1] += asked
    result.values.update(counts)
    result.values["young_share"] = _share(counts["young_with_mentor"], counts["young"])
    for key in MEAN_KEYS:
        result.sums[key] = parts[key]
        result.values[key] = _mean(parts[key])
    for key, (kept, asked) in retention.items():
        result.sums[key] = [kept, asked]
        result.values[key] = _share(int(kept), int(asked))
    return result


def previous_year(year: AcademicYear) -> AcademicYear | None:
    return AcademicYear.objects.filter(start_year=year.start_year - 1).first()


def form_label(value: str) -> str:
    return str(dict(MentorshipForm.choices).get(value, value))
