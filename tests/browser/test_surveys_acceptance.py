"""Issue 5 accepted in a real browser on the demo school: the curator launches the mentee
questionnaire, a young teacher answers by the personal link on a phone without logging in,
the curator sees the charts, exports the answers to XLSX, and the needs the teacher named go
into the mentee bank."""

import io
import re
from typing import Any

import openpyxl
import pytest
from django.core import mail

from nastavnik.banks.models import Competency, MenteeNeed, MenteeProfile
from nastavnik.core.demo import DEMO_PASSWORD, demo_seed
from nastavnik.staff.models import StaffMember
from nastavnik.surveys.models import Questionnaire, Survey
from tests.browser.conftest import PHONE, fits_width, login, screenshot, wait_until

pytestmark = pytest.mark.browser

TITLE = "Анкета наставляемого (повторная, ноябрь)"
NEED_TEXT = "Хочу научиться вести родительские собрания без конфликтов."


@pytest.fixture
def demo(transactional_db: Any) -> Any:
    demo_seed()
    return StaffMember.objects.select_related("organization").get(user__username="mentee")


def test_a_mentee_answers_on_a_phone_and_the_needs_reach_the_bank(
    page: Any, browser: Any, live_server: Any, demo: StaffMember
) -> None:
    school = demo.organization
    template = Questionnaire.objects.get(
        region=school.municipality.region, organization=None, kind="mentee_needs"
    )
    login(page, "curator", DEMO_PASSWORD)
    page.goto(f"/organizations/{school.pk}/surveys/")
    page.goto(f"/organizations/{school.pk}/surveys/new/?template={template.pk}")
    page.fill("#id_title", TITLE)
    page.check("#survey-form input[name=audience][value=mentee_bank]")
    page.click("#survey-form button[type=submit]")
    page.wait_for_selector("#launch-survey")
    mail.outbox.clear()
    page.click("#launch-survey")
    page.wait_for_load_state()
    survey = Survey.objects.get(title=TITLE)
    assert survey.launched_at is not None
    screenshot(page, "acceptance-surveys-01-launched")
    letter = next(m for m in mail.outbox if m.to == [demo.email])
    token = re.findall(r"/s/([A-Za-z0-9_\-]+)/", str(letter.body))[-1]

    # The young teacher, on a phone, not logged in.
    phone = browser.new_context(viewport=PHONE, locale="ru-RU", base_url=live_server.url)
    teacher = phone.new_page()
    errors: list[str] = []
    teacher.on("pageerror", lambda exc: errors.append(str(exc)))
    teacher.goto(f"/s/{token}/")
    questions = {q.code or q.text[:20]: q for q in survey.questionnaire.questions.all()}
    how_long = next(q for q in questions.values() if q.text.startswith("Как долго"))
    need_now = next(q for q in questions.values() if q.text.startswith("Насколько вам нужна"))
    profile = MenteeProfile.objects.get(staff=demo, academic_year=survey.academic_year)
    need = (
        Competency.objects.filter(region=school.municipality.region, is_active=True)
        .exclude(pk__in=profile.needs.values("competency"))
        .order_by("order", "pk")
        .first()
    )
    assert need is not None
    teacher.fill(f"#q{questions['experience'].pk}", "1")
    teacher.click(f"label[for=q{how_long.pk}-1]")
    teacher.click(f"label[for=q{questions['difficulty'].pk}-4]")  # «Работа с родителями»
    # The condition shows the question about the difficulty with parents.
    assert teacher.locator(f"#question-{questions['difficulty_text'].pk}").is_visible()
    teacher.fill(f"#q{questions['difficulty_text'].pk}", "Как сообщить о неуспеваемости")
    teacher.click(f"label[for=q{questions['needs'].pk}-{need.pk}]")
    teacher.fill(f"#q{questions['needs_text'].pk}", NEED_TEXT)
    teacher.click(f"label[for=q{need_now.pk}-5]")
    assert fits_width(teacher)
    teacher.set_viewport_size(PHONE)
    screenshot(teacher, "acceptance-surveys-02-answering")
    teacher.click("#send-answers")
    teacher.wait_for_load_state()
    assert "Спасибо! Ваши ответы отправлены." in teacher.locator("main").inner_text()
    screenshot(teacher, "acceptance-surveys-03-thanks")
    assert errors == []
    phone.close()

    # The curator sees the charts and exports the answers.
    page.goto(f"/surveys/{survey.pk}/results/")
    wait_until(
        page,
        "Array.from(document.querySelectorAll('canvas[data-chart]')).every(c => Chart.getChart(c))",
    )
    assert page.locator("canvas[data-chart]").count() >= 4
    assert "1 из" in page.locator("main").inner_text()
    screenshot(page, "acceptance-surveys-04-results")
    with page.expect_download() as info:
        page.click("#export-xlsx")
    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    rows = [[c for c in row if c is not None] for row in book["Ответы"].iter_rows(values_only=True)]
    assert any(demo.full_name in row and NEED_TEXT in row for row in rows)

    # The needs she named go into the mentee bank once the curator confirms.
    page.goto(f"/surveys/{survey.pk}/to-bank/")
    assert need.name in page.locator("main").inner_text()
    screenshot(page, "acceptance-surveys-05-to-bank")
    page.click("#move-to-bank")
    page.wait_for_load_state()
    assert MenteeNeed.objects.filter(
        profile=profile, competency=need, source=MenteeNeed.Source.QUESTIONNAIRE
    ).exists()
    page.goto(f"/organizations/{school.pk}/banks/mentees/{profile.pk}/")
    assert need.name in page.locator("main").inner_text()
    screenshot(page, "acceptance-surveys-06-mentee-bank")
    assert page.errors.errors == []  # type: ignore[attr-defined]
