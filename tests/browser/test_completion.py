"""The completion of a program in a real browser: the mentor writes and submits his report
and makes the analytical report; the mentee submits hers at phone width; the curator sees
who has submitted."""

import io
from typing import Any

import docx
import pytest

from nastavnik.core.services import academic_year_current
from nastavnik.mentorships.models import Meeting, Mentorship, ParticipantReport, Program
from nastavnik.staff.models import StaffMember
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import PHONE, fits_width, login, screenshot

pytestmark = pytest.mark.browser

GOAL = "Адаптация молодого учителя истории в школе"
DONE = "Проведено 8 встреч, посещено 6 уроков наставляемого."
RESULTS = "Наставляемый провёл открытый урок «Смутное время»."
MENTEE_DONE = "Посетил уроки наставника, провёл открытый урок."


@pytest.fixture
def pair(transactional_db: Any) -> Any:
    world = build_world()
    year = academic_year_current()
    mentor = StaffMemberFactory.create(
        organization=world.org_a,
        last_name="Воронцова",
        first_name="Ирина",
        patronymic="Павловна",
        position="Учитель истории",
        user=world.mentor_a,
    )
    mentee = StaffMemberFactory.create(
        organization=world.org_a,
        last_name="Никитин",
        first_name="Артём",
        patronymic="Игоревич",
        gender=StaffMember.Gender.MALE,
        position="Учитель истории",
        user=world.mentee_a,
    )
    mentorship = Mentorship.objects.create(
        organization=world.org_a,
        academic_year=year,
        mentor=mentor,
        starts_on=year.starts_on,
        ends_on=year.ends_on,
    )
    mentorship.mentees.set([mentee])
    Program.objects.create(mentorship=mentorship, goal=GOAL, tasks="Освоить планирование")
    Meeting.objects.create(
        mentorship=mentorship,
        kind=Meeting.Kind.ORGANIZATIONAL,
        date=year.starts_on,
        topic="Знакомство",
        held=True,
    )
    return world, mentorship


def test_the_mentor_and_the_mentee_submit_their_reports(page: Any, pair: Any) -> None:
    world, mentorship = pair
    login(page, world.mentor_a.username, TEST_PASSWORD)
    page.goto(f"/mentorships/{mentorship.pk}/")
    page.click("#write-report")
    page.click("#submit-report")  # nothing filled: the form says what is missing
    assert page.locator(".alert-danger").count() == 1
    page.fill("#id_done", DONE)
    page.fill("#id_results", RESULTS)
    page.select_option("#id_self_assessment", "8")
    page.fill("#id_to_continue", "Взаимопосещение уроков")
    screenshot(page, "completion-report-form")
    assert fits_width(page)
    page.click("#submit-report")
    page.wait_for_url(f"**/mentorships/{mentorship.pk}/")
    rows = page.locator("#report-rows")
    assert "Воронцова Ирина Павловна" in rows.inner_text()
    assert ParticipantReport.objects.get(author__user=world.mentor_a).status == "submitted"
    screenshot(page, "completion-pair-reports")
    assert fits_width(page)

    # The analytical report: the sections prefilled from his report, edited, downloaded.
    page.click("#analytical-note")
    assert DONE in page.input_value("#id_k-work_done")
    page.fill("#id_k-recommendations", "Продолжить работу над дисциплиной в 6 «Б».")
    screenshot(page, "completion-analytical-note")
    with page.expect_download() as download:
        page.click("#make-note")
    with open(download.value.path(), "rb") as f:
        document = docx.Document(io.BytesIO(f.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text
    assert GOAL in text
    assert RESULTS in text
    assert "Продолжить работу над дисциплиной в 6 «Б»." in text
    page.context.clear_cookies()

    # The mentee at phone width.
    page.set_viewport_size(PHONE)
    login(page, world.mentee_a.username, TEST_PASSWORD)
    page.goto(f"/mentorships/{mentorship.pk}/")
    page.click("#write-report")
    page.fill("#id_done", MENTEE_DONE)
    page.fill("#id_results", "Освоил планирование уроков.")
    page.select_option("#id_self_assessment", "7")
    page.fill("#id_useful_forms", "Разбор уроков сразу после посещения.")
    page.select_option("#id_recommends_mentor", "yes")
    page.screenshot(path=str(_shot("completion-mentee-report-phone")), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.click("#submit-report")
    page.wait_for_url(f"**/mentorships/{mentorship.pk}/")
    report = ParticipantReport.objects.get(author__user=world.mentee_a)
    assert report.status == "submitted" and report.recommends_mentor is True
    page.context.clear_cookies()

    # The curator sees both submitted in the list.
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, world.curator_a.username, TEST_PASSWORD)
    page.goto(f"/organizations/{world.org_a.pk}/participant-reports/")
    assert "Никитин Артём Игоревич" in page.inner_text("#reports-table")
    screenshot(page, "completion-report-list")
    assert fits_width(page)

    # The curator returns the mentee's report for rework with a comment.
    page.click('#reports-table a:has-text("Никитин Артём Игоревич")')
    page.fill("#id_comment", "Опишите результаты по каждой задаче программы.")
    screenshot(page, "completion-report-return")
    page.click("#return-report")
    page.wait_for_url(f"**/mentorships/{mentorship.pk}/")
    report.refresh_from_db()
    assert report.status == "returned"
    assert not page.errors.errors


def _shot(name: str) -> Any:
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
