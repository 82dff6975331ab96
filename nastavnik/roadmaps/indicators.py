"""Indicators the system measures by itself, to which the expected results of the program are
linked (seed 002: a portfolio of every young teacher, attestation, publications, contests;
the retention of young teachers; satisfaction). Each is computed for an organization and an
academic year in one query."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization


@dataclass(frozen=True)
class Figure:
    """The measured value; `percent` tells how to show it and compare with a target."""

    value: float | None
    percent: bool
    detail: str = ""

    def shown(self) -> str:
        if self.value is None:
            return "—"
        number = formats.number_format(round(self.value, 1), 1 if self.value % 1 else 0)
        return f"{number}\u00a0%" if self.percent else str(number)

    def reached(self, target: Decimal | None) -> bool | None:
        if target is None or self.value is None:
            return None
        return self.value >= float(target)


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    percent: bool
    compute: Callable[[Organization, AcademicYear], Figure]


def _mentee_staff(organization: Organization, year: AcademicYear) -> Any:
    from nastavnik.banks.models import MenteeProfile

    return MenteeProfile.objects.filter(organization=organization, academic_year=year).exclude(
        status=MenteeProfile.Status.EXCLUDED
    )


def _share(part: int, whole: int) -> Figure:
    return Figure(100 * part / whole if whole else None, True, f"{part} / {whole}")


def _portfolio_every(organization: Organization, year: AcademicYear) -> Figure:
    counts = _mentee_staff(organization, year).aggregate(
        total=Count("staff", distinct=True),
        with_items=Count(
            "staff",
            distinct=True,
            filter=Q(
                staff__portfolio__date__gte=year.starts_on,
                staff__portfolio__date__lte=year.ends_on,
            ),
        ),
    )
    return _share(counts["with_items"], counts["total"])


def _portfolio_count(*kinds: str) -> Callable[[Organization, AcademicYear], Figure]:
    def compute(organization: Organization, year: AcademicYear) -> Figure:
        from nastavnik.mentorships.models import PortfolioItem

        count = PortfolioItem.objects.filter(
            staff__organization=organization,
            kind__in=kinds,
            date__gte=year.starts_on,
            date__lte=year.ends_on,
        ).count()
        return Figure(float(count), False)

    return compute


def _paired(organization: Organization, year: AcademicYear) -> Figure:
    from nastavnik.banks.models import MenteeProfile

    counts = _mentee_staff(organization, year).aggregate(
        total=Count("pk"),
        paired=Count(
            "pk",
            filter=Q(status__in=[MenteeProfile.Status.PAIRED, MenteeProfile.Status.COMPLETED]),
        ),
    )
    return _share(counts["paired"], counts["total"])


def _retention(organization: Organization, year: AcademicYear) -> Figure:
    """The mentees of the previous year who are still on the staff."""
    previous = AcademicYear.objects.filter(start_year=year.start_year - 1).first()
    if previous is None:
        return Figure(None, True)
    counts = _mentee_staff(organization, previous).aggregate(
        total=Count("staff", distinct=True),
        stayed=Count("staff", distinct=True, filter=Q(staff__is_active=True)),
    )
    return _share(counts["stayed"], counts["total"])


def _satisfaction(organization: Organization, year: AcademicYear) -> Figure:
    from nastavnik.surveys.models import Answer

    marks = [
        float(v)
        for v in Answer.objects.filter(
            response__survey__organization=organization,
            response__survey__academic_year=year,
            response__submitted=True,
            question__code="satisfaction",
            question__kind="scale10",
        ).values_list("value", flat=True)
        if isinstance(v, int | float)
    ]
    return Figure(statistics.fmean(marks) if marks else None, False, str(len(marks)))


def _meetings(organization: Organization, year: AcademicYear) -> Figure:
    from nastavnik.mentorships.models import Meeting

    count = Meeting.objects.filter(
        mentorship__organization=organization, mentorship__academic_year=year, held=True
    ).count()
    return Figure(float(count), False)


INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in [
        Indicator(
            "portfolio_every",
            _("share of mentees with a portfolio item this year, %"),
            True,
            _portfolio_every,
        ),
        Indicator(
            "publications",
            _("publications and methodological developments"),
            False,
            _portfolio_count("publication", "development"),
        ),
        Indicator("contests", _("contests and festivals"), False, _portfolio_count("contest")),
        Indicator(
            "open_lessons", _("open lessons of mentees"), False, _portfolio_count("open_lesson")
        ),
        Indicator("attestation", _("attestation results"), False, _portfolio_count("attestation")),
        Indicator(
            "courses", _("courses of professional development"), False, _portfolio_count("course")
        ),
        Indicator("paired", _("share of mentees in a pair or group, %"), True, _paired),
        Indicator(
            "retention",
            _("share of last year's mentees still on the staff, %"),
            True,
            _retention,
        ),
        Indicator(
            "satisfaction",
            _("satisfaction with the program in the surveys, of 10"),
            False,
            _satisfaction,
        ),
        Indicator("meetings", _("meetings of pairs and groups held"), False, _meetings),
    ]
}


def choices() -> list[tuple[str, Any]]:
    return [("", _("— not measured —"))] + [(i.code, i.label) for i in INDICATORS.values()]


def measure(
    organization: Organization, year: AcademicYear, codes: set[str] | None = None
) -> dict[str, Figure]:
    """The figures of the indicators (only those asked for)."""
    wanted = codes if codes is not None else set(INDICATORS)
    return {
        code: INDICATORS[code].compute(organization, year) for code in INDICATORS if code in wanted
    }
