"""Pairs and groups in a real browser: the curator forms a pair, the mentor writes the
personalized program, the mentee comments on it, the curator approves it; meetings, the
portfolio, the refusal of a mentor without the consent to the duties, and the phone width."""

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.banks.models import Consent, MenteeProfile, MentorProfile
from nastavnik.banks.services import consent_issue, consent_sign, mentee_add, mentor_add
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships import services
from nastavnik.mentorships.models import Meeting, Mentorship, PortfolioItem, Program
from nastavnik.staff.models import StaffMember
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import SCREENSHOTS, login, screenshot

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PHONE_390 = {"width": 390, "height": 844}

VORONTSOVA = "Воронцова Ирина Павловна"
VORONTSOVA_POSITION = "Учитель истории и обществознания"
NIKITIN = "Никитин Артём Игоревич"
NIKITIN_POSITION = "Учитель истории"
ORLOV = "Орлов Павел Дмитриевич"
ORLOV_POSITION = "Учитель математики"

GOAL = "Адаптация молодого учителя истории в школе"
TASKS = "Освоить планирование уроков по ФГОС\nНаладить дисциплину в 6 «Б» классе"
LESSONS = "Посещение уроков наставника в 6 «Б» классе"
COMMENT = "Добавьте, пожалуйста, подготовку к ВПР по истории."
TOPIC = "Знакомство, ожидания и план работы"
PORTFOLIO_TITLE = "Открытый урок «Смутное время»"


@pytest.fixture
def world(transactional_db: Any) -> Any:
    return build_world()


class People:
    """The mentor (linked to mentor_a), the mentee (linked to mentee_a) and Orlov, who has
    signed only the consent to the processing of personal data."""

    def __init__(self, world: Any) -> None:
        self.year = academic_year_current()
        self.mentor = StaffMemberFactory.create(
            organization=world.org_a,
            last_name="Воронцова",
            first_name="Ирина",
            patronymic="Павловна",
            gender="female",
            position=VORONTSOVA_POSITION,
            user=world.mentor_a,
        )
        self.mentee = StaffMemberFactory.create(
            organization=world.org_a,
            last_name="Никитин",
            first_name="Артём",
            patronymic="Игоревич",
            gender="male",
            position=NIKITIN_POSITION,
            user=world.mentee_a,
        )
        self.orlov = StaffMemberFactory.create(
            organization=world.org_a,
            last_name="Орлов",
            first_name="Павел",
            patronymic="Дмитриевич",
            gender="male",
            position=ORLOV_POSITION,
        )
        sign(world, self.mentor, Consent.Kind.PERSONAL_DATA, Consent.Kind.DUTIES)
        sign(world, self.mentee, Consent.Kind.PERSONAL_DATA)
        sign(world, self.orlov, Consent.Kind.PERSONAL_DATA)
        mentor_add(actor=world.curator_a, staff=self.mentor, year=self.year)
        mentor_add(actor=world.curator_a, staff=self.orlov, year=self.year)
        mentee_add(actor=world.curator_a, staff=self.mentee, year=self.year)


def sign(world: Any, person: StaffMember, *kinds: str) -> None:
    for kind in kinds:
        consent_sign(
            actor=world.curator_a,
            consent=consent_issue(actor=world.curator_a, staff=person, kind=kind),
            scan=SimpleUploadedFile("scan.pdf", PDF),
            signed_at=timezone.localdate(),
        )


def pair(world: Any, people: People) -> Mentorship:
    """The pair as the curator forms it, through the service."""
    today = timezone.localdate()
    return services.mentorship_create(
        actor=world.curator_a,
        organization=world.org_a,
        year=people.year,
        mentor=people.mentor,
        mentees=[people.mentee],
        form="teacher_teacher",
        type="individual",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=200),
    )


def switch_user(page: Any, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, TEST_PASSWORD)


def open_nav(page: Any, label: str) -> None:
    page.locator("#nav .nav-link", has_text=label).click()
    page.wait_for_load_state()


def open_my_pair(page: Any) -> None:
    """From «Мои пары» to the only pair in the list."""
    open_nav(page, "Мои пары")
    assert page.locator("h1").inner_text() == "Мои пары и группы"
    page.locator("#mentorships a", has_text=VORONTSOVA).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"{VORONTSOVA} — {NIKITIN}"


def success(page: Any) -> str:
    return str(page.locator(".alert-success").first.inner_text())


def test_the_curator_forms_a_pair_by_hand(page: Any, world: Any) -> None:
    people = People(world)
    login(page, "curator_a", TEST_PASSWORD)
    open_nav(page, "Пары")
    assert page.locator("h1").inner_text() == "Пары и группы"
    assert "Пар и групп пока нет." in page.locator("#mentorships").inner_text()
    page.locator("#new-mentorship", has_text="Сформировать пару или группу").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Сформировать пару или группу"

    page.get_by_label("Наставник", exact=True).select_option(
        label=f"{VORONTSOVA} — {VORONTSOVA_POSITION}"
    )
    page.get_by_label("Наставляемый (наставляемые)").select_option(
        label=f"{NIKITIN} — {NIKITIN_POSITION}"
    )
    page.get_by_label("Форма наставничества").select_option(label="учитель – учитель")
    page.get_by_label("Тип").select_option(label="индивидуальное")
    today = timezone.localdate()
    ends = today + datetime.timedelta(days=180)
    assert page.locator("#id_starts_on").input_value() == today.isoformat()
    page.fill("#id_ends_on", ends.isoformat())
    screenshot(page, "mentorship-form")
    page.locator("main form button[type=submit]", has_text="Сформировать").click()
    page.wait_for_load_state()

    assert success(page) == "Пара сформирована; наставник может заполнить программу."
    assert page.locator("h1").inner_text() == f"{VORONTSOVA} — {NIKITIN}"
    assert page.locator("#program-status").inner_text() == "черновик"
    assert "Наставник ещё не составил программу." in page.locator("main").inner_text()
    activities = page.locator("main .card", has_text="Персонализированная программа")
    assert "Мероприятия: выполнено 0 из 6" in activities.inner_text()
    assert "Организационная встреча" in activities.inner_text()
    assert "Заключительная встреча" in activities.inner_text()
    screenshot(page, "mentorship-detail-new")

    page.locator(".page-header a", has_text="Пары и группы").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Пары и группы"
    rows = page.locator("#mentorships tbody tr")
    assert rows.count() == 1
    row = rows.first.inner_text()
    assert VORONTSOVA in row
    assert NIKITIN in row
    assert "учитель – учитель" in row
    assert f"{today:%d.%m.%Y} – {ends:%d.%m.%Y}" in row
    assert "программа: черновик" in row
    screenshot(page, "mentorship-list")

    mentorship = Mentorship.objects.get()
    assert mentorship.mentor == people.mentor
    assert list(mentorship.mentees.all()) == [people.mentee]
    assert (mentorship.starts_on, mentorship.ends_on) == (today, ends)
    assert mentorship.created_by == world.curator_a
    assert MenteeProfile.objects.get(staff=people.mentee).status == MenteeProfile.Status.PAIRED
    assert MentorProfile.objects.get(staff=people.mentor).status == MentorProfile.Status.ACTIVE
    assert page.errors.errors == []


def test_the_program_is_written_commented_on_and_approved(page: Any, world: Any) -> None:
    people = People(world)
    mentorship = pair(world, people)
    due = timezone.localdate() + datetime.timedelta(days=30)

    # The mentor writes the program and sends it for approval.
    login(page, "mentor_a", TEST_PASSWORD)
    open_my_pair(page)
    page.locator("#edit-program", has_text="Изменить программу").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Персонализированная программа"
    page.get_by_label("Цель").fill(GOAL)
    page.get_by_label("Задачи").fill(TASKS)
    # Six meetings of the sequence and an empty row for a new activity.
    assert page.locator("#id_a-TOTAL_FORMS").input_value() == "7"
    assert page.locator("#id_a-0-title").input_value() == "Организационная встреча"
    page.fill("#id_a-6-title", LESSONS)
    page.select_option("#id_a-6-kind", label="посещение урока")
    page.fill("#id_a-6-due_on", due.isoformat())
    page.fill("#id_a-6-responsible", "Воронцова И. П.")
    screenshot(page, "program-form")
    page.locator("#submit-program", has_text="Сохранить и отправить на утверждение").click()
    page.wait_for_load_state()

    assert success(page) == "Программа отправлена куратору на утверждение."
    assert page.locator("#program-status").inner_text() == "на утверждении"
    card = page.locator("main .card", has_text="Персонализированная программа")
    assert f"Цель: {GOAL}" in card.inner_text()
    assert "Освоить планирование уроков по ФГОС" in card.inner_text()
    assert "Наладить дисциплину в 6 «Б» классе" in card.inner_text()
    assert f"{LESSONS} — {due:%d.%m.%Y}" in card.inner_text()
    assert "Мероприятия: выполнено 0 из 7" in card.inner_text()
    assert page.locator("#approve-program").count() == 0  # the mentor does not approve
    mentor_errors = list(page.errors.errors)

    # The mentee reads it and comments.
    switch_user(page, "mentee_a")
    open_my_pair(page)
    assert page.locator("#edit-program").count() == 0
    assert page.locator("#approve-program").count() == 0
    assert "Комментариев пока нет." in page.locator("#comments").inner_text()
    page.get_by_label("Комментарий").fill(COMMENT)
    page.locator("main form button[type=submit]", has_text="Комментарий").click()
    page.wait_for_load_state()
    assert success(page) == "Комментарий добавлен."
    assert COMMENT in page.locator("#comments").inner_text()
    screenshot(page, "program-comment")

    # The curator sees the comment and approves the program.
    switch_user(page, "curator_a")
    open_nav(page, "Пары")
    row = page.locator("#mentorships tbody tr").first
    assert "программа: на утверждении" in row.inner_text()
    row.locator("a", has_text=VORONTSOVA).click()
    page.wait_for_load_state()
    comments = page.locator("#comments").inner_text()
    assert COMMENT in comments
    assert "Альфнаставляемова" in comments  # the author of the comment
    page.locator("#approve-program", has_text="Утвердить программу").click()
    page.wait_for_load_state()
    assert success(page) == "Программа утверждена."
    assert page.locator("#program-status").inner_text() == "утверждена"
    assert page.locator("#approve-program").count() == 0
    screenshot(page, "program-approved")

    program = Program.objects.get(mentorship=mentorship)
    assert program.status == Program.Status.APPROVED
    assert program.approved_at is not None
    assert program.goal == GOAL
    assert program.tasks.splitlines() == TASKS.splitlines()
    lessons = program.activities.get(title=LESSONS)
    assert (lessons.kind, lessons.due_on, lessons.responsible) == ("lesson", due, "Воронцова И. П.")
    assert program.activities.count() == 7
    assert program.comments.get().author == world.mentee_a
    assert mentor_errors == []
    assert page.errors.errors == []


def test_the_mentor_logs_the_organizational_meeting(page: Any, world: Any) -> None:
    people = People(world)
    mentorship = pair(world, people)
    today = timezone.localdate()
    login(page, "mentor_a", TEST_PASSWORD)
    open_my_pair(page)
    assert "Встреч пока нет." in page.locator("#meetings").inner_text()
    meetings_card = page.locator("main .card", has=page.locator("#meetings"))
    assert "Следующая по порядку: организационная встреча" in meetings_card.inner_text()
    page.locator("#add-meeting").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Новая встреча"

    # The form suggests the next kind of the sequence, today and both participants.
    assert page.locator("#id_kind option:checked").inner_text() == "организационная встреча"
    assert page.locator("#id_date").input_value() == today.isoformat()
    assert page.get_by_label(VORONTSOVA).is_checked()
    assert page.get_by_label(NIKITIN).is_checked()
    page.fill("#id_time", "15:30")
    page.fill("#id_duration", "45")
    page.fill("#id_place", "Кабинет 214")
    page.fill("#id_topic", TOPIC)
    page.get_by_label("Встреча состоялась").check()
    screenshot(page, "meeting-form")
    page.locator("main form button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()

    assert success(page) == "Встреча сохранена."
    meetings = page.locator("#meetings").inner_text()
    assert f"{today:%d.%m.%Y} 15:30 — организационная встреча: {TOPIC}" in meetings
    assert "Кабинет 214" in meetings
    assert "запланирована" not in meetings
    meetings_card = page.locator("main .card", has=page.locator("#meetings"))
    assert "Следующая по порядку: пробная встреча" in meetings_card.inner_text()
    program = page.locator("main .card", has_text="Персонализированная программа")
    assert "Мероприятия: выполнено 1 из 6" in program.inner_text()
    done = program.locator("li", has_text="Организационная встреча")
    assert done.locator("i.bi-check-circle.text-success").count() == 1
    assert program.locator("li", has_text="Пробная встреча").locator("i.bi-circle").count() == 1
    screenshot(page, "meeting-logged")

    meeting = Meeting.objects.get(mentorship=mentorship)
    assert (meeting.kind, meeting.held, meeting.date) == ("organizational", True, today)
    assert set(meeting.attended.all()) == {people.mentor, people.mentee}
    activity = mentorship.program.activities.get(title="Организационная встреча")
    assert (activity.status, activity.done_on) == ("done", today)
    assert page.errors.errors == []


def test_the_mentee_adds_a_file_to_the_portfolio(page: Any, world: Any) -> None:
    people = People(world)
    mentorship = pair(world, people)
    today = timezone.localdate()
    login(page, "mentee_a", TEST_PASSWORD)
    open_my_pair(page)
    assert "Портфолио пока пусто." in page.locator("#portfolio").inner_text()
    page.locator("#add-portfolio").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Запись в портфолио"
    assert page.locator("#id_date").input_value() == today.isoformat()
    page.get_by_label("Вид").select_option(label="открытый урок")
    page.get_by_label("Заголовок").fill(PORTFOLIO_TITLE)
    page.get_by_label("Описание").fill("6 «Б» класс, урок с групповой работой по источникам.")
    page.set_input_files(
        "#id_file",
        files=[{"name": "конспект урока.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    screenshot(page, "portfolio-form")
    page.locator("main form button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()

    assert success(page) == "Запись добавлена в портфолио."
    portfolio = page.locator("#portfolio").inner_text()
    assert f"{PORTFOLIO_TITLE} — открытый урок, {today:%d.%m.%Y}" in portfolio
    assert "6 «Б» класс, урок с групповой работой по источникам." in portfolio
    screenshot(page, "portfolio")

    item = PortfolioItem.objects.get()
    assert (item.staff, item.mentorship, item.kind) == (people.mentee, mentorship, "open_lesson")
    assert item.file.name.endswith(".pdf")
    with item.file.open("rb") as stored:
        assert stored.read() == PDF
    assert page.errors.errors == []


def test_a_mentor_without_the_duties_consent_is_refused_in_russian(page: Any, world: Any) -> None:
    People(world)
    login(page, "curator_a", TEST_PASSWORD)
    page.goto(f"/organizations/{world.org_a.pk}/mentorships/new/")
    page.get_by_label("Наставник", exact=True).select_option(label=f"{ORLOV} — {ORLOV_POSITION}")
    page.get_by_label("Наставляемый (наставляемые)").select_option(
        label=f"{NIKITIN} — {NIKITIN_POSITION}"
    )
    page.locator("main form button[type=submit]", has_text="Сформировать").click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Сформировать пару или группу"
    refusal = page.locator("main form .alert-danger").inner_text()
    assert (
        f"Нет подписанного согласия на выполнение обязанностей наставника: {ORLOV}. "
        "Наставник закрепляется только с его письменного согласия (ст. 351.8 ТК РФ)."
    ) in refusal
    # The choices stay as they were, for the curator to change the mentor.
    assert page.locator("#id_mentor option:checked").inner_text() == f"{ORLOV} — {ORLOV_POSITION}"
    screenshot(page, "mentorship-form-refused")
    assert Mentorship.objects.count() == 0
    assert Program.objects.count() == 0
    assert MenteeProfile.objects.get().status == MenteeProfile.Status.WAITING

    page.goto(f"/organizations/{world.org_a.pk}/mentorships/")
    assert "Пар и групп пока нет." in page.locator("#mentorships").inner_text()
    assert page.errors.errors == []


def test_the_list_of_pairs_fits_a_phone(page: Any, world: Any) -> None:
    people = People(world)
    mentorship = pair(world, people)
    login(page, "curator_a", TEST_PASSWORD)
    page.set_viewport_size(PHONE_390)
    pages = [
        f"/organizations/{world.org_a.pk}/mentorships/",
        f"/organizations/{world.org_a.pk}/mentorships/new/",
        f"/mentorships/{mentorship.pk}/",
        f"/mentorships/{mentorship.pk}/program/",
        f"/mentorships/{mentorship.pk}/meetings/new/",
        f"/mentorships/{mentorship.pk}/portfolio/new/",
    ]
    scrolling = []
    for url in pages:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        if page.evaluate("document.documentElement.scrollWidth") > PHONE_390["width"]:
            scrolling.append(url)
    page.goto(pages[0])
    row = page.locator("#mentorships tbody tr").first
    assert row.is_visible()
    assert f"Наставляемый (наставляемые): {NIKITIN}" in row.inner_text()  # the narrow layout
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "mentorship-list-390.png"), full_page=True)

    # The mentor's own list at the same width.
    switch_user(page, "mentor_a")
    page.set_viewport_size(PHONE_390)
    page.goto("/mentorships/mine/")
    if page.evaluate("document.documentElement.scrollWidth") > PHONE_390["width"]:
        scrolling.append(page.url)
    assert scrolling == [], f"these pages scroll sideways at 390 px: {scrolling}"
    assert page.errors.errors == []


def test_the_calendar_shows_the_next_meeting_and_its_feed_parses(page: Any, world: Any) -> None:
    from icalendar import Calendar

    people = People(world)
    mentorship = pair(world, people)
    day = timezone.localdate() + datetime.timedelta(days=2)
    services.meeting_log(
        actor=world.mentor_a,
        mentorship=mentorship,
        attended=[],
        kind="trial",
        date=day,
        time=datetime.time(14, 0),
        duration=40,
        place="Кабинет 214",
        topic="Разбор урока в 6 «Б»",
        held=False,
    )
    login(page, "mentor_a", TEST_PASSWORD)
    open_nav(page, "Мои пары")
    page.locator("#my-calendar").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Мой календарь"
    assert page.locator("#next-meeting").inner_text().strip() == (
        f"Следующая встреча: {day:%d.%m.%Y} 14:00 — пробная встреча: Разбор урока в 6 «Б», "
        "Кабинет 214"
    )
    if day.month == timezone.localdate().month:
        entry = page.locator("#calendar-grid .calendar-entry", has_text="Разбор урока")
        assert entry.inner_text().startswith("14:00 пробная встреча")
    page.locator("#feed-create").click()
    page.wait_for_load_state()
    assert success(page) == "Адрес вашего календаря готов."
    screenshot(page, "calendar")
    url = page.locator("#feed-url").input_value()
    response = page.request.get(url)
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "пробная встреча: Разбор урока в 6 «Б»" in summaries
    page.set_viewport_size(PHONE_390)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#calendar-agenda").is_visible() or day.month != timezone.localdate().month
    assert page.errors.errors == []
