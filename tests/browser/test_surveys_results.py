"""The results of a survey in a real browser: charts drawn from the data on the page, the
tables beside them, the print view, the XLSX, the comparison and the methodologists' overview;
the pages fit a phone."""

import datetime
import io
import re
from typing import Any

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone

from nastavnik.banks.models import MenteeProfile
from nastavnik.banks.selectors import competencies_for
from nastavnik.core.services import academic_year_current
from nastavnik.surveys import services
from nastavnik.surveys.models import Questionnaire, Survey
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import DESKTOP, PHONE, login, screenshot, wait_until

pytestmark = pytest.mark.browser

TOKEN = re.compile(r"/s/([^/\s]+)/")
TEACHERS = [
    ("Воронцова", "Ирина", "Павловна", "Учитель начальных классов"),
    ("Никитин", "Артём", "Игоревич", "Учитель истории"),
    ("Орлова", "Дарья", "Андреевна", "Учитель английского языка"),
    ("Зайцев", "Максим", "Олегович", "Учитель физической культуры"),
    ("Белова", "Ксения", "Романовна", "Учитель математики"),
    ("Смирнова", "Алина", "Викторовна", "Педагог-психолог"),
]
ANSWERS = [
    (
        1,
        "Меньше года",
        ["Дисциплина на уроке", "Работа с родителями"],
        [0, 2],
        "Индивидуальная (пара)",
        5,
        "Хочу научиться выстраивать разговор с родителями.",
    ),
    (
        2,
        "1–3 года",
        ["Ведение документации"],
        [1],
        "Групповая",
        3,
        "Как вести электронный журнал без ошибок.",
    ),
    (
        0,
        "Меньше года",
        ["Мотивация обучающихся", "Дисциплина на уроке"],
        [0, 3],
        "Индивидуальная (пара)",
        4,
        "",
    ),
    (
        3,
        "1–3 года",
        ["Работа с детьми с ОВЗ"],
        [4],
        "Не имеет значения",
        4,
        "Адаптированные программы для детей с ОВЗ.",
    ),
    (1, "Меньше года", ["Планирование и проведение уроков"], [0], "Индивидуальная (пара)", 5, ""),
]


@pytest.fixture
def world(transactional_db: Any) -> Any:
    world = build_world()
    people = [
        StaffMemberFactory.create(
            organization=world.org_a,
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            position=position,
            email=f"teacher{i}@example.org",
        )
        for i, (last, first, patronymic, position) in enumerate(TEACHERS)
    ]
    year = academic_year_current()
    for person in people[:5]:
        MenteeProfile.objects.create(
            organization=world.org_a,
            staff=person,
            academic_year=year,
            category=MenteeProfile.Category.YOUNG,
        )
    library = {t.kind: t for t in services.library_for(world.org_a)}
    template = library[Questionnaire.Kind.MENTEE_NEEDS]
    today = timezone.localdate()
    survey = services.survey_create(
        actor=world.curator_a,
        organization=world.org_a,
        year=academic_year_current(),
        template=template,
        title="Профессиональные запросы молодых педагогов",
        anonymous=False,
        audience=Survey.Audience.PEOPLE,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=10),
        people=people,
    )
    mail.outbox = []
    services.survey_launch(actor=world.curator_a, survey=survey)
    tokens = {m.to[0]: TOKEN.search(str(m.body)).group(1) for m in mail.outbox}  # type: ignore[union-attr]
    competencies = list(competencies_for(world.region))
    questions = {q.text: q.pk for q in survey.questionnaire.questions.all()}
    for i, (years, here, difficulties, needs, form, mark, text) in enumerate(ANSWERS):
        data = {
            questions["Ваш педагогический стаж, полных лет"]: [str(years)],
            questions["Как долго вы работаете в нашей образовательной организации?"]: [here],
            questions["В каких областях вы испытываете затруднения?"]: difficulties,
            questions["В чём вам нужна помощь наставника?"]: [
                str(competencies[n].pk) for n in needs
            ],
            questions["Ваши профессиональные запросы своими словами"]: [text],
            questions["Какая форма работы с наставником вам удобнее?"]: [form],
            questions["Насколько вам нужна помощь наставника сейчас?"]: [str(mark)],
        }
        saved = services.save_answers(tokens[f"teacher{i}@example.org"], data, final=True)
        assert saved.ok, saved.errors
    world.survey = survey  # type: ignore[attr-defined]
    world.growth = growth_runs(world, library[Questionnaire.Kind.GROWTH], people[:4])  # type: ignore[attr-defined]
    return world


def growth_runs(world: Any, template: Questionnaire, people: list[Any]) -> list[Survey]:
    """The self-assessment «before» (a month ago) and «after» (now) of the same mentees."""
    today = timezone.localdate()
    runs = []
    for title, opens_on, marks in (
        ("Самооценка: до", today - datetime.timedelta(days=40), [2, 3, 2, 3, 3, 4, 3, 2]),
        ("Самооценка: после", today - datetime.timedelta(days=2), [4, 4, 3, 4, 3, 4, 4, 4]),
    ):
        survey = services.survey_create(
            actor=world.curator_a,
            organization=world.org_a,
            year=academic_year_current(),
            template=template,
            title=title,
            anonymous=True,
            audience=Survey.Audience.PEOPLE,
            opens_on=opens_on,
            closes_on=opens_on + datetime.timedelta(days=10),
            people=people,
        )
        mail.outbox = []
        services.survey_launch(actor=world.curator_a, survey=survey)
        questions = list(survey.questionnaire.questions.all())
        for n, letter in enumerate(mail.outbox):
            token = TOKEN.search(str(letter.body)).group(1)  # type: ignore[union-attr]
            data = {
                q.pk: [str(max(1, min(5, marks[i] - (n % 2))))] for i, q in enumerate(questions)
            }
            saved = services.save_answers(
                token, data, final=True, today=opens_on + datetime.timedelta(days=1)
            )
            assert saved.ok, saved.errors
        runs.append(survey)
    return runs


def main_fits(page: Any) -> bool:
    fits = True
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.wait_for_timeout(400)  # the charts follow the new width
        fits &= page.evaluate(
            "Array.from(document.querySelectorAll('main *')).every("
            "e => e.getBoundingClientRect().right <= window.innerWidth + 1"
            " || e.closest('.table-responsive'))"
        )
    return bool(fits)


def test_the_curator_sees_charts_tables_and_exports(page: Any, world: Any) -> None:
    survey = world.survey
    login(page, "curator_a", TEST_PASSWORD)
    page.goto(f"/surveys/{survey.pk}/results/")
    assert page.locator("#response-rate .stat").inner_text() == "83\xa0%"
    # every chart is drawn by Chart.js from the JSON on the page
    wait_until(
        page,
        "Array.from(document.querySelectorAll('canvas[data-chart]'))"
        ".every(c => window.Chart && Chart.getChart(c))",
    )
    assert page.locator("canvas[data-chart]").count() == 5
    assert "Воронцова" not in page.locator("main").inner_text()
    screenshot(page, "surveys-results")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(400)
    overflow = page.evaluate(
        "Array.from(document.querySelectorAll('main *')).filter("
        "e => e.getBoundingClientRect().right > window.innerWidth + 1"
        " && !e.closest('.table-responsive')).map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert main_fits(page), overflow

    page.goto(f"/surveys/{survey.pk}/results/?split=group")
    page.click("#tab-people")
    page.wait_for_load_state()
    assert "Воронцова Ирина Павловна" in page.locator("#people-answers").inner_text()
    screenshot(page, "surveys-results-people")

    with page.expect_download() as info:
        page.click("#export-xlsx")
    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert len(book.worksheets) == 2

    page.goto(f"/surveys/{survey.pk}/results/print/")
    wait_until(
        page,
        "Array.from(document.querySelectorAll('canvas[data-chart]')).every(c => Chart.getChart(c))",
    )
    assert page.locator("nav.navbar").count() == 0
    screenshot(page, "surveys-results-print")
    before, after = world.growth
    page.goto(f"/surveys/{after.pk}/results/compare/")
    assert "▲" in page.locator("#comparison").inner_text()
    screenshot(page, "surveys-results-compare")
    assert not page.errors.errors


def test_a_methodologist_sees_the_overview_and_the_aggregate(page: Any, world: Any) -> None:
    login(page, "regional", TEST_PASSWORD)
    page.goto("/surveys/overview/")
    assert (
        "Профессиональные запросы молодых педагогов" in page.locator("#organizations").inner_text()
    )
    screenshot(page, "surveys-overview")
    assert main_fits(page)
    page.click(f"#organizations a[href='/surveys/{world.survey.pk}/results/']")
    page.wait_for_load_state()
    assert page.locator("#aggregate-note").count() == 1
    assert "разговор с родителями" not in page.locator("main").inner_text()
    screenshot(page, "surveys-results-methodologist")
    assert not page.errors.errors
