"""What the system knows about an organization's year, for its analytical report, and the
status of the reports of a municipality's organizations. Each figure is a small aggregate
query; the lists above organizations take a fixed number of queries."""

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Municipality, Organization, Region
from nastavnik.reports.models import AnnualReport, ReportingDeadline, default_due

# --- the figures of an organization's year -------------------------------------------------


def _banks(organization: Organization, year: AcademicYear) -> dict[str, int]:
    from nastavnik.banks.models import MenteeProfile, MentorProfile

    mentors = (
        MentorProfile.objects.filter(organization=organization, academic_year=year)
        .exclude(status=MentorProfile.Status.EXCLUDED)
        .count()
    )
    status = MenteeProfile.Status
    mentees = (
        MenteeProfile.objects.filter(organization=organization, academic_year=year)
        .exclude(status=status.EXCLUDED)
        .aggregate(
            mentees=Count("pk"),
            young=Count("pk", filter=Q(category=MenteeProfile.Category.YOUNG)),
            paired=Count("pk", filter=Q(status__in=[status.PAIRED, status.COMPLETED])),
            waiting=Count("pk", filter=Q(status=status.WAITING)),  # as the monitoring counts
            support=Count("pk", filter=Q(status=status.SUPPORT)),
        )
    )
    return {"mentors": mentors, **mentees}


def _mentorships(organization: Organization, year: AcademicYear) -> dict[str, Any]:
    from nastavnik.mentorships.models import Mentorship

    rows = (
        Mentorship.objects.filter(organization=organization, academic_year=year)
        .values("form", "type", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_form: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    groups = 0
    for row in rows:
        by_form[row["form"]] += row["n"]
        by_status[row["status"]] += row["n"]
        if row["type"] == Mentorship.Type.GROUP:
            groups += row["n"]
    total = sum(by_form.values())
    return {
        "pairs": {
            "total": total,
            "pairs": total - groups,
            "groups": groups,
            "by_form": dict(sorted(by_form.items())),
        },
        "programs": {
            "forming": by_status[Mentorship.Status.FORMING],
            "active": by_status[Mentorship.Status.ACTIVE],
            "completed": by_status[Mentorship.Status.COMPLETED],
            "ended_early": by_status[Mentorship.Status.ENDED_EARLY],
        },
    }


def _meetings(organization: Organization, year: AcademicYear) -> dict[str, int]:
    from nastavnik.mentorships.models import Meeting, OrganizationEvent

    meetings = Meeting.objects.filter(
        mentorship__organization=organization, mentorship__academic_year=year
    ).aggregate(done=Count("pk", filter=Q(held=True)), todo=Count("pk", filter=Q(held=False)))
    events = OrganizationEvent.objects.filter(
        organization=organization, academic_year=year, held=True
    ).count()
    return {"held": meetings["done"], "planned": meetings["todo"], "events": events}


def _portfolio(organization: Organization, year: AcademicYear) -> dict[str, int]:
    from nastavnik.mentorships.models import PortfolioItem

    rows = (
        PortfolioItem.objects.filter(
            staff__organization=organization,
            date__gte=year.starts_on,
            date__lte=year.ends_on,
        )
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {kind: 0 for kind in PortfolioItem.Kind.values}
    for row in rows:
        counts[row["kind"]] = row["n"]
    counts["total"] = sum(counts.values())
    return counts


def _satisfaction(organization: Organization, year: AcademicYear) -> dict[str, Any]:
    """The mean mark (of 10) of the «satisfaction» question in the mentors' and the mentees'
    satisfaction surveys of the year."""
    from nastavnik.surveys.models import Answer

    marks: dict[str, list[float]] = defaultdict(list)
    for kind, value in Answer.objects.filter(
        response__survey__organization=organization,
        response__survey__academic_year=year,
        response__submitted=True,
        question__code="satisfaction",
        question__kind="scale10",
        response__survey__questionnaire__kind__in=["satisfaction_mentor", "satisfaction_mentee"],
    ).values_list("response__survey__questionnaire__kind", "value"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            marks[kind.removeprefix("satisfaction_")].append(float(value))

    def mean(values: list[float]) -> float | None:
        return round(statistics.fmean(values), 1) if values else None

    return {
        "mentor": mean(marks["mentor"]),
        "mentee": mean(marks["mentee"]),
        "answers": len(marks["mentor"]) + len(marks["mentee"]),
    }


def _flagged(organization: Organization, year: AcademicYear, today: datetime.date) -> dict:
    from nastavnik.mentorships.models import Mentorship
    from nastavnik.mentorships.selectors import with_flags

    active = Mentorship.objects.filter(
        organization=organization, academic_year=year, status=Mentorship.Status.ACTIVE
    )
    rows = with_flags(active, today)
    return {"active": len(rows), "flagged": sum(1 for r in rows if r["flags"])}


def figures(
    organization: Organization, year: AcademicYear, today: datetime.date | None = None
) -> dict[str, Any]:
    """The JSON-safe figures of the year, as frozen in the snapshot of a submitted report."""
    return {
        "banks": _banks(organization, year),
        **_mentorships(organization, year),
        "meetings": _meetings(organization, year),
        "portfolio": _portfolio(organization, year),
        "satisfaction": _satisfaction(organization, year),
        "flagged": _flagged(organization, year, today or timezone.localdate()),
    }


def expected_results(organization: Organization, year: AcademicYear) -> list[dict[str, Any]]:
    """The expected results of the year's program with the figure of the indicator each is
    linked to and whether its target is reached (JSON-safe)."""
    from nastavnik.roadmaps import indicators
    from nastavnik.roadmaps.models import ExpectedResult

    results = list(
        ExpectedResult.objects.filter(
            roadmap__organization=organization, roadmap__academic_year=year
        ).order_by("group", "order", "pk")
    )
    measured = indicators.measure(
        organization, year, {r.indicator for r in results if r.indicator in indicators.INDICATORS}
    )
    groups = [code for code, _label in ExpectedResult.Group.choices]
    results.sort(key=lambda r: (groups.index(r.group) if r.group in groups else 9, r.order, r.pk))
    rows = []
    for r in results:
        figure = measured.get(r.indicator)
        rows.append(
            {
                "group": r.group,
                "text": r.text,
                "indicator": r.indicator if figure else "",
                "value": figure.value if figure else None,
                "percent": figure.percent if figure else False,
                "detail": figure.detail if figure else "",
                "target": None if r.target is None else float(r.target),
                "reached": figure.reached(r.target) if figure else None,
            }
        )
    return rows


def snapshot(organization: Organization, year: AcademicYear) -> dict[str, Any]:
    return {
        "figures": figures(organization, year),
        "results": expected_results(organization, year),
        "taken_at": timezone.now().isoformat(),
    }


def data_of(
    report: AnnualReport | None, organization: Organization, year: AcademicYear
) -> dict[str, Any]:
    """The frozen figures of a submitted or accepted report, else the live ones."""
    if report is not None and report.is_frozen and report.snapshot:
        return report.snapshot
    return {
        "figures": figures(organization, year),
        "results": expected_results(organization, year),
        "taken_at": None,
    }


# --- figures shown to people ---------------------------------------------------------------


def number(value: float | None, percent: bool = False) -> str:
    """«83 %», «7,5», «—»."""
    from nastavnik.roadmaps.indicators import Figure

    return Figure(value, percent).shown().replace(" %", "\xa0%")


@dataclass(frozen=True)
class Row:
    label: str | Promise
    value: str
    code: str = ""


def _share(part: int, whole: int) -> str:
    return number(100 * part / whole if whole else None, True)


def sections(figures: dict[str, Any], organization: Organization) -> list[tuple[Any, list[Row]]]:
    """The groups of figures with their labels, in the order of the report."""
    from nastavnik.mentorships.models import PortfolioItem
    from nastavnik.roadmaps.selectors import form_label

    banks, pairs, programs = figures["banks"], figures["pairs"], figures["programs"]
    meetings, portfolio = figures["meetings"], figures["portfolio"]
    satisfaction, flagged = figures["satisfaction"], figures["flagged"]
    finished = programs["completed"] + programs["ended_early"]
    return [
        (
            _("Banks of mentors and mentees"),
            [
                Row(_("mentors in the bank"), str(banks["mentors"]), "mentors"),
                Row(_("mentees in the bank"), str(banks["mentees"]), "mentees"),
                Row(_("of them young specialists"), str(banks["young"]), "young"),
                Row(_("mentees in a pair or group"), str(banks["paired"]), "paired"),
                Row(
                    _("share of mentees in a pair or group"),
                    _share(banks["paired"], banks["mentees"]),
                    "paired_share",
                ),
                Row(_("mentees waiting for a mentor"), str(banks["waiting"]), "waiting"),
                Row(_("mentees on the support list"), str(banks["support"]), "support"),
            ],
        ),
        (
            _("Pairs and groups"),
            [
                Row(_("pairs and groups in all"), str(pairs["total"]), "total"),
                Row(_("of them pairs"), str(pairs["pairs"]), "pairs"),
                Row(_("of them groups"), str(pairs["groups"]), "groups"),
            ]
            + [
                Row(form_label(code, organization), str(n), f"form_{code}")
                for code, n in pairs["by_form"].items()
            ],
        ),
        (
            _("Programs"),
            [
                Row(
                    _("programs in progress"),
                    str(programs["active"] + programs["forming"]),
                    "active",
                ),
                Row(_("programs completed"), str(programs["completed"]), "completed"),
                Row(_("programs ended early"), str(programs["ended_early"]), "ended_early"),
                Row(
                    _("share completed of those finished"),
                    _share(programs["completed"], finished),
                    "completed_share",
                ),
            ],
        ),
        (
            _("Meetings and events"),
            [
                Row(_("meetings held"), str(meetings["held"]), "held"),
                Row(_("meetings planned, not held yet"), str(meetings["planned"]), "planned"),
                Row(_("events of the organization held"), str(meetings["events"]), "events"),
            ],
        ),
        (
            _("Portfolio of the participants"),
            [
                Row(label, str(portfolio.get(code, 0)), code)
                for code, label in PortfolioItem.Kind.choices
            ]
            + [Row(_("entries in all"), str(portfolio["total"]), "total")],
        ),
        (
            _("Satisfaction and formal pairs"),
            [
                Row(
                    _("satisfaction of the mentors, of 10"),
                    number(satisfaction["mentor"]),
                    "mentor",
                ),
                Row(
                    _("satisfaction of the mentees, of 10"),
                    number(satisfaction["mentee"]),
                    "mentee",
                ),
                Row(
                    _("answers to the satisfaction question"),
                    str(satisfaction["answers"]),
                    "answers",
                ),
                Row(_("active pairs and groups"), str(flagged["active"]), "active"),
                Row(_("of them flagged as formal"), str(flagged["flagged"]), "flagged"),
            ],
        ),
    ]


def result_rows(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The expected results with their indicator label and shown figure and target."""
    from nastavnik.roadmaps.indicators import INDICATORS
    from nastavnik.roadmaps.models import ExpectedResult

    groups = dict(ExpectedResult.Group.choices)
    rows = []
    for r in results:
        indicator = INDICATORS.get(r["indicator"])
        rows.append(
            {
                **r,
                "group_label": groups.get(r["group"], r["group"]),
                "indicator_label": indicator.label if indicator else "",
                "shown": number(r["value"], r["percent"]) if indicator else "",
                "target_shown": number(r["target"], r["percent"])
                if r["target"] is not None
                else "",
            }
        )
    return rows


def reached_count(results: list[dict[str, Any]]) -> tuple[int, int]:
    """(reached, measured with a target)."""
    judged = [r for r in results if r["reached"] is not None]
    return sum(1 for r in judged if r["reached"]), len(judged)


# --- deadlines and the lists above organizations -------------------------------------------


def deadline_for(municipality: Municipality, year: AcademicYear) -> datetime.date:
    found = {
        ("m" if d.municipality_id else "r"): d.due_on
        for d in ReportingDeadline.objects.filter(academic_year=year).filter(
            Q(municipality=municipality) | Q(region_id=municipality.region_id)
        )
    }
    return found.get("m") or found.get("r") or default_due(year)


def deadlines_in_region(region: Region, year: AcademicYear) -> tuple[datetime.date, dict]:
    """(the region's deadline, {municipality id: its own deadline}) in one query."""
    own: dict[int, datetime.date] = {}
    region_due = default_due(year)
    for d in ReportingDeadline.objects.filter(academic_year=year).filter(
        Q(municipality__region=region) | Q(region=region)
    ):
        if d.municipality_id:
            own[d.municipality_id] = d.due_on
        else:
            region_due = d.due_on
    return region_due, own


SUBMITTED = (AnnualReport.Status.SUBMITTED, AnnualReport.Status.ACCEPTED)


def is_late(report: AnnualReport | None, due: datetime.date, today: datetime.date) -> bool:
    """Not submitted (or returned and not submitted again) after the deadline."""
    if today <= due:
        return False
    return report is None or report.status not in SUBMITTED


def municipality_rows(
    organizations: QuerySet[Organization], year: AcademicYear, due: datetime.date
) -> list[dict[str, Any]]:
    """One row per organization with its report of the year (two queries for any number)."""
    today = timezone.localdate()
    organizations = organizations.order_by("short_name", "pk")
    reports = {
        r.organization_id: r
        for r in AnnualReport.objects.filter(
            organization__in=organizations, academic_year=year
        ).only("organization_id", "status", "submitted_at", "reviewed_at", "return_comment")
    }
    rows = []
    for organization in organizations:
        report = reports.get(organization.pk)
        rows.append(
            {
                "organization": organization,
                "report": report,
                "late": is_late(report, due, today),
                "submitted_late": bool(
                    report and report.submitted_at and timezone.localdate(report.submitted_at) > due
                ),
            }
        )
    return rows


def region_rows(
    municipalities: QuerySet[Municipality],
    year: AcademicYear,
    region_due: datetime.date,
    own: dict[int, datetime.date],
) -> list[dict[str, Any]]:
    """Counts per municipality: organizations, reports by status, late (three queries)."""
    today = timezone.localdate()
    municipalities = municipalities.order_by("name", "pk")
    organizations = dict(
        Organization.objects.filter(municipality__in=municipalities)
        .values_list("municipality")
        .annotate(n=Count("pk"))
        .order_by()
    )
    statuses: dict[int, Counter[str]] = defaultdict(Counter)
    for municipality_id, status, n in (
        AnnualReport.objects.filter(
            organization__municipality__in=municipalities, academic_year=year
        )
        .values_list("organization__municipality", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        statuses[municipality_id][status] = n
    rows = []
    for municipality in municipalities:
        counts = statuses[municipality.pk]
        total = organizations.get(municipality.pk, 0)
        due = own.get(municipality.pk, region_due)
        submitted = counts[AnnualReport.Status.SUBMITTED] + counts[AnnualReport.Status.ACCEPTED]
        rows.append(
            {
                "municipality": municipality,
                "due": due,
                "organizations": total,
                "draft": total - sum(counts.values()) + counts[AnnualReport.Status.DRAFT],
                "submitted": counts[AnnualReport.Status.SUBMITTED],
                "accepted": counts[AnnualReport.Status.ACCEPTED],
                "returned": counts[AnnualReport.Status.RETURNED],
                "late": total - submitted if today > due else 0,
            }
        )
    return rows
