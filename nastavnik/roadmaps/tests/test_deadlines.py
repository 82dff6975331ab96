"""Deadlines as the seeds write them: parsing, canonical rendering, round trip, resolution."""

from datetime import date

import pytest

from nastavnik.roadmaps.deadlines import (
    Deadline,
    Kind,
    due_date,
    next_occurrence,
    parse_deadline,
    period_ends,
    render_deadline,
    starts_on,
)

# text, kind, canonical rendering, due date and first day for the academic year 2023/24
CASES: list[tuple[str, Kind, str, date | None, date | None]] = [
    # seed 001
    (
        "Ежегодно, до 1 октября",
        Kind.YEARLY,
        "Ежегодно, до 1 октября",
        date(2023, 10, 1),
        date(2023, 10, 1),
    ),
    (
        "Ежегодно, до 15  сентября",
        Kind.YEARLY,
        "Ежегодно, до 15 сентября",
        date(2023, 9, 15),
        date(2023, 9, 1),
    ),
    (
        "Ежегодно, до 1 ноября",
        Kind.YEARLY,
        "Ежегодно, до 1 ноября",
        date(2023, 11, 1),
        date(2023, 11, 1),
    ),
    ("Ежегодно, до 1 июня", Kind.YEARLY, "Ежегодно, до 1 июня", date(2024, 6, 1), date(2024, 6, 1)),
    ("Ежегодно", Kind.YEARLY, "Ежегодно", date(2024, 5, 31), None),
    ("Постоянно", Kind.ONGOING, "Постоянно", None, None),
    # seed 002
    ("Август\n2024", Kind.MONTHS, "Август 2024", date(2024, 8, 31), date(2024, 8, 1)),
    ("Сентябрь 2024", Kind.MONTHS, "Сентябрь 2024", date(2024, 9, 30), date(2024, 9, 1)),
    ("Сентябрь 2023", Kind.MONTHS, "Сентябрь 2023", date(2023, 9, 30), date(2023, 9, 1)),
    ("В течение учебного года", Kind.ONGOING, "В течение учебного года", None, None),
    ("Март-апрель", Kind.MONTHS, "Март – апрель", date(2024, 4, 30), date(2024, 3, 1)),
    ("1 раз в квартал", Kind.PERIODIC, "1 раз в квартал", None, None),
    ("Апрель-май", Kind.MONTHS, "Апрель – май", date(2024, 5, 31), date(2024, 4, 1)),
    # seed 003
    (
        "Сентябрь - октябрь 2023",
        Kind.MONTHS,
        "Сентябрь – октябрь 2023",
        date(2023, 10, 31),
        date(2023, 9, 1),
    ),
    ("Октябрь 2023", Kind.MONTHS, "Октябрь 2023", date(2023, 10, 31), date(2023, 10, 1)),
    ("Ноябрь 2023", Kind.MONTHS, "Ноябрь 2023", date(2023, 11, 30), date(2023, 11, 1)),
    # the year written once is the year the range starts in; the range crosses the new year
    (
        "Ноябрь-февраль 2023",
        Kind.MONTHS,
        "Ноябрь – февраль 2023",
        date(2024, 2, 29),
        date(2023, 11, 1),
    ),
    # an explicit year is respected even outside the academic year
    ("Апрель 2023", Kind.MONTHS, "Апрель 2023", date(2023, 4, 30), date(2023, 4, 1)),
    # seed 004
    ("Сентябрь-октябрь", Kind.MONTHS, "Сентябрь – октябрь", date(2023, 10, 31), date(2023, 9, 1)),
    ("В течение года", Kind.ONGOING, "В течение года", None, None),
    # the other forms the parser knows
    ("01.10.2025", Kind.DATE, "01.10.2025", date(2025, 10, 1), date(2025, 10, 1)),
    ("1.10.25", Kind.DATE, "01.10.2025", date(2025, 10, 1), date(2025, 10, 1)),
    ("до 15 сентября", Kind.DATE, "до 15 сентября", date(2023, 9, 15), date(2023, 9, 1)),
    ("к 1 ноября", Kind.DATE, "до 1 ноября", date(2023, 11, 1), date(2023, 11, 1)),
    ("не позднее 1 марта", Kind.DATE, "до 1 марта", date(2024, 3, 1), date(2024, 3, 1)),
    ("до 15 сентября 2024 г.", Kind.DATE, "15.09.2024", date(2024, 9, 15), date(2024, 9, 1)),
    ("Сентябрь–октябрь 2023", Kind.MONTHS, "Сентябрь – октябрь 2023", date(2023, 10, 31), None),
    ("Сентябрь — октябрь 2023", Kind.MONTHS, "Сентябрь – октябрь 2023", date(2023, 10, 31), None),
    ("сентябрь -октябрь 2023г.", Kind.MONTHS, "Сентябрь – октябрь 2023", date(2023, 10, 31), None),
    (
        "Ноябрь 2023 – февраль 2024",
        Kind.MONTHS,
        "Ноябрь 2023 – февраль 2024",
        date(2024, 2, 29),
        date(2023, 11, 1),
    ),
    ("Ноябрь-февраль", Kind.MONTHS, "Ноябрь – февраль", date(2024, 2, 29), date(2023, 11, 1)),
    ("с ноября по февраль", Kind.MONTHS, "Ноябрь – февраль", date(2024, 2, 29), None),
    ("в апреле 2024 года", Kind.MONTHS, "Апрель 2024", date(2024, 4, 30), date(2024, 4, 1)),
    ("ежегодно до 1 октября", Kind.YEARLY, "Ежегодно, до 1 октября", date(2023, 10, 1), None),
    ("Ежегодно, в сентябре", Kind.YEARLY, "Ежегодно, в сентябре", date(2023, 9, 30), None),
    ("1 раз в полугодие", Kind.PERIODIC, "1 раз в полугодие", None, None),
    ("один раз в полугодие", Kind.PERIODIC, "1 раз в полугодие", None, None),
    ("ежемесячно", Kind.PERIODIC, "1 раз в месяц", None, None),
    ("1 раз в месяц", Kind.PERIODIC, "1 раз в месяц", None, None),
    ("еженедельно", Kind.PERIODIC, "1 раз в неделю", None, None),
    ("в течение учебного года.", Kind.ONGOING, "В течение учебного года", None, None),
    ("На всех этапах", Kind.ONGOING, "На всех этапах", None, None),
    ("По мере необходимости", Kind.FREE, "По мере необходимости", None, None),
    (
        "Приказ от 14.06. 2022г. № 37",
        Kind.FREE,
        "Приказ от 14.06. 2022г. № 37",
        None,
        None,
    ),
    ("до сентября", Kind.FREE, "до сентября", None, None),
    ("31.02.2024", Kind.FREE, "31.02.2024", None, None),
    ("", Kind.FREE, "", None, None),
]


@pytest.mark.parametrize(("text", "kind", "rendered", "due", "start"), CASES)
def test_parse_render_resolve(
    text: str, kind: Kind, rendered: str, due: date | None, start: date | None
) -> None:
    deadline = parse_deadline(text)
    assert deadline.kind == kind
    assert deadline.text == " ".join(text.split())
    assert render_deadline(deadline) == rendered
    assert due_date(deadline, 2023) == due
    if start is not None:
        assert starts_on(deadline, 2023) == start


@pytest.mark.parametrize("text", [case[0] for case in CASES])
def test_round_trip(text: str) -> None:
    deadline = parse_deadline(text)
    rendered = render_deadline(deadline)
    assert parse_deadline(rendered) == deadline
    assert render_deadline(parse_deadline(rendered)) == rendered


def test_structure() -> None:
    assert parse_deadline("Ежегодно, до 1 октября") == Deadline(Kind.YEARLY, day=1, month=10)
    assert parse_deadline("Сентябрь – октябрь 2023") == Deadline(
        Kind.MONTHS, month=9, year=2023, month_to=10
    )
    assert parse_deadline("Ноябрь 2023 – февраль 2024") == Deadline(
        Kind.MONTHS, month=11, year=2023, month_to=2, year_to=2024
    )
    assert parse_deadline("1 раз в квартал") == Deadline(Kind.PERIODIC, period_months=3)
    assert parse_deadline("еженедельно") == Deadline(Kind.PERIODIC, period_days=7)
    assert parse_deadline("01.10.2025") == Deadline(Kind.DATE, day=1, month=10, year=2025)


def test_text_is_kept_but_not_compared() -> None:
    a, b = parse_deadline("Сентябрь-октябрь 2023"), parse_deadline("сентябрь – октябрь 2023 г.")
    assert a == b
    assert a.text == "Сентябрь-октябрь 2023"


def test_ongoing_keeps_its_wording() -> None:
    assert render_deadline(parse_deadline("в течение года")) == "В течение года"
    assert render_deadline(parse_deadline("ПОСТОЯННО")) == "Постоянно"
    assert render_deadline(Deadline(Kind.ONGOING)) == "Постоянно"


def test_range_with_only_the_end_year_built_by_hand() -> None:
    deadline = Deadline(Kind.MONTHS, month=11, month_to=2, year_to=2024)
    assert deadline.year == 2023
    assert parse_deadline(render_deadline(deadline)) == deadline


@pytest.mark.parametrize(
    ("start_year", "due"),
    [(2023, date(2023, 10, 1)), (2024, date(2024, 10, 1)), (2025, date(2025, 10, 1))],
)
def test_yearly_falls_into_the_academic_year(start_year: int, due: date) -> None:
    assert due_date(parse_deadline("Ежегодно, до 1 октября"), start_year) == due
    june = due_date(parse_deadline("Ежегодно, до 1 июня"), start_year)
    assert june == date(start_year + 1, 6, 1)


def test_february_29_without_a_year() -> None:
    deadline = parse_deadline("до 29 февраля")
    assert due_date(deadline, 2023) == date(2024, 2, 29)
    assert due_date(deadline, 2024) == date(2025, 2, 28)


QUARTERLY = parse_deadline("1 раз в квартал")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 6, 1), date(2023, 11, 30)),  # before the academic year: its first quarter
        (date(2023, 9, 1), date(2023, 11, 30)),
        (date(2023, 11, 30), date(2023, 11, 30)),
        (date(2023, 12, 1), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 5, 31)),
        (date(2024, 6, 1), date(2024, 8, 31)),
        (date(2024, 9, 1), None),  # the academic year is over
    ],
)
def test_next_occurrence_quarterly(today: date, expected: date | None) -> None:
    assert next_occurrence(QUARTERLY, 2023, today) == expected


def test_period_ends() -> None:
    half = parse_deadline("1 раз в полугодие")
    assert period_ends(half, 2023) == [date(2023, 12, 31), date(2024, 5, 31)]
    assert next_occurrence(half, 2023, date(2024, 6, 1)) is None
    monthly = parse_deadline("ежемесячно")
    assert len(period_ends(monthly, 2023)) == 12
    assert next_occurrence(monthly, 2023, date(2024, 2, 10)) == date(2024, 2, 29)
    weekly = parse_deadline("еженедельно")
    assert next_occurrence(weekly, 2023, date(2023, 12, 5)) == date(2023, 12, 10)  # a Sunday
    assert next_occurrence(weekly, 2023, date(2023, 12, 10)) == date(2023, 12, 10)
    assert next_occurrence(weekly, 2023, date(2024, 8, 26)) == date(2024, 8, 31)
    assert period_ends(parse_deadline("Постоянно"), 2023) == []


def test_next_occurrence_of_the_other_kinds() -> None:
    yearly = parse_deadline("Ежегодно, до 1 октября")
    assert next_occurrence(yearly, 2023, date(2023, 9, 20)) == date(2023, 10, 1)
    assert next_occurrence(yearly, 2023, date(2023, 10, 1)) == date(2023, 10, 1)
    assert next_occurrence(yearly, 2023, date(2023, 10, 2)) is None
    months = parse_deadline("Ноябрь-февраль 2023")
    assert next_occurrence(months, 2023, date(2024, 1, 15)) == date(2024, 2, 29)
    assert next_occurrence(parse_deadline("Постоянно"), 2023, date(2023, 10, 2)) is None
    assert next_occurrence(parse_deadline("что-то своё"), 2023, date(2023, 10, 2)) is None
    assert starts_on(parse_deadline("Постоянно"), 2023) is None
    assert starts_on(parse_deadline("Ежегодно"), 2023) is None
