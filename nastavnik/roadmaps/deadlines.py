"""Deadlines of roadmap activities as the schools write them, parsed into a structure, rendered
back in canonical Russian, and resolved against an academic year.

The texts come from real roadmaps («Ежегодно, до 1 октября», «Сентябрь – октябрь 2023»,
«1 раз в квартал», «Постоянно» …). Month names and the canonical wordings below are Russian
*data*: the rendered text is part of a Russian document (the roadmap itself), so it is not
translated through gettext.

Decisions (documented here because the seeds leave them open):

* An academic year runs from 1 September of ``start_year`` to 31 August of ``start_year + 1``.
  A day or a month written without a year falls into the calendar year inside the academic year:
  September–December → ``start_year``, January–August → ``start_year + 1``.
* Explicit years are respected even when they lie outside the academic year (seed 003 writes
  «Апрель 2023» in a plan approved in September 2023: the due date is 30.04.2023).
* A year written once after a range of months is the year in which the range *starts*;
  a range that crosses the new year ends in the following year: «Ноябрь-февраль 2023» is
  November 2023 – February 2024 (seed 003 runs from September 2023).
* «Ежегодно» without a day is due at the end of the school year, 31 May of ``start_year + 1``
  (the seeds close the year «до 1 июня»), not at the end of the academic year (31 August).
* Periods (``next_occurrence``) are periods of the academic year: quarters end on 30 November,
  the last day of February, 31 May and 31 August; half-years on 31 December and 31 May; a year
  on 31 May; months on their last day; weeks on Sunday (the last, partial week on 31 August).
* ``Deadline.text`` keeps the original wording but takes no part in equality, so that
  ``parse_deadline(render_deadline(d)) == d`` holds for every kind even though rendering
  canonicalizes the text («Сентябрь-октябрь 2023» → «Сентябрь – октябрь 2023»).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTHS_PREPOSITIONAL = (
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
)

# Canonical wordings of the periodic deadlines.
PERIOD_TEXTS = {
    1: "1 раз в месяц",
    3: "1 раз в квартал",
    6: "1 раз в полугодие",
    12: "1 раз в год",
}
WEEKLY_TEXT = "1 раз в неделю"
YEARLY_TEXT = "Ежегодно"
DEFAULT_ONGOING_TEXT = "Постоянно"

FIRST_MONTH = 9  # the academic year starts on 1 September
SCHOOL_YEAR_END = (5, 31)  # the school year ends on 31 May


class Kind(StrEnum):
    DATE = "date"
    MONTHS = "months"
    YEARLY = "yearly"
    PERIODIC = "periodic"
    ONGOING = "ongoing"
    FREE = "free"


@dataclass(frozen=True)
class Deadline:
    kind: Kind
    # The original text with spaces normalized. Not compared: see the module docstring.
    text: str = field(default="", compare=False)
    day: int | None = None
    month: int | None = None
    year: int | None = None  # explicit calendar year, if written
    month_to: int | None = None  # the last month of a range
    year_to: int | None = None  # explicit calendar year of the last month, if written
    period_months: int | None = None  # 1, 3, 6 or 12
    period_days: int | None = None  # 7

    def __post_init__(self) -> None:
        # A range with only the end year written has a known start year as well.
        if (
            self.year is None
            and self.year_to is not None
            and self.month is not None
            and self.month_to is not None
        ):
            start = self.year_to - 1 if self.month_to < self.month else self.year_to
            object.__setattr__(self, "year", start)


# --- parsing --------------------------------------------------------------------------------

_MONTH_NUMBERS: dict[str, int] = {}
for _forms in (MONTHS_NOMINATIVE, MONTHS_GENITIVE, MONTHS_PREPOSITIONAL):
    for _number, _name in enumerate(_forms, start=1):
        _MONTH_NUMBERS[_name] = _number
_MONTH = "(" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + ")"
_DAY_MONTH_NAMES = "(" + "|".join(MONTHS_GENITIVE + MONTHS_NOMINATIVE) + ")"

_DASHES = re.compile(r"\s*[-‐‑‒–—―−]\s*")
_YEAR_SUFFIX = re.compile(r"(\d{4})\s*(?:гг|г|года|год)\b\.?")
_PREFIX = re.compile(r"^(?:до|к|не позднее|не позже)\s+")

_NUMERIC_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?$")
_WORD_DATE = re.compile(r"^(\d{1,2})(?:-?го)?\s+" + _DAY_MONTH_NAMES + r"(?:\s+(\d{4}))?$")
_MONTH_ONE = re.compile(r"^(?:в\s+)?" + _MONTH + r"(?:\s+(\d{4}))?$")
_MONTH_RANGE = re.compile(
    r"^(?:в\s+)?" + _MONTH + r"(?:\s+(\d{4}))?-(?:в\s+)?" + _MONTH + r"(?:\s+(\d{4}))?$"
)
_MONTH_FROM_TO = re.compile(
    r"^с\s+" + _MONTH + r"(?:\s+(\d{4}))?\s+по\s+" + _MONTH + r"(?:\s+(\d{4}))?$"
)
_YEARLY = re.compile(r"^ежегодно(?:[\s,;:.-]+(.*))?$")

_PERIODIC: tuple[tuple[re.Pattern[str], int | None, int | None], ...] = (
    (re.compile(r"^(?:(?:1|один)\s+)?раз\s+в\s+месяц$|^ежемесячно$"), 1, None),
    (re.compile(r"^(?:(?:1|один)\s+)?раз\s+в\s+квартал$|^ежеквартально$"), 3, None),
    (
        re.compile(r"^(?:(?:1|один)\s+)?раз\s+в\s+(?:полугодие|полгода|пол\s+года)$"),
        6,
        None,
    ),
    (re.compile(r"^(?:(?:1|один)\s+)?раз\s+в\s+год$"), 12, None),
    (re.compile(r"^(?:(?:1|один)\s+)?раз\s+в\s+неделю$|^еженедельно$"), None, 7),
)
_ONGOING = re.compile(
    r"^(?:постоянно"
    r"|на всех этапах"
    r"|в течение(?: всего)?(?: учебного)? года"
    r"|в течение(?: всего)? периода(?: реализации(?: программы)?)?"
    r"|весь период)$"
)


def _normalize_spaces(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _canonical(text: str) -> str:
    """Lower case, «ё» → «е», one kind of dash without spaces, no trailing «г.»/«года»."""
    s = _normalize_spaces(text).lower().replace("ё", "е")
    s = _DASHES.sub("-", s)
    s = _YEAR_SUFFIX.sub(r"\1", s)
    return s.strip(" .,;:")


def _year(value: str | None) -> int | None:
    if not value:
        return None
    number = int(value)
    return 2000 + number if number < 100 else number


def _valid_day(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    # Without a year, 29 February is allowed (it is clamped when resolved).
    return 1 <= day <= calendar.monthrange(year if year else 2000, month)[1]


def _day_month(s: str) -> tuple[int, int, int | None] | None:
    """«15 сентября», «15 сентября 2024», «01.10.2025», «1.10.25», «01.10» (prefix removed)."""
    m = _NUMERIC_DATE.match(s)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
    else:
        m = _WORD_DATE.match(s)
        if not m:
            return None
        day, month, year = int(m.group(1)), _MONTH_NUMBERS[m.group(2)], _year(m.group(3))
    if not _valid_day(day, month, year):
        return None
    return day, month, year


def _months(s: str, text: str) -> Deadline | None:
    m = _MONTH_RANGE.match(s) or _MONTH_FROM_TO.match(s)
    if m:
        month, month_to = _MONTH_NUMBERS[m.group(1)], _MONTH_NUMBERS[m.group(3)]
        first_year, last_year = _year(m.group(2)), _year(m.group(4))
        year: int | None
        year_to: int | None
        if first_year is not None:
            year, year_to = first_year, last_year
        else:
            # A year written once after the range is the year in which the range starts.
            year, year_to = last_year, None
        if year is not None and year_to is not None and (year_to, month_to) < (year, month):
            return None
        if month_to == month and year_to in (None, year):
            return Deadline(Kind.MONTHS, text, month=month, year=year)
        return Deadline(
            Kind.MONTHS, text, month=month, year=year, month_to=month_to, year_to=year_to
        )
    m = _MONTH_ONE.match(s)
    if m:
        return Deadline(Kind.MONTHS, text, month=_MONTH_NUMBERS[m.group(1)], year=_year(m.group(2)))
    return None


def parse_deadline(text: str) -> Deadline:
    """Read a deadline as a roadmap writes it; anything unrecognized is kept as FREE text."""
    original = _normalize_spaces(text)
    s = _canonical(text)
    if not s:
        return Deadline(Kind.FREE, original)

    if _ONGOING.match(s):
        return Deadline(Kind.ONGOING, original)

    for pattern, months, days in _PERIODIC:
        if pattern.match(s):
            return Deadline(Kind.PERIODIC, original, period_months=months, period_days=days)

    m = _YEARLY.match(s)
    if m:
        rest = (m.group(1) or "").strip()
        if not rest:
            return Deadline(Kind.YEARLY, original)
        found = _day_month(_PREFIX.sub("", rest))
        if found and found[2] is None:
            return Deadline(Kind.YEARLY, original, day=found[0], month=found[1])
        single = _MONTH_ONE.match(rest)
        if single and single.group(2) is None:
            return Deadline(Kind.YEARLY, original, month=_MONTH_NUMBERS[single.group(1)])
        return Deadline(Kind.FREE, original)

    found = _day_month(_PREFIX.sub("", s))
    if found:
        return Deadline(Kind.DATE, original, day=found[0], month=found[1], year=found[2])

    by_months = _months(s, original)
    if by_months:
        return by_months

    return Deadline(Kind.FREE, original)


# --- rendering ------------------------------------------------------------------------------


def _capitalize(s: str) -> str:
    return s[:1].upper() + s[1:]


def render_deadline(d: Deadline) -> str:
    """The canonical Russian text of a deadline (see the module docstring for the forms)."""
    if d.kind == Kind.DATE and d.day and d.month:
        if d.year is not None:
            return f"{d.day:02d}.{d.month:02d}.{d.year}"
        return f"до {d.day} {MONTHS_GENITIVE[d.month - 1]}"
    if d.kind == Kind.YEARLY:
        if d.day and d.month:
            return f"{YEARLY_TEXT}, до {d.day} {MONTHS_GENITIVE[d.month - 1]}"
        if d.month:
            return f"{YEARLY_TEXT}, в {MONTHS_PREPOSITIONAL[d.month - 1]}"
        return YEARLY_TEXT
    if d.kind == Kind.MONTHS and d.month:
        first = _capitalize(MONTHS_NOMINATIVE[d.month - 1])
        if d.month_to is None:
            return f"{first} {d.year}" if d.year is not None else first
        last = MONTHS_NOMINATIVE[d.month_to - 1]
        if d.year_to is not None:
            return f"{first} {d.year} – {last} {d.year_to}"
        if d.year is not None:
            return f"{first} – {last} {d.year}"
        return f"{first} – {last}"
    if d.kind == Kind.PERIODIC:
        if d.period_days == 7:
            return WEEKLY_TEXT
        if d.period_months in PERIOD_TEXTS:
            return PERIOD_TEXTS[d.period_months]
    if d.kind == Kind.ONGOING:
        wording = _canonical(d.text)
        return _capitalize(wording) if _ONGOING.match(wording) else DEFAULT_ONGOING_TEXT
    return d.text


# --- resolving against an academic year -----------------------------------------------------


def _calendar_year(month: int, start_year: int) -> int:
    """The calendar year of a month inside the academic year that starts in ``start_year``."""
    return start_year if month >= FIRST_MONTH else start_year + 1


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> date:
    # 29 February written without a year becomes 28 February in a common year.
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _range_years(d: Deadline, start_year: int) -> tuple[int, int]:
    """Calendar years of the first and of the last month of a MONTHS deadline."""
    assert d.month is not None
    first = d.year if d.year is not None else _calendar_year(d.month, start_year)
    if d.month_to is None:
        return first, first
    if d.year_to is not None:
        return first, d.year_to
    return first, first + 1 if d.month_to < d.month else first


def due_date(d: Deadline, start_year: int) -> date | None:
    """The day by which the activity must be done in the academic year ``start_year``/+1."""
    if d.kind == Kind.DATE and d.day and d.month:
        year = d.year if d.year is not None else _calendar_year(d.month, start_year)
        return _day(year, d.month, d.day)
    if d.kind == Kind.YEARLY:
        if d.day and d.month:
            return _day(_calendar_year(d.month, start_year), d.month, d.day)
        if d.month:
            return _last_day(_calendar_year(d.month, start_year), d.month)
        return date(start_year + 1, *SCHOOL_YEAR_END)
    if d.kind == Kind.MONTHS and d.month:
        _, last_year = _range_years(d, start_year)
        return _last_day(last_year, d.month_to or d.month)
    return None


def starts_on(d: Deadline, start_year: int) -> date | None:
    """The first day of a range of months, or of the month of a date (for the timeline)."""
    if d.kind == Kind.MONTHS and d.month:
        first_year, _ = _range_years(d, start_year)
        return date(first_year, d.month, 1)
    if d.kind in (Kind.DATE, Kind.YEARLY) and d.month:
        due = due_date(d, start_year)
        return due.replace(day=1) if due else None
    return None


def period_ends(d: Deadline, start_year: int) -> list[date]:
    """The ends of the periods of a PERIODIC deadline inside the academic year."""
    if d.kind != Kind.PERIODIC:
        return []
    first, last = date(start_year, FIRST_MONTH, 1), date(start_year + 1, 8, 31)
    if d.period_days:
        ends = []
        day = first + timedelta(days=(6 - first.weekday()) % 7)
        while day < last:
            ends.append(day)
            day += timedelta(days=d.period_days)
        ends.append(last)  # the last, partial week closes with the academic year
        return ends
    months = {
        1: (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8),
        3: (11, 2, 5, 8),
        6: (12, 5),
        12: (5,),
    }.get(d.period_months or 0, ())
    return [_last_day(_calendar_year(m, start_year), m) for m in months]


def next_occurrence(d: Deadline, start_year: int, today: date) -> date | None:
    """The next day on or after ``today`` by which the activity is due in that academic year.

    For a PERIODIC deadline it is the end of the current period; for the others the due date
    if it has not passed yet; None for ongoing and free deadlines and past due dates.
    """
    if d.kind == Kind.PERIODIC:
        return next((end for end in period_ends(d, start_year) if end >= today), None)
    due = due_date(d, start_year)
    return due if due is not None and due >= today else None
