"""Issue 12 accepted in a real browser on the demo college: the curator imports a list of
students (one a minor, with the parent), runs the students' questionnaire for the first-year
group, forms a «работодатель – студент» pair with the employer's mentor, and makes the
parent's consent for the minor."""

import datetime
import io
import zipfile
from typing import Any

import pytest
from django.utils import timezone, translation
from openpyxl import Workbook

from nastavnik.core.demo import DEMO_PASSWORD, demo_seed
from nastavnik.mentorships.models import Mentorship
from nastavnik.organizations.models import Organization
from nastavnik.staff import importing
from nastavnik.staff.models import PersonKind, StaffMember
from nastavnik.surveys.models import Questionnaire, Survey
from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
TODAY = timezone.localdate()


def students_xlsx() -> bytes:
    with translation.override("ru"):
        fields = {c.field: str(c.label) for c in importing.STUDENTS.columns}
    rows = [
        {
            "last_name": "Веснина",
            "first_name": "Алёна",
            "patronymic": "Игоревна",
            "birth_date": TODAY.replace(year=TODAY.year - 16) - datetime.timedelta(days=40),
            "study_group": "ПНК-11",
            "course": 1,
            "representative_name": "Веснин Игорь Петрович",
        },
        {
            "last_name": "Озеров",
            "first_name": "Павел",
            "patronymic": "Андреевич",
            "birth_date": TODAY.replace(year=TODAY.year - 19),
            "study_group": "ПНК-11",
            "course": 1,
        },
    ]
    book = Workbook()
    sheet = book.active
    names = ["last_name", "first_name", "patronymic", "birth_date", "study_group", "course"]
    names.append("representative_name")
    sheet.append([fields[n] for n in names])
    for row in rows:
        sheet.append([row.get(n, "") for n in names])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def college(transactional_db: Any) -> Organization:
    demo_seed()
    return Organization.objects.get(kind=Organization.Kind.COLLEGE)


def test_the_college_curator_runs_mentorship_of_students(page: Any, college: Organization) -> None:
    login(page, "mentor", DEMO_PASSWORD)  # the demo mentor is the curator of the college
    page.goto(f"/organizations/{college.pk}/students/")
    page.click("#import-students")
    page.wait_for_load_state()
    page.set_input_files(
        "#id_file", files=[{"name": "студенты.xlsx", "mimeType": XLSX, "buffer": students_xlsx()}]
    )
    page.click("#upload-staff")
    page.wait_for_load_state()
    page.locator("#confirm-import").click()
    page.wait_for_load_state()
    minor = StaffMember.objects.get(organization=college, last_name="Веснина")
    assert minor.kind == PersonKind.STUDENT
    assert minor.representative_name == "Веснин Игорь Петрович"
    assert minor.study_group is not None and minor.study_group.name == "ПНК-11"
    row = page.locator("#students tr", has_text="Веснина Алёна Игоревна")
    assert "младше 18" in row.inner_text()
    assert "Озеров Павел Андреевич" in page.locator("#students").inner_text()
    screenshot(page, "college-01-students")

    # The questionnaire of interests and abilities for the first-year group.
    template = Questionnaire.objects.get(
        region=college.municipality.region, organization=None, kind="student_interests"
    )
    page.goto(f"/organizations/{college.pk}/surveys/new/?template={template.pk}")
    page.fill("#id_title", "Интересы первокурсников")
    page.check("#survey-form input[name=audience][value=students]")
    page.locator("#audience-study-groups label", has_text="ПНК-11").click()
    screenshot(page, "college-02-survey-audience")
    page.click("#survey-form button[type=submit]")
    page.wait_for_selector("#launch-survey")
    page.click("#launch-survey")
    page.wait_for_load_state()
    survey = Survey.objects.get(title="Интересы первокурсников")
    assert survey.launched_at is not None
    invited = set(survey.invitations.values_list("staff__last_name", flat=True))
    assert {"Веснина", "Озеров", "Ершова"} <= invited
    assert "Миронова" not in invited  # a third-year student

    # The parent's consent for the minor: made in the parent's name, signed, uploaded.
    page.goto(f"/organizations/{college.pk}/staff/{minor.pk}/")
    assert "Веснин Игорь Петрович" in page.locator("#minor-note").inner_text()
    block = page.locator("#consent-personal_data")
    block.locator("button[type=submit]", has_text="Выдать бланк").click()
    page.wait_for_load_state()
    block = page.locator("#consent-personal_data")
    with page.expect_download() as download:
        block.locator("a", has_text="Бланк для подписи").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        text = archive.read("word/document.xml").decode()
    assert "Веснин Игорь Петрович" in text
    assert "являясь родителем (законным представителем) несовершеннолетнего" in text
    block.locator("#scan-personal_data").set_input_files(
        files=[{"name": "согласие.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    block.locator("button[type=submit]", has_text="Загрузить").click()
    page.wait_for_load_state()
    assert "дал(а) Веснин Игорь Петрович" in page.locator("#consent-personal_data").inner_text()
    screenshot(page, "college-03-parent-consent")

    # The pair «работодатель – студент» with the employer's mentor.
    page.goto(f"/organizations/{college.pk}/mentorships/new/")
    mentor = page.get_by_label("Наставник", exact=True)
    mentor.select_option(label=mentor.locator("option", has_text="Крылова").inner_text().strip())
    mentees = page.get_by_label("Наставляемый (наставляемые)")
    mentees.select_option(label=mentees.locator("option", has_text="Веснина").inner_text().strip())
    page.get_by_label("Форма наставничества").select_option(label="работодатель – студент")
    page.get_by_label("Тип").select_option(label="индивидуальное")
    page.fill("#id_ends_on", (TODAY + datetime.timedelta(days=180)).isoformat())
    page.locator("main form button[type=submit]", has_text="Сформировать").click()
    page.wait_for_load_state()
    pair = Mentorship.objects.get(organization=college, mentees=minor)
    assert pair.form == "employer_student"
    assert pair.mentor.kind == PersonKind.EXTERNAL
    screenshot(page, "college-04-pair")
    assert page.errors.errors == []  # type: ignore[attr-defined]
