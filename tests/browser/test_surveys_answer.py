"""Answering a questionnaire in a real browser at phone width: a mentee opens the personal link
from the letter without logging in, answers the scales, a conditional question appears for the
answer that triggers it, a draft is saved and found again after a reload, the answers are sent
(a double click sends them once), and «My questionnaires» of a logged-in mentee."""

import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from nastavnik.banks.selectors import competencies_for
from nastavnik.core.services import academic_year_current
from nastavnik.surveys import services
from nastavnik.surveys.models import (
    Invitation,
    Question,
    Questionnaire,
    Response,
    Section,
    Survey,
)
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import PHONE, fits_width, login, screenshot

pytestmark = pytest.mark.browser

LINK = re.compile(r"/s/([A-Za-z0-9_-]+)/")


@pytest.fixture
def world(transactional_db: Any) -> Any:
    world = build_world()
    competencies_for(world.region)
    world.mentee = StaffMemberFactory.create(  # type: ignore[attr-defined]
        organization=world.org_a,
        last_name="Никитин",
        first_name="Артём",
        patronymic="Игоревич",
        gender="male",
        position="Учитель истории",
        email="nikitin@example.org",
        user=world.mentee_a,
    )
    return world


def launch(world: Any, kind: str, title: str, *, anonymous: bool) -> Survey:
    template = next(t for t in services.library_for(world.org_a) if t.kind == kind)
    today = timezone.localdate()
    survey = services.survey_create(
        actor=world.curator_a,
        organization=world.org_a,
        year=academic_year_current(),
        template=template,
        title=title,
        anonymous=anonymous,
        audience=Survey.Audience.PEOPLE,
        opens_on=today,
        closes_on=today.replace(year=today.year + 1),
        people=[world.mentee],
    )
    mail.outbox.clear()
    services.survey_launch(actor=world.curator_a, survey=survey)
    return survey


def token_from_letter() -> str:
    found = LINK.search(str(mail.outbox[-1].body))
    assert found is not None
    return found.group(1)


def test_a_mentee_answers_by_the_link_on_a_phone(page: Any, world: Any) -> None:
    survey = launch(
        world, Questionnaire.Kind.INTERIM, "Промежуточная обратная связь", anonymous=True
    )
    token = token_from_letter()
    questions = list(survey.questionnaire.questions.all())
    regular, helps, need_help, which, best = questions
    page.set_viewport_size(PHONE)
    page.goto(f"/s/{token}/")
    assert page.locator("#survey-title").inner_text() == "Промежуточная обратная связь"
    assert "анонимное" in page.locator("#survey-privacy").inner_text()
    assert fits_width(page)
    page.set_viewport_size(PHONE)
    screenshot(page, "surveys-answer-empty")
    page.set_viewport_size(PHONE)

    # The scale is a row of buttons; the conditional question waits for «Да».
    page.click(f"label[for=q{regular.pk}-4]")
    page.click(f"label[for=q{helps.pk}-5]")
    assert page.is_checked(f"#q{regular.pk}-4")
    assert page.locator(f"#question-{which.pk}").is_hidden()
    page.click(f"label[for=q{need_help.pk}-1]")  # «Да»
    assert page.locator(f"#question-{which.pk}").is_visible()
    page.fill(f"#q{which.pk}", "Помогите составить план открытого урока")
    page.click(f"label[for=q{need_help.pk}-2]")  # «Нет» hides it again
    assert page.locator(f"#question-{which.pk}").is_hidden()
    page.click(f"label[for=q{need_help.pk}-1]")
    assert page.input_value(f"#q{which.pk}") == "Помогите составить план открытого урока"
    page.fill(f"#q{best.pk}", "Разбор уроков после посещения")

    # A draft survives a reload (the link is all the anonymous respondent has).
    page.click("#save-draft")
    page.wait_for_load_state()
    assert "Черновик сохранён" in page.locator("main").inner_text()
    screenshot(page, "surveys-answer-draft-saved")
    page.reload()
    assert page.is_checked(f"#q{regular.pk}-4")
    assert page.is_checked(f"#q{helps.pk}-5")
    assert page.is_checked(f"#q{need_help.pk}-1")
    assert page.locator(f"#question-{which.pk}").is_visible()
    assert page.input_value(f"#q{which.pk}") == "Помогите составить план открытого урока"
    screenshot(page, "surveys-answer-draft")
    page.set_viewport_size(PHONE)

    # A double click on «Отправить ответы» sends once and thanks.
    page.dblclick("#send-answers")
    page.wait_for_url(f"**/s/{token}/thanks/")
    assert "Спасибо! Ваши ответы отправлены." in page.locator("main").inner_text()
    assert fits_width(page)
    screenshot(page, "surveys-answer-thanks")
    response = Response.objects.get(survey=survey)
    assert response.submitted and response.invitation is None and response.submitted_at is None
    assert response.answers.count() == 5

    # The same link again: a clear page, not a second answer.
    page.goto(f"/s/{token}/")
    assert "Ответы уже отправлены" in page.locator("main").inner_text()
    screenshot(page, "surveys-answer-already-answered")
    page.goto("/s/not-a-real-token/")
    assert "Ссылка не работает" in page.locator("main").inner_text()
    screenshot(page, "surveys-answer-bad-link")
    errors = [e for e in page.errors.errors if "/s/not-a-real-token/" not in e]
    assert errors == []


def test_errors_are_shown_next_to_the_questions_and_in_a_summary(page: Any, world: Any) -> None:
    survey = launch(world, Questionnaire.Kind.MENTEE_NEEDS, "Анкета наставляемого", anonymous=False)
    token = token_from_letter()
    experience = survey.questionnaire.questions.get(code="experience")
    page.set_viewport_size(PHONE)
    page.goto(f"/s/{token}/")
    assert "не анонимная" in page.locator("#survey-privacy").inner_text()
    page.fill(f"#q{experience.pk}", "пять")
    page.click("#send-answers")
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert "Введите число, например 3 или 2,5." in summary.inner_text()
    assert page.input_value(f"#q{experience.pk}") == "пять"
    assert fits_width(page)
    screenshot(page, "surveys-answer-errors")
    assert page.errors.errors == []


def test_a_mentee_opens_the_questionnaire_from_my_questionnaires(page: Any, world: Any) -> None:
    launch(world, Questionnaire.Kind.SATISFACTION_MENTEE, "Удовлетворённость", anonymous=True)
    answered = launch(world, Questionnaire.Kind.INTERIM, "Обратная связь", anonymous=False)
    Invitation.objects.filter(survey=answered).update(answered=True)
    login(page, "mentee_a", TEST_PASSWORD)
    assert "Ждёт вашего ответа: 1 анкета" in page.locator("#surveys-waiting").inner_text()
    page.click("#surveys-waiting a")
    page.wait_for_url("**/my/questionnaires/")
    assert "Ответ отправлен" in page.locator("#answered").inner_text()
    screenshot(page, "surveys-my-questionnaires")
    page.click("#waiting button[type=submit]")
    page.wait_for_url("**/s/*/")
    assert page.locator("#survey-title").inner_text() == "Удовлетворённость"
    first = page.url
    page.goto("/my/questionnaires/")
    page.click("#waiting button[type=submit]")
    page.wait_for_url("**/s/*/")
    assert page.url == first  # the link kept in the browser, so a draft continues
    assert page.errors.errors == []


def test_every_kind_of_question_fits_a_phone(page: Any, world: Any) -> None:
    own = Questionnaire.objects.create(
        region=world.region,
        organization=world.org_a,
        kind=Questionnaire.Kind.OTHER,
        title="Все виды вопросов",
        description="Проверка всех видов ответов.",
    )
    section = Section.objects.create(questionnaire=own, title="Раздел", order=1)
    kinds: list[tuple[str, str, dict[str, Any]]] = [
        ("single", "Один вариант", {"options": ["Да", "Нет"]}),
        ("multiple", "Не больше двух", {"options": ["А", "Б", "В"], "max_choices": 2}),
        ("scale5", "Шкала 1–5", {}),
        ("scale10", "Шкала 1–10", {"help_text": "1 — совсем нет, 10 — полностью."}),
        ("number", "Число", {}),
        ("short_text", "Коротко", {}),
        ("long_text", "Подробно", {}),
        ("date", "Дата", {}),
        ("people", "Кого вы хотели бы видеть наставником?", {"max_choices": 3}),
        ("competencies", "Запросы", {}),
    ]
    for order, (kind, text, extra) in enumerate(kinds, start=1):
        Question.objects.create(
            questionnaire=own, section=section, order=order, kind=kind, text=text, **extra
        )
    for i in range(3):
        StaffMemberFactory.create(organization=world.org_a, last_name=f"Учителева{i}")
    today = timezone.localdate()
    survey = services.survey_create(
        actor=world.curator_a,
        organization=world.org_a,
        year=academic_year_current(),
        template=own,
        title="Все виды вопросов",
        anonymous=False,
        audience=Survey.Audience.PEOPLE,
        opens_on=today,
        closes_on=today,
        people=[world.mentee],
    )
    mail.outbox.clear()
    services.survey_launch(actor=world.curator_a, survey=survey)
    token = token_from_letter()
    q = {x.kind: x for x in survey.questionnaire.questions.all()}
    page.set_viewport_size(PHONE)
    page.goto(f"/s/{token}/")
    assert fits_width(page)
    page.set_viewport_size(PHONE)
    # At most two ticks: the third box is disabled once two are ticked.
    page.check(f"#q{q['multiple'].pk}-1")
    page.check(f"#q{q['multiple'].pk}-2")
    assert page.is_disabled(f"#q{q['multiple'].pk}-3")
    # A person chosen first cannot be chosen second.
    people = f"#q{q['people'].pk}"
    chosen = page.locator(f"{people}-1 option").nth(1).get_attribute("value")
    page.select_option(f"{people}-1", chosen)
    assert page.locator(f"{people}-2 option[value='{chosen}']").is_disabled()
    page.click(f"label[for=q{q['scale10'].pk}-7]")
    page.fill(f"#q{q['date'].pk}", "2025-10-01")
    screenshot(page, "surveys-answer-all-kinds")
    page.set_viewport_size(PHONE)
    page.click("#save-draft")
    page.wait_for_load_state()
    assert page.input_value(f"#q{q['date'].pk}") == "2025-10-01"
    assert page.input_value(f"{people}-1") == chosen
    assert page.errors.errors == []
