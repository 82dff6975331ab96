"""The staff-list import, consents, the person's card and the banks of mentees and mentors,
in a real browser (issue 4, first part)."""

import datetime
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from nastavnik.banks import services
from nastavnik.banks.models import (
    Competency,
    Consent,
    MenteeProfile,
    MentorProfile,
)
from nastavnik.banks.selectors import competencies_for
from nastavnik.core.services import academic_year_for
from nastavnik.staff.models import StaffMember
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import fits_width, login, screenshot

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Должность",
    "Педагогический стаж",
    "Дата приёма на работу",
]
D = datetime.date
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

# Four teachers; the second has an impossible date of birth, the third no surname.
TEACHERS_WITH_MISTAKES: list[list[Any]] = [
    ["Петрова", "Ольга", "Николаевна", D(1988, 4, 12), "Учитель русского языка", 12, D(2012, 9, 1)],
    ["Смирнов", "Дмитрий", "Алексеевич", "31.02.1995", "Учитель физики", 5, D(2019, 8, 15)],
    ["", "Анна", "Викторовна", D(2000, 11, 3), "Учитель начальных классов", 1, D(2024, 9, 1)],
    ["Волков", "Игорь", "Сергеевич", D(1979, 7, 7), "Учитель истории", 20, D(2005, 9, 1)],
]
TEACHERS_FIXED: list[list[Any]] = [
    TEACHERS_WITH_MISTAKES[0],
    ["Смирнов", "Дмитрий", "Алексеевич", "28.02.1995", "Учитель физики", 5, D(2019, 8, 15)],
    [
        "Кузнецова",
        "Анна",
        "Викторовна",
        D(2000, 11, 3),
        "Учитель начальных классов",
        1,
        D(2024, 9, 1),
    ],
    TEACHERS_WITH_MISTAKES[3],
]
IMPORTED = [
    "Петрова Ольга Николаевна",
    "Смирнов Дмитрий Алексеевич",
    "Кузнецова Анна Викторовна",
    "Волков Игорь Сергеевич",
]

LEBEDEVA = "Лебедева Ксения Андреевна"
LEBEDEVA_POSITION = "Учитель английского языка"
ORLOV = "Орлов Павел Дмитриевич"
ORLOV_POSITION = "Учитель математики"

NEED_LESSONS = "Планирование уроков в соответствии с ФГОС"
NEED_DISCIPLINE = "Дисциплина и управление классом"
SKILL_PARENTS = "Работа с родителями (законными представителями)"
SKILL_PROJECTS = "Организация проектной и исследовательской деятельности обучающихся"


@pytest.fixture
def world(transactional_db: Any) -> Any:
    return build_world()


def staff_xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    for column in ("D", "G"):
        for cell in sheet[column][1:]:
            cell.number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def open_nav(page: Any, label: str) -> None:
    page.locator("#nav .nav-link", has_text=label).click()
    page.wait_for_load_state()


def upload_staff_list(page: Any, name: str, content: bytes) -> None:
    """On the import page: choose the file and press «Загрузить и проверить»."""
    assert page.locator("h1").inner_text() == "Загрузка списка работников"
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": XLSX, "buffer": content}])
    page.locator("#upload-staff", has_text="Загрузить и проверить").click()
    page.wait_for_load_state()


def young_teacher(world: Any) -> StaffMember:
    """A young specialist of school A: 25 years old, one year of experience."""
    today = timezone.localdate()
    return StaffMemberFactory.create(
        organization=world.org_a,
        last_name="Лебедева",
        first_name="Ксения",
        patronymic="Андреевна",
        gender="female",
        position=LEBEDEVA_POSITION,
        birth_date=D(today.year - 25, 5, 10),
        experience_years=1,
        experience_as_of=today,
        hired_on=D(today.year - 1, 9, 1),
    )


def experienced_teacher(world: Any) -> StaffMember:
    return StaffMemberFactory.create(
        organization=world.org_a,
        last_name="Орлов",
        first_name="Павел",
        patronymic="Дмитриевич",
        gender="male",
        position=ORLOV_POSITION,
        birth_date=D(1975, 3, 2),
        experience_years=25,
        experience_as_of=timezone.localdate(),
        hired_on=D(2001, 9, 1),
    )


def sign_data_consent(world: Any, person: StaffMember) -> Consent:
    consent = services.consent_issue(
        actor=world.curator_a, staff=person, kind=Consent.Kind.PERSONAL_DATA
    )
    return services.consent_sign(
        actor=world.curator_a,
        consent=consent,
        scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4 x"),
        signed_at=timezone.localdate(),
    )


def competency(world: Any, name: str) -> Competency:
    return competencies_for(world.region).get(name=name)


def test_the_curator_imports_the_staff_list_fixes_it_and_confirms(page: Any, world: Any) -> None:
    login(page, "curator_a", TEST_PASSWORD)
    open_nav(page, "Педагоги")
    assert page.locator("h1").inner_text() == "Педагогические работники"
    page.click("#import-staff")
    page.wait_for_load_state()
    upload_staff_list(page, "педагоги.xlsx", staff_xlsx(TEACHERS_WITH_MISTAKES))

    # The preview: the problems with their rows, in Russian, and nothing to confirm.
    problems = page.locator("#problems")
    problems.wait_for()
    assert page.locator("#count-problems").inner_text() == "2"
    assert page.locator("#count-create").inner_text() == "2"
    rows = problems.locator("tbody tr")
    assert rows.count() == 2
    date_row = [c.strip() for c in rows.nth(0).locator("td").all_inner_texts()]
    assert date_row[0] == "3"
    assert date_row[1] == "Смирнов Дмитрий Алексеевич"
    assert date_row[2] == "Дата рождения"
    assert "«31.02.1995» — это не дата" in date_row[3]
    surname_row = [c.strip() for c in rows.nth(1).locator("td").all_inner_texts()]
    assert surname_row[0] == "4"
    assert surname_row[1] == "Анна Викторовна"
    assert surname_row[2] == "Фамилия"
    assert surname_row[3] == "Заполните фамилию."
    assert page.locator("#confirm-import").count() == 0
    screenshot(page, "import-problems")
    assert StaffMember.objects.filter(organization=world.org_a).count() == 3  # nothing saved

    # The corrected file.
    page.locator("a", has_text="Загрузить исправленный файл").click()
    page.wait_for_load_state()
    upload_staff_list(page, "педагоги-исправлено.xlsx", staff_xlsx(TEACHERS_FIXED))
    page.locator("#confirm-import").wait_for()
    assert page.locator("#count-create").inner_text() == "4"
    assert page.locator("#count-update").inner_text() == "0"
    assert page.locator("#count-problems").inner_text() == "0"
    assert page.locator("#problems").count() == 0
    people = page.locator("main").inner_text()
    for name in IMPORTED:
        assert name in people
    screenshot(page, "import-preview")
    page.locator("#confirm-import", has_text="Подтвердить и загрузить").click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Педагогические работники"
    assert "Список работников загружен" in page.locator(".alert-success").first.inner_text()
    listed = page.locator("#results").inner_text()
    for name in IMPORTED:
        assert name in listed
    stored = StaffMember.objects.filter(organization=world.org_a)
    assert stored.count() == 7
    smirnov = stored.get(last_name="Смирнов")
    assert smirnov.birth_date == D(1995, 2, 28)
    assert smirnov.gender == "male"
    assert smirnov.experience_years == 5
    assert stored.get(last_name="Кузнецова").hired_on == D(2024, 9, 1)
    assert page.errors.errors == []


def test_the_curator_gets_a_consent_signed_and_the_person_enters_the_bank(
    page: Any, world: Any, tmp_path: Path
) -> None:
    person = young_teacher(world)
    login(page, "curator_a", TEST_PASSWORD)
    open_nav(page, "Педагоги")
    page.locator("#results a", has_text=LEBEDEVA).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == LEBEDEVA
    assert page.locator(".page-header .badge", has_text="молодой специалист").is_visible()
    assert person.pk and f"/staff/{person.pk}/" in page.url

    block = page.locator("#consent-personal_data")
    assert "Обработка персональных данных" in block.inner_text()
    assert block.locator(".badge").first.inner_text() == "не запрошено"
    block.locator("button", has_text="Выдать бланк").click()
    page.wait_for_load_state()
    assert "Бланк согласия готов" in page.locator(".alert-success").first.inner_text()
    block = page.locator("#consent-personal_data")
    assert block.locator(".badge").first.inner_text() == "выдано, не подписано"

    with page.expect_download() as download_info:
        block.locator("a", has_text="Бланк для подписи").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert LEBEDEVA in download.suggested_filename
    path = tmp_path / "consent.docx"
    download.save_as(str(path))
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert LEBEDEVA in text

    block.locator("#scan-personal_data").set_input_files(
        files=[{"name": "согласие.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    block.locator("button", has_text="Загрузить").click()
    page.wait_for_load_state()
    assert "Подписанное согласие сохранено" in page.locator(".alert-success").first.inner_text()
    block = page.locator("#consent-personal_data")
    assert block.locator(".badge").first.inner_text() == "подписано"
    assert block.locator("a", has_text="Подписанный скан").is_visible()
    assert block.locator("#scan-personal_data").count() == 0
    screenshot(page, "person-card")

    open_nav(page, "Банки")
    assert page.locator(".nav-tabs .nav-link.active").inner_text() == "Банк наставляемых"
    page.get_by_label("Добавить человека в банк наставляемых").select_option(
        label=f"{LEBEDEVA} — {LEBEDEVA_POSITION}"
    )
    page.click("#add-mentee")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == LEBEDEVA
    assert "Человек добавлен в банк наставляемых" in page.locator(".alert-success").inner_text()
    assert page.locator("#id_category option:checked").inner_text() == "молодой специалист"

    lessons = competency(world, NEED_LESSONS)
    discipline = competency(world, NEED_DISCIPLINE)
    page.get_by_label(NEED_LESSONS).check()
    page.get_by_label(NEED_DISCIPLINE).check()
    page.select_option(f"#id_source_{lessons.pk}", label="анкета")
    page.get_by_label("Запросы и затруднения своими словами").fill(
        "Трудно удерживать внимание шестиклассников на уроке."
    )
    screenshot(page, "mentee-form")
    page.locator("main button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()

    assert page.locator(".alert-success").first.inner_text().startswith("Изменения сохранены")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    row = rows.first
    assert LEBEDEVA in row.inner_text()
    assert row.locator(".badge", has_text="молодой специалист").is_visible()
    assert row.locator(".badge", has_text="нет согласия").count() == 0
    assert f"{NEED_LESSONS}; {NEED_DISCIPLINE}" in row.inner_text()
    screenshot(page, "mentee-bank")

    profile = MenteeProfile.objects.get(staff=person)
    assert profile.category == MenteeProfile.Category.YOUNG
    assert profile.needs_text == "Трудно удерживать внимание шестиклассников на уроке."
    assert dict(profile.needs.values_list("competency_id", "source")) == {
        lessons.pk: "questionnaire",
        discipline.pk: "curator",
    }
    assert page.errors.errors == []


def test_a_person_without_a_consent_is_refused_with_a_russian_message(
    page: Any, world: Any
) -> None:
    experienced_teacher(world)
    login(page, "curator_a", TEST_PASSWORD)
    open_nav(page, "Банки")
    page.get_by_label("Добавить человека в банк наставляемых").select_option(
        label=f"{ORLOV} — {ORLOV_POSITION}"
    )
    page.click("#add-mentee")
    page.wait_for_load_state()

    refusal = page.locator(".alert-danger").inner_text()
    assert f"У человека {ORLOV} нет подписанного согласия на обработку персональных данных" in (
        refusal
    )
    assert page.locator(".nav-tabs .nav-link.active").inner_text() == "Банк наставляемых"
    assert page.locator("table").count() == 0
    assert "В банке наставляемых этого года пока никого нет." in page.locator("main").inner_text()
    assert MenteeProfile.objects.count() == 0
    assert page.errors.errors == []


def test_the_curator_fills_the_mentor_bank(page: Any, world: Any) -> None:
    person = experienced_teacher(world)
    sign_data_consent(world, person)
    parents = competency(world, SKILL_PARENTS)
    projects = competency(world, SKILL_PROJECTS)
    login(page, "curator_a", TEST_PASSWORD)
    open_nav(page, "Банки")
    page.locator(".nav-tabs .nav-link", has_text="Банк наставников").click()
    page.wait_for_load_state()
    assert page.locator(".nav-tabs .nav-link.active").inner_text() == "Банк наставников"
    page.get_by_label("Добавить человека в банк наставников").select_option(
        label=f"{ORLOV} — {ORLOV_POSITION}"
    )
    page.click("#add-mentor")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == ORLOV
    assert "Человек добавлен в банк наставников" in page.locator(".alert-success").inner_text()

    # «Active» needs the consent to mentoring duties, which is not signed.
    page.select_option("#id_status", "active")
    page.locator("main form button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()
    refusal = page.locator("form .alert-danger").inner_text()
    assert "нет подписанного согласия на выполнение обязанностей наставника" in refusal
    assert MentorProfile.objects.get(staff=person).status == MentorProfile.Status.CANDIDATE

    page.select_option("#id_status", "selected")
    assert page.locator("#id_status option:checked").inner_text() == "отобран"
    page.fill("#id_capacity", "2")
    page.get_by_label("учитель – учитель").check()
    page.get_by_label(SKILL_PARENTS).check()
    page.select_option(f"#id_level_{parents.pk}", label="экспертный")
    page.get_by_label(SKILL_PROJECTS).check()
    page.select_option(f"#id_level_{projects.pk}", label="базовый")
    page.get_by_label("Опыт, которым готов делиться").fill(
        "Проектная деятельность, работа с родителями пятиклассников."
    )
    screenshot(page, "mentor-form")
    page.locator("main form button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").first.inner_text().startswith("Изменения сохранены")

    # The training he attended.
    page.locator("table a", has_text=ORLOV).click()
    page.wait_for_load_state()
    page.select_option("#id_kind", label="установочная сессия")
    page.fill("#id_title", "Установочная сессия")
    page.locator("button", has_text="Отметить обучение").click()
    page.wait_for_load_state()
    assert "Обучение отмечено" in page.locator(".alert-success").first.inner_text()
    assert "Установочная сессия (установочная сессия)" in page.locator(".card").inner_text()
    assert page.locator("#id_status option:checked").inner_text() == "прошёл обучение"

    page.locator("a", has_text="Банк наставников").first.click()
    page.wait_for_load_state()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    cells = [c.strip() for c in rows.first.locator("td").all_inner_texts()]
    assert ORLOV in cells[0]
    assert "нет согласия на обязанности" in cells[0]
    assert "нет согласия на ОПД" not in cells[0]
    assert cells[1] == "Прошёл обучение"
    assert cells[2] == "2"
    assert f"{SKILL_PROJECTS} (базовый)" in cells[3]
    assert f"{SKILL_PARENTS} (экспертный)" in cells[3]
    assert "мест для наставляемых: 2" in page.locator("main").inner_text()
    screenshot(page, "mentor-bank")

    profile = MentorProfile.objects.get(staff=person)
    assert profile.capacity == 2
    assert profile.forms == ["teacher_teacher"]
    assert profile.status == MentorProfile.Status.TRAINED
    assert profile.trainings.get().kind == "session"
    # The statuses speak of a mentor (he or she), not of a role: «активен», not «активна».
    page.locator("table a", has_text=ORLOV).click()
    page.wait_for_load_state()
    statuses = page.locator("#id_status option").all_inner_texts()
    assert statuses == ["кандидат", "отобран", "прошёл обучение", "активен", "исключён"]
    assert page.errors.errors == []


def test_the_bank_pages_fit_a_phone(page: Any, world: Any) -> None:
    young = young_teacher(world)
    mentor = experienced_teacher(world)
    sign_data_consent(world, young)
    sign_data_consent(world, mentor)
    services.consent_issue(actor=world.curator_a, staff=mentor, kind=Consent.Kind.DUTIES)
    year = academic_year_for(timezone.localdate())
    mentee = services.mentee_add(actor=world.curator_a, staff=young, year=year)
    services.mentee_update(
        actor=world.curator_a,
        profile=mentee,
        category=MenteeProfile.Category.YOUNG,
        status=MenteeProfile.Status.WAITING,
        needs_text="",
        result="",
        needs=[(competency(world, NEED_LESSONS), "questionnaire")],
    )
    services.mentor_add(actor=world.curator_a, staff=mentor, year=year)
    organization = world.org_a.pk

    login(page, "curator_a", TEST_PASSWORD)
    pages = [
        ("bank-mentees", f"/organizations/{organization}/banks/mentees/"),
        ("bank-mentors", f"/organizations/{organization}/banks/mentors/"),
        ("consents", f"/organizations/{organization}/consents/"),
        ("person-card-mentor", f"/organizations/{organization}/staff/{mentor.pk}/"),
        ("staff-import", f"/organizations/{organization}/staff/import/"),
    ]
    # Every page is looked at (and photographed) before the verdict, so that one failure
    # names all the pages that scroll sideways.
    scrolling = []
    for name, url in pages:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        screenshot(page, name)
        if not fits_width(page):
            scrolling.append(url)

    # The preview of a file with problems has the widest table of all.
    page.goto(f"/organizations/{organization}/staff/import/")
    upload_staff_list(page, "педагоги.xlsx", staff_xlsx(TEACHERS_WITH_MISTAKES))
    page.locator("#problems").wait_for()
    screenshot(page, "import-problems-phone-check")
    if not fits_width(page):
        scrolling.append(page.url)
    assert scrolling == [], f"these pages scroll sideways: {scrolling}"
    assert page.errors.errors == []


def test_the_regional_methodologist_edits_the_needs_list(page: Any, world: Any) -> None:
    login(page, "regional", TEST_PASSWORD)
    page.click(f"#nav a[href='/regions/{world.region.pk}/banks/']")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Правила и запросы региона"
    before = page.locator("#competencies li").count()
    assert before == sum(1 for _ in competencies_for(world.region, active_only=False))
    page.fill("#new-group", "Цифровые компетенции")
    page.fill("#new-name", "Наставничество в цифровой среде")
    page.locator("main form", has=page.locator("#new-name")).locator(
        "button", has_text="Добавить"
    ).click()
    page.wait_for_load_state()
    assert "Перечень запросов и компетенций сохранён" in page.locator(".alert-success").inner_text()
    assert page.locator("#competencies li").count() == before + 1
    last = page.locator("#competencies li").last
    assert last.locator("input[name=group]").input_value() == "Цифровые компетенции"
    assert last.locator("input[name=name]").input_value() == "Наставничество в цифровой среде"
    assert last.locator("input[name=is_active]").is_checked()
    screenshot(page, "region-needs")
    added = Competency.objects.get(region=world.region, name="Наставничество в цифровой среде")
    assert added.group == "Цифровые компетенции"
    assert added.is_active

    # Each row is a form of its own: switching the item off keeps it for the past years.
    last.locator("input[name=is_active]").uncheck()
    last.locator("button", has_text="Сохранить").click()
    page.wait_for_load_state()
    assert "Перечень запросов и компетенций сохранён" in page.locator(".alert-success").inner_text()
    last = page.locator("#competencies li").last
    assert last.locator("input[name=name]").input_value() == "Наставничество в цифровой среде"
    assert not last.locator("input[name=is_active]").is_checked()
    added.refresh_from_db()
    assert not added.is_active
    assert added.group == "Цифровые компетенции"
    assert page.errors.errors == []
