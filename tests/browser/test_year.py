"""Issue 11: the whole academic year of a new school in a real browser, as its people do it.

The administrator of the demo region creates a school and its curator; the curator runs the
year from the roadmap to the report that the municipality accepts; teachers answer the
questionnaires on phones, mentors keep programs and meetings, a mentee fills the portfolio;
the regional methodologist sees the school on the dashboard; the roadmap ends with every
activity done, each with its evidence.

Every kind of step is done in the browser at least once; where the same step repeats for many
people (ten answers, consents for everybody), one or two are done in the browser and the rest
through the services, as the comments say. The test fails on any response ≥ 400, any JavaScript
error and any English interface string left untranslated on a page. The screenshots of the
steps go to artifacts/screenshots/year/, or to the directory of YEAR_SCREENSHOTS (`make guide`
writes them into docs/guide/img/ for the curator's guide).
"""

import datetime
import io
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from nastavnik.accounts.models import User
from nastavnik.banks import services as banks
from nastavnik.banks.models import Consent, MenteeProfile, MentorProfile
from nastavnik.banks.selectors import competencies_for
from nastavnik.core.demo import DEMO_PASSWORD, demo_seed
from nastavnik.core.services import academic_year_current
from nastavnik.documents import services as documents
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.models import Document
from nastavnik.mentorships import completion
from nastavnik.mentorships import services as mentorships
from nastavnik.mentorships.models import Meeting, Mentorship, Program
from nastavnik.organizations.models import Municipality, Organization
from nastavnik.reports.models import AnnualReport
from nastavnik.roadmaps import services as roadmaps
from nastavnik.roadmaps.models import Activity, Roadmap
from nastavnik.roadmaps.selectors import roadmap_for, roadmap_rows
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import services as surveys
from nastavnik.surveys.models import Question, Questionnaire, Survey
from tests.browser.conftest import DESKTOP, PHONE, login
from tests.untranslated import untranslated

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("YEAR_SCREENSHOTS") or ROOT / "artifacts" / "screenshots" / "year")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
D = datetime.date

MUNICIPALITY = "Городской округ Светлогорск"
SCHOOL = "МБОУ «СОШ № 7»"
SCHOOL_FULL = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»"
CURATOR = ("kurator7", "Наставник-7-школа")
# The logins that the curator gives them (made from the names), and the passwords they choose.
MENTOR = ("orlova.gp", "Наставник-7-орлова")
MENTEE = ("lebedev.ad", "Наставник-7-лебедев")

HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Должность",
    "Преподаваемые предметы",
    "Педагогический стаж",
    "Дата приёма на работу",
    "Электронная почта",
]
# The staff list of the school: the curator, three experienced teachers, four young ones.
STAFF: list[list[Any]] = [
    ["Ёлкина", "Дарья", "Сергеевна", D(1984, 2, 3), "Заместитель директора", "Математика", 17,
     D(2012, 8, 25), "elkina@school7.example.ru"],
    ["Орлова", "Галина", "Петровна", D(1972, 5, 14), "Учитель математики", "Математика", 28,
     D(1998, 9, 1), "orlova@school7.example.ru"],
    ["Кириллов", "Сергей", "Иванович", D(1979, 10, 2), "Учитель истории", "История", 21,
     D(2005, 8, 30), "kirillov@school7.example.ru"],
    ["Зимина", "Наталья", "Олеговна", D(1981, 1, 20), "Учитель русского языка", "Русский язык",
     19, D(2007, 9, 1), "zimina@school7.example.ru"],
    ["Лебедев", "Артём", "Денисович", D(2001, 7, 7), "Учитель математики", "Математика", 1,
     D(2024, 8, 28), "lebedev@school7.example.ru"],
    ["Сафонова", "Алина", "Игоревна", D(2002, 3, 11), "Учитель истории", "История", 0,
     D(2025, 8, 29), "safonova@school7.example.ru"],
    ["Горина", "Полина", "Сергеевна", D(2000, 12, 1), "Учитель русского языка", "Русский язык",
     2, D(2023, 9, 1), "gorina@school7.example.ru"],
    ["Титов", "Максим", "Андреевич", D(1999, 4, 9), "Учитель математики", "Математика", 3,
     D(2022, 9, 1), "titov@school7.example.ru"],
]  # fmt: skip
MENTORS = ["Орлова", "Кириллов", "Зимина"]
MENTEES = ["Лебедев", "Сафонова", "Горина", "Титов"]


# --- the checks on every page ------------------------------------------------------------


class Year:
    """The browser, the checks made on every page and the screenshots of the steps."""

    def __init__(self, page: Any, browser: Any, live_server: Any) -> None:
        self.page = page
        self.browser = browser
        self.live_server = live_server
        self.problems: list[str] = []
        self.number = 0
        self.started = time.monotonic()
        SHOTS.mkdir(parents=True, exist_ok=True)

    def check(self, page: Any | None = None) -> None:
        page = page or self.page
        text = page.evaluate("document.body.innerText")
        found = untranslated(text)
        if found:
            self.problems.append(f"{page.url}: untranslated {found}")

    def shot(self, name: str, page: Any | None = None, phone: bool = False) -> None:
        """Check the page and save it: desktop, or phone width for a teacher's phone."""
        page = page or self.page
        self.check(page)
        self.number += 1
        if os.environ.get("YEAR_TIMES"):
            print(f"{time.monotonic() - self.started:6.1f} s  {name}")
        size = PHONE if phone else DESKTOP
        page.set_viewport_size(size)
        height = page.evaluate("document.documentElement.scrollHeight")
        path = SHOTS / f"year-{name}.png"
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(height, 1600)}
        page.screenshot(path=str(path), full_page=True, clip=clip)
        if not phone:
            page.set_viewport_size(DESKTOP)

    def as_user(self, username: str, password: str = DEMO_PASSWORD) -> None:
        self.page.context.clear_cookies()
        login(self.page, username, password)
        self.check()

    def go(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state()
        self.check()

    def click(self, selector: str, **kwargs: Any) -> None:
        self.page.locator(selector, **kwargs).first.click()
        self.page.wait_for_load_state()
        self.check()

    def phone(self) -> Any:
        """A teacher's phone: another browser context, not logged in."""
        context = self.browser.new_context(
            viewport=PHONE, locale="ru-RU", base_url=self.live_server.url
        )
        phone = context.new_page()
        phone.set_default_timeout(10_000)
        phone.errors = self.page.errors  # type: ignore[attr-defined]
        phone.errors.attach(phone)
        return phone


def success(page: Any) -> str:
    return str(page.locator(".alert-success").first.inner_text())


# --- data helpers: what the services do for the people the browser does not visit ------------


def staff_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in STAFF:
        sheet.append(row)
    for column in ("D", "H"):
        for cell in sheet[column][1:]:
            cell.number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def person(school: Organization, last_name: str) -> StaffMember:
    return StaffMember.objects.get(organization=school, last_name=last_name)


def option(staff: StaffMember) -> str:
    """How a person is offered in the selects of a document form."""
    return f"{staff.full_name} — {staff.position}"


def scan(name: str = "скан.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def sign_consent(actor: User, staff: StaffMember, kind: str) -> None:
    consent = banks.consent_issue(actor=actor, staff=staff, kind=kind)
    banks.consent_sign(actor=actor, consent=consent, scan=scan(), signed_at=timezone.localdate())


def auto_answers(
    survey: Survey, chosen: dict[str, list[str]] | None = None
) -> dict[int, list[str]]:
    """An answer to every question of the questionnaire (the first option, a middle mark, a
    short text), with `chosen` answers by question code."""
    chosen = chosen or {}
    competencies = [str(c.pk) for c in surveys.competency_choices(survey)]
    data: dict[int, list[str]] = {}
    for q in survey.questionnaire.questions.all():
        if q.code in chosen:
            data[q.pk] = chosen[q.code]
            continue
        kind = q.kind
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            data[q.pk] = [q.options[0]]
        elif kind == Question.Kind.SCALE5:
            data[q.pk] = ["4"]
        elif kind == Question.Kind.SCALE10:
            data[q.pk] = ["9"]
        elif kind == Question.Kind.NUMBER:
            data[q.pk] = ["2"]
        elif kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
            data[q.pk] = ["Всё устраивает, работаем по плану."]
        elif kind == Question.Kind.DATE:
            data[q.pk] = [timezone.localdate().isoformat()]
        elif kind == Question.Kind.PEOPLE:
            # The preferred mentors (mentees) come from the mentor (mentee) bank only.
            data[q.pk] = [str(p.pk) for p in surveys.people_choices(survey, q)[:1]]
        elif kind == Question.Kind.COMPETENCIES:
            data[q.pk] = competencies[:2]
    return data


def answer(survey: Survey, staff: StaffMember, chosen: dict[str, list[str]] | None = None) -> None:
    """A teacher answers by the personal link (through the service the answer page calls)."""
    invitation = survey.invitations.get(staff=staff)
    token = surveys.issue_link(invitation)
    saved = surveys.save_answers(token, auto_answers(survey, chosen), final=True)
    assert saved.ok, saved.errors


def token_of(staff: StaffMember) -> str:
    letter = next(m for m in reversed(mail.outbox) if m.to == [staff.email])
    return re.findall(r"/s/([A-Za-z0-9_\-]+)/", str(letter.body))[-1]


def wait_for_batch(page: Any) -> None:
    deadline = time.monotonic() + 20
    while page.locator("#download-zip").count() == 0:
        assert time.monotonic() < deadline, page.locator("main").inner_text()
        page.wait_for_timeout(300)
        page.reload()


def launch_survey(
    y: Year,
    school: Organization,
    template: Questionnaire,
    audience: str,
    names: list[str],
    shot: str | None,
) -> Survey:
    """The curator creates a survey from the library's questionnaire and launches it."""
    page = y.page
    y.go(f"{reverse('surveys:survey_create', args=[school.pk])}?template={template.pk}")
    page.check(f"#survey-form input[name=audience][value={audience}]")
    for name in names:
        page.locator("#audience-people label", has_text=name).first.click()
    if shot:
        y.shot(f"{shot}-form")
    y.click("#survey-form button[type=submit]")
    page.locator("#launch-survey").wait_for()
    y.click("#launch-survey")
    if shot:
        y.shot(f"{shot}-launched")
    return Survey.objects.filter(organization=school).latest("pk")


def service_survey(actor: User, school: Organization, template: Questionnaire) -> Survey:
    """A survey of both banks created and launched through the services."""
    year = academic_year_current()
    today = timezone.localdate()
    survey = surveys.survey_create(
        actor=actor,
        organization=school,
        year=year,
        template=template,
        title=template.title,
        anonymous=False,
        audience=Survey.Audience.BOTH_BANKS,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
    )
    surveys.survey_launch(actor=actor, survey=survey)
    return survey


def interim_no(survey: Survey) -> str:
    question = survey.questionnaire.questions.get(code="need_help")
    return next(o for o in question.options if not o.startswith("Да"))


def final_event(actor: User, school: Organization, day: datetime.date) -> Any:
    """The order on the final round table (signed) and the event itself, held."""
    from nastavnik.mentorships import events

    elkina = person(school, "Ёлкина")
    participants = list(
        StaffMember.objects.filter(organization=school, last_name__in=MENTORS + MENTEES)
    )
    kind = get_kind("order_final_event")
    order = documents.document_create(
        actor=actor,
        organization=school,
        kind=kind,
        number=documents.next_number(organization=school, kind=kind, day=day),
        day=day,
        title=str(kind.default_title),
        data={
            "form": "round_table",
            "topic": "Лучшие практики наставничества",
            "date": day.isoformat(),
            "time": "",
            "place": "Актовый зал",
            "responsible": elkina.pk,
            "participants": [p.pk for p in participants],
        },
    )
    documents.document_sign(actor=actor, document=order, scan=scan(), signed_at=day)
    event = events.event_save(
        actor=actor,
        organization=school,
        year=academic_year_current(),
        participants=participants,
        kind="round_table",
        title="Итоговый круглый стол «Лучшие практики наставничества»",
        date=day,
    )
    return events.event_mark_held(actor=actor, event=event)


# The evidence of the activities that no signed document proves: the page of the system where
# the work of the activity is seen (a title fragment → the URL name).
EVIDENCE_PAGES = [
    ("оперативных совещаниях", "roadmaps:program"),
    ("Сбор информации о профессиональных запросах", "surveys:survey_list"),
    ("Формирование банка данных наставляемых", "banks:mentee_bank"),
    ("анкетирования среди потенциальных", "surveys:survey_list"),
    ("Формирование банка данных наставников", "banks:mentor_bank"),
    ("Анализ банка наставников", "matching:proposal"),
    ("Обучение наставников", "mentorships:event_list"),
    ("Формирование наставнических пар", "mentorships:mentorship_list"),
    ("Разработка персонализированных", "mentorships:mentorship_list"),
    ("комплекса последовательных встреч", "mentorships:calendar_organization"),
    ("психолого-педагогической поддержки", "matching:support"),
    ("текущего контроля", "surveys:survey_list"),
    ("Мониторинг качества", "monitoring:organization_dashboard"),
    ("личной удовлетворенности", "surveys:survey_list"),
    ("Заслушивание отчетов", "mentorships:report_list"),
    ("конференции или семинара", "event"),
    ("Освещение мероприятий", "roadmaps:public_page"),
    ("Внесение данных об итогах", "banks:mentee_bank"),
    ("Сбор информации о реализации", "reports:report"),
]
DOCUMENT_OF_FACT = {
    "regulation_signed": "order_implementation",
    "curator_order_signed": "order_curator",
    "pair_order_signed": "order_pairs",
    "final_event_order_signed": "order_final_event",
    "award_order_signed": "order_award",
}


def close_roadmap(y: Year, actor: User, school: Organization, roadmap: Roadmap, event: Any) -> None:
    """The curator links the evidence of each activity and marks it done: the training of the
    mentors in the browser, the rest through the services."""
    page = y.page
    base = settings.SITE_URL.rstrip("/")  # as the links of the system's letters

    def evidence_url(title: str) -> str:
        for fragment, name in EVIDENCE_PAGES:
            if fragment in title:
                if name == "event":
                    return base + reverse("mentorships:event_detail", args=[event.pk])
                return base + reverse(name, args=[school.pk])
        raise AssertionError(f"no evidence for «{title}»")

    training = Activity.objects.get(
        stage__roadmap=roadmap, title__startswith="Обучение наставников"
    )
    y.go(reverse("roadmaps:activity_edit", args=[school.pk, training.pk]))
    page.fill("#id_evidence-url", evidence_url(training.title))
    page.fill("#id_evidence-note", "Установочная сессия и общая встреча наставников")
    y.click("#add-evidence")
    assert "Подтверждение добавлено" in success(page)
    page.select_option("#id_status", label="выполнено")
    y.shot("roadmap-activity-evidence")
    y.click("main button[type=submit]", has_text="Сохранить")
    assert "Мероприятие сохранено" in success(page)

    for activity in Activity.objects.filter(stage__roadmap=roadmap).exclude(pk=training.pk):
        if activity.fact in DOCUMENT_OF_FACT:
            document = Document.objects.get(
                organization=school, kind=DOCUMENT_OF_FACT[activity.fact], status="signed"
            )
            roadmaps.evidence_add(actor=actor, activity=activity, document=document)
            continue
        roadmaps.evidence_add(actor=actor, activity=activity, url=evidence_url(activity.title))
        if not activity.fact:
            roadmaps.activity_update(
                actor=actor,
                activity=activity,
                people=list(activity.responsible_people.all()),
                status=Activity.Status.DONE,
            )


# --- the test ------------------------------------------------------------------------------


@pytest.fixture
def demo(transactional_db: Any) -> Municipality:
    demo_seed()
    return Municipality.objects.get(name=MUNICIPALITY)


def test_a_new_school_goes_through_the_whole_year(
    page: Any, browser: Any, live_server: Any, demo: Municipality
) -> None:
    y = Year(page, browser, live_server)
    year = academic_year_current()
    today = timezone.localdate()

    # === 1. The administrator creates the school and its curator. ============================
    y.as_user("admin")
    y.click("text=Добавить организацию")
    page.select_option("#id_municipality", label=MUNICIPALITY)
    page.fill("#id_full_name", SCHOOL_FULL)
    page.fill("#id_short_name", SCHOOL)
    page.fill("#id_head_last_name", "Мельникова")
    page.fill("#id_head_first_name", "Ольга")
    page.fill("#id_head_patronymic", "Ивановна")
    y.shot("admin-organization-form")
    y.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == SCHOOL
    school = Organization.objects.get(short_name=SCHOOL)
    y.click("text=Добавить человека")
    page.fill("#id_last_name", "Ёлкина")
    page.fill("#id_first_name", "Дарья")
    page.fill("#id_patronymic", "Сергеевна")
    page.fill("#id_email", "elkina@school7.example.ru")
    page.fill("#id_username", CURATOR[0])
    page.fill("#id_password1", CURATOR[1])
    page.fill("#id_password2", CURATOR[1])
    page.select_option("#id_role", "curator")
    page.select_option("#id_organization", label=f"{SCHOOL} ({MUNICIPALITY})")
    y.shot("admin-curator-form")
    y.click("main button[type=submit]")
    assert page.locator("h1").inner_text().startswith("Ёлкина Дарья Сергеевна")
    curator = User.objects.get(username=CURATOR[0])

    # The curator logs in for the first time and creates the roadmap from the template.
    y.as_user(*CURATOR)
    assert page.locator("h1").inner_text() == "Здравствуйте, Дарья!"
    y.shot("curator-home-empty")
    y.click("#nav .nav-link", has_text="Дорожная карта")
    y.click("#create-standard")
    assert "Дорожная карта на" in success(page)
    roadmap = Roadmap.objects.get(organization=school, academic_year=year)
    y.shot("roadmap-created")

    # === 2. The staff list from XLSX. ===========================================================
    y.click("#nav .nav-link", has_text="Педагоги")
    y.click("#import-staff")
    page.set_input_files(
        "#id_file", files=[{"name": "педагоги.xlsx", "mimeType": XLSX, "buffer": staff_xlsx()}]
    )
    y.click("#upload-staff")
    page.locator("#confirm-import").wait_for()
    assert page.locator("#count-create").inner_text() == str(len(STAFF))
    y.shot("staff-import-preview")
    y.click("#confirm-import")
    assert "Список работников загружен" in success(page)
    # The curator is on the list she loaded: the import links her own account, made by the
    # administrator, to her record (the orders name her as the curator), and says so.
    assert "Ваша учётная запись связана" in page.locator(".alert-info").first.inner_text()
    y.shot("staff-list")
    assert StaffMember.objects.filter(organization=school).count() == len(STAFF)
    elkina = person(school, "Ёлкина")
    orlova, lebedev = person(school, "Орлова"), person(school, "Лебедев")
    assert elkina.user == curator
    y.go(reverse("banks:person_detail", args=[school.pk, elkina.pk]))
    assert page.locator("#account-login").inner_text() == CURATOR[0]
    y.shot("curator-account-linked")

    # The order that approves the Regulation and the roadmap, and the curator's order: made in
    # the browser, printed, signed by the director and their scans attached.
    y.click("#nav .nav-link", has_text="Документы")
    page.click("#new-document")
    y.click(".dropdown-menu .dropdown-item", has_text="Приказ о внедрении целевой модели")
    page.fill("#id_k-start_date", today.isoformat())
    page.select_option("#id_k-curator", label="Ёлкина Дарья Сергеевна — Заместитель директора")
    y.shot("order-implementation-form")
    y.click("#document-form button[type=submit]")
    assert "Документ сформирован" in success(page)
    page.set_input_files(
        "#id_scan", files=[{"name": "приказ.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.fill("#id_signed_at", today.isoformat())
    y.click("button", has_text="Прикрепить подписанный скан")
    assert "Подписанный скан прикреплён" in success(page)
    y.shot("order-implementation-signed")
    y.click("#nav .nav-link", has_text="Документы")
    page.click("#new-document")
    y.click(".dropdown-menu .dropdown-item", has_text="Приказ о назначении куратора")
    page.select_option("#id_rows-0-person", label="Ёлкина Дарья Сергеевна — Заместитель директора")
    y.click("#document-form button[type=submit]")
    page.set_input_files(
        "#id_scan", files=[{"name": "приказ.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.fill("#id_signed_at", today.isoformat())
    y.click("button", has_text="Прикрепить подписанный скан")
    assert Document.objects.filter(organization=school, status="signed").count() == 2

    # The questionnaires: the curator launches the mentee questionnaire for the young teachers
    # and the mentor questionnaire for the experienced ones; the letters go out by e-mail.
    library = {q.kind: q for q in surveys.library_for(school)}
    mentee_survey = launch_survey(
        y, school, library[Questionnaire.Kind.MENTEE_NEEDS], "people", MENTEES, "mentee-survey"
    )
    mentor_survey = launch_survey(
        y, school, library[Questionnaire.Kind.MENTOR_POTENTIAL], "people", MENTORS, None
    )

    # A young teacher answers on the phone by the link of the letter, without logging in.
    phone = y.phone()
    phone.goto(f"/s/{token_of(lebedev)}/")
    questions = {q.code or q.text[:20]: q for q in mentee_survey.questionnaire.questions.all()}
    how_long = next(q for q in questions.values() if q.text.startswith("Как долго"))
    need_now = next(q for q in questions.values() if q.text.startswith("Насколько вам нужна"))
    competencies = list(competencies_for(school.municipality.region).order_by("order", "pk"))
    phone.fill(f"#q{questions['experience'].pk}", "1")
    phone.click(f"label[for=q{how_long.pk}-1]")
    phone.click(f"label[for=q{questions['difficulty'].pk}-1]")
    phone.click(f"label[for=q{questions['needs'].pk}-{competencies[0].pk}]")
    phone.click(f"label[for=q{questions['needs'].pk}-{competencies[1].pk}]")
    phone.fill(
        f"#q{questions['needs_text'].pk}", "Хочу научиться держать дисциплину в 5-х классах."
    )
    phone.click(f"label[for=q{need_now.pk}-5]")
    y.shot("teacher-answers-phone", phone, phone=True)
    phone.click("#send-answers")
    phone.wait_for_load_state()
    assert "Спасибо! Ваши ответы отправлены." in phone.locator("main").inner_text()
    y.shot("teacher-thanks-phone", phone, phone=True)
    phone.context.close()
    # The other teachers answer the same way; here through the service of the answer page.
    for name in MENTEES[1:]:
        answer(mentee_survey, person(school, name))
    for name in MENTORS:
        answer(
            mentor_survey, person(school, name), {"capacity": ["2" if name == "Орлова" else "1"]}
        )

    # Consents first (nobody enters a bank without the signed consent to the processing of
    # personal data): the forms for everybody at once, registered as issued, printed and signed
    # on paper; the scans are uploaded on each person's card (one here in the browser, the
    # others through the service).
    y.click("#nav .nav-link", has_text="Документы")
    page.click("#new-document")
    only_staff = re.compile(r"^\s*Согласие на обработку персональных данных\s*$")
    y.click(".dropdown-menu .dropdown-item", has_text=only_staff)
    page.locator("label", has_text="Все").first.click()
    y.shot("consents-batch")
    y.click("button[type=submit]", has_text="Сформировать документы")
    wait_for_batch(page)
    y.shot("consents-batch-done")
    y.go(reverse("banks:person_detail", args=[school.pk, lebedev.pk]))
    block = page.locator("#consent-personal_data")
    if block.locator("button", has_text="Выдать бланк").count():
        y.click("#consent-personal_data button", has_text="Выдать бланк")
        block = page.locator("#consent-personal_data")
    block.locator("#scan-personal_data").set_input_files(
        files=[{"name": "согласие.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    y.click("#consent-personal_data button", has_text="Загрузить")
    assert "Подписанное согласие сохранено" in success(page)
    y.shot("consent-signed")
    for staff in StaffMember.objects.filter(organization=school, last_name__in=MENTEES + MENTORS):
        kinds = [Consent.Kind.PERSONAL_DATA]
        if staff.last_name in MENTORS:
            kinds.append(Consent.Kind.DUTIES)
        for kind in kinds:
            if not Consent.objects.filter(staff=staff, kind=kind, status="signed").exists():
                sign_consent(curator, staff, kind)

    # The answers go into the banks when the curator confirms them.
    y.go(reverse("surveys:survey_results", args=[mentee_survey.pk]))
    y.shot("survey-results")
    for survey in (mentee_survey, mentor_survey):
        y.go(reverse("surveys:survey_detail", args=[survey.pk]))
        y.click("#to-bank")
        if survey == mentee_survey:
            y.shot("survey-to-bank")
        y.click("#move-to-bank")
    assert MenteeProfile.objects.filter(organization=school).count() == len(MENTEES)
    assert MentorProfile.objects.filter(organization=school).count() == len(MENTORS)

    # === 3. The banks are confirmed: the mentors are selected, with places and forms. =========
    y.click("#nav .nav-link", has_text="Банки")
    y.shot("mentee-bank")
    y.click(".nav-tabs .nav-link", has_text="Банк наставников")
    y.click("table a", has_text="Орлова Галина Петровна")
    page.select_option("#id_status", "selected")
    page.fill("#id_capacity", "2")
    page.get_by_label("учитель – учитель").check()
    y.shot("mentor-profile")
    y.click("main form button[type=submit]", has_text="Сохранить")
    assert success(page).startswith("Изменения сохранены")
    for profile in MentorProfile.objects.filter(organization=school).exclude(staff=orlova):
        banks.mentor_update(
            actor=curator,
            profile=profile,
            status=MentorProfile.Status.SELECTED,
            capacity=1,
            forms=["teacher_teacher"],
            motivation=profile.motivation,
            experience_text=profile.experience_text,
            result="",
            competencies=[(c.competency, 3) for c in profile.competencies.all()],
        )
    y.click(".nav-tabs .nav-link", has_text="Банк наставников")
    y.shot("mentor-bank")

    # The group meeting of mentors and mentees.
    y.go(reverse("mentorships:event_create", args=[school.pk]))
    page.select_option("#id_kind", "general_meeting")
    page.fill("#id_title", "Общая встреча наставников и наставляемых")
    page.fill("#id_date", today.isoformat())
    page.fill("#id_time", "15:00")
    page.fill("#id_place", "Актовый зал")
    page.check("#id_all_mentors")
    page.check("#id_all_mentees")
    y.click("main button[type=submit]")
    y.click("#mark-held")
    assert page.locator("#event-held").is_visible()
    y.shot("group-meeting")

    # The preference questionnaire after the meeting: whom each would like to work with.
    preference = launch_survey(
        y, school, library[Questionnaire.Kind.PREFERENCES], "both_banks", [], None
    )
    wanted = {"Лебедев": "Орлова", "Титов": "Орлова", "Сафонова": "Кириллов", "Горина": "Зимина"}
    for mentee_name, mentor_name in wanted.items():
        mentor_pk = str(person(school, mentor_name).pk)
        answer(preference, person(school, mentee_name), {"preferred_mentors": [mentor_pk]})
    for mentor_name in MENTORS:
        mentees = [str(person(school, m).pk) for m, n in wanted.items() if n == mentor_name]
        answer(preference, person(school, mentor_name), {"preferred_mentees": mentees})

    # The matching proposes the pairs with their reasons; the curator accepts them.
    y.click("#nav .nav-link", has_text="Подбор пар")
    assert page.locator("#matched").inner_text().startswith("4")
    page.locator("#pairs details.explanation summary").first.click()
    y.shot("matching-proposal")
    y.click("#accept-button")
    assert Mentorship.objects.filter(organization=school).count() == 4
    y.shot("matching-accepted")

    # The pair-assignment order opens filled with the accepted pairs; signed, its scan attached.
    y.click("#accepted a[href*=order_pairs]")
    formed = Mentorship.objects.filter(organization=school).order_by("pk")
    assert page.input_value("#id_rows-TOTAL_FORMS") == str(len(formed))
    for i, pair_formed in enumerate(formed):
        assert page.locator(f"#id_rows-{i}-mentor option:checked").inner_text() == option(
            pair_formed.mentor
        )
    y.shot("order-pairs-form")
    y.click("#document-form button[type=submit]")
    page.set_input_files(
        "#id_scan", files=[{"name": "приказ.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.fill("#id_signed_at", today.isoformat())
    y.click("button", has_text="Прикрепить подписанный скан")
    assert Document.objects.get(organization=school, kind="order_pairs").status == "signed"
    y.shot("order-pairs-signed")

    # The participants get their accounts: a login and a temporary password each, printed on
    # slips and handed over; at the first login each chooses a password of his or her own.
    y.click("#nav .nav-link", has_text="Педагоги")
    y.click("#tab-accounts")
    y.shot("accounts")
    y.click("#issue-accounts-submit")
    slips = {
        slip.locator(".fs-5").inner_text(): (
            slip.locator("[data-login]").inner_text(),
            slip.locator("[data-password]").inner_text(),
        )
        for slip in page.locator(".account-slip").all()
    }
    assert len(slips) == len(STAFF) - 1  # everybody but the curator takes part
    y.shot("accounts-issued")
    for staff, (username, password) in ((orlova, MENTOR), (lebedev, MENTEE)):
        assert slips[staff.full_name][0] == username
        y.as_user(username, slips[staff.full_name][1])
        assert page.url.endswith(reverse("password_change"))
        if staff == orlova:
            y.shot("first-login-password", phone=True)
            page.set_viewport_size(DESKTOP)
        page.fill("#id_old_password", slips[staff.full_name][1])
        page.fill("#id_new_password1", password)
        page.fill("#id_new_password2", password)
        y.click("main button[type=submit]")
        assert success(page) == "Пароль изменён."

    # === 4. The mentor writes the program of her pair; the curator approves it. ================
    pair = Mentorship.objects.get(organization=school, mentees=lebedev)
    assert pair.mentor == orlova
    y.as_user(*MENTOR)
    y.click("#nav .nav-link", has_text="Мои пары")
    y.shot("mentor-my-pairs")
    y.click(f"#mentorships a[href$='/mentorships/{pair.pk}/']")
    y.click("#edit-program")
    page.get_by_label("Цель").fill("Адаптация молодого учителя математики в школе")
    page.get_by_label("Задачи").fill(
        "Освоить планирование уроков по ФГОС\nНаладить дисциплину в 5 «А» классе"
    )
    y.shot("program-form")
    y.click("#submit-program")
    assert success(page) == "Программа отправлена куратору на утверждение."
    # The other programs through the service.
    for other in Mentorship.objects.filter(organization=school).exclude(pk=pair.pk):
        program = Program.objects.get_or_create(mentorship=other)[0]
        program = mentorships.program_update(
            actor=curator,
            program=program,
            goal="Профессиональная адаптация молодого педагога",
            tasks="Освоить планирование уроков",
            expected_results="",
            development_plan="",
            activities=[
                {
                    "title": a.title,
                    "kind": a.kind,
                    "due_on": a.due_on,
                    "responsible": "",
                    "status": a.status,
                    "done_on": a.done_on,
                }
                for a in program.activities.all()
            ]
            or [
                {
                    "title": "Организационная встреча",
                    "kind": "meeting",
                    "due_on": None,
                    "responsible": "",
                    "status": "planned",
                    "done_on": None,
                }
            ],
        )
        mentorships.program_submit(actor=curator, program=program)
        mentorships.program_approve(actor=curator, program=program)
    y.as_user(*CURATOR)
    y.go(reverse("mentorships:mentorship_detail", args=[pair.pk]))
    y.click("#approve-program")
    assert success(page) == "Программа утверждена."
    y.shot("program-approved")

    # Meetings: the mentor logs the organizational meeting; the others log theirs.
    y.as_user(*MENTOR)
    y.go(reverse("mentorships:mentorship_detail", args=[pair.pk]))
    y.click("#add-meeting")
    page.fill("#id_time", "15:30")
    page.fill("#id_duration", "45")
    page.fill("#id_place", "Кабинет 214")
    page.fill("#id_topic", "Знакомство, ожидания и план работы")
    page.get_by_label("Встреча состоялась").check()
    y.shot("meeting-form")
    y.click("main form button[type=submit]", has_text="Сохранить")
    assert success(page) == "Встреча сохранена."
    y.shot("meeting-logged")
    formal = Mentorship.objects.get(organization=school, mentees=person(school, "Сафонова"))
    for other in Mentorship.objects.filter(organization=school).exclude(
        pk__in=[pair.pk, formal.pk]
    ):
        mentorships.meeting_log(
            actor=curator,
            mentorship=other,
            attended=[other.mentor, *other.mentees.all()],
            kind=Meeting.Kind.ORGANIZATIONAL,
            date=today,
            topic="Знакомство и план работы",
            held=True,
        )

    # The mentee adds an open lesson to the portfolio, on the phone.
    y.as_user(*MENTEE)
    page.set_viewport_size(PHONE)
    y.go(reverse("mentorships:mentorship_detail", args=[pair.pk]))
    y.click("#add-portfolio")
    page.get_by_label("Вид").select_option(label="открытый урок")
    page.get_by_label("Заголовок").fill("Открытый урок «Дроби на координатной прямой»")
    page.set_input_files(
        "#id_file", files=[{"name": "конспект.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    y.shot("portfolio-form-phone", phone=True)
    y.click("main form button[type=submit]", has_text="Сохранить")
    assert success(page) == "Запись добавлена в портфолио."
    y.shot("portfolio-phone", phone=True)
    page.set_viewport_size(DESKTOP)

    # The interim questionnaire for the pairs (created and answered through the services; the
    # curator reads the results).
    interim = service_survey(curator, school, library[Questionnaire.Kind.INTERIM])
    for staff in StaffMember.objects.filter(organization=school, last_name__in=MENTEES):
        answer(interim, staff, {"need_help": [interim_no(interim)]})
    surveys.survey_close(actor=curator, survey=interim)

    # A pair that has not met since it was formed is flagged as formal. (Its start is moved
    # back by 45 days here: the time the year would take.)
    Mentorship.objects.filter(pk=formal.pk).update(starts_on=today - datetime.timedelta(days=45))
    y.as_user(*CURATOR)
    y.click("#nav .nav-link", has_text="Пары")
    assert "Кириллов Сергей Иванович" in page.locator(".alert-warning").inner_text()
    y.shot("formal-pair-flagged")
    # The curator talks to the mentor; the pair meets and the flag goes.
    mentorships.meeting_log(
        actor=curator,
        mentorship=formal,
        attended=[formal.mentor, *formal.mentees.all()],
        kind=Meeting.Kind.ORGANIZATIONAL,
        date=today,
        topic="Знакомство и план работы",
        held=True,
    )
    page.reload()
    assert page.locator(".alert-warning", has_text="Кириллов").count() == 0
    y.shot("formal-pair-recovered")

    # === 5. The end of the year. ===============================================================
    # Satisfaction questionnaires (services) and the reports of the participants.
    for questionnaire_kind, names in (
        (Questionnaire.Kind.SATISFACTION_MENTEE, MENTEES),
        (Questionnaire.Kind.SATISFACTION_MENTOR, MENTORS),
    ):
        survey = service_survey(curator, school, library[questionnaire_kind])
        for name in names:
            answer(survey, person(school, name))
        surveys.survey_close(actor=curator, survey=survey)

    y.as_user(*MENTOR)
    y.go(reverse("mentorships:mentorship_detail", args=[pair.pk]))
    y.click("#write-report")
    page.fill("#id_done", "Проведено 9 встреч, посещено 6 уроков наставляемого.")
    page.fill("#id_results", "Наставляемый провёл открытый урок, освоил планирование по ФГОС.")
    page.select_option("#id_self_assessment", "8")
    page.fill("#id_to_continue", "Взаимопосещение уроков")
    y.shot("mentor-report-form")
    y.click("#submit-report")
    y.click("#analytical-note")
    y.shot("analytical-note")
    with page.expect_download() as download:
        page.click("#make-note")
    assert download.value.suggested_filename.endswith(".docx")

    y.as_user(*MENTEE)
    page.set_viewport_size(PHONE)
    y.go(reverse("mentorships:mentorship_detail", args=[pair.pk]))
    y.click("#write-report")
    page.fill("#id_done", "Посетил уроки наставника, провёл открытый урок.")
    page.fill("#id_results", "Освоил планирование уроков.")
    page.select_option("#id_self_assessment", "8")
    page.fill("#id_useful_forms", "Разбор уроков сразу после посещения.")
    page.select_option("#id_recommends_mentor", "yes")
    y.shot("mentee-report-phone", phone=True)
    y.click("#submit-report")
    page.set_viewport_size(DESKTOP)
    for other in Mentorship.objects.filter(organization=school).exclude(pk=pair.pk):
        for author, author_role in completion.authors(other):
            participant_report = completion.report_for(other, author, author_role)
            values = {
                "done": "Встречи по плану программы.",
                "results": "Цели программы достигнуты.",
                "self_assessment": 8,
            }
            if author_role == "mentee":
                values.update(useful_forms="Посещение уроков", recommends_mentor=True)
            completion.report_save(
                actor=curator, report=participant_report, values=values, submit=True
            )

    # The final round table: the order (service), the event, a practice into the library.
    y.as_user(*CURATOR)
    event = final_event(curator, school, today)
    y.go(reverse("mentorships:event_detail", args=[event.pk]))
    y.click("#add-practice")
    page.fill("#id_title", "Взаимопосещение уроков с листом наблюдения")
    page.select_option("#id_authors", str(orlova.pk))
    page.fill("#id_tags", "анализ урока, молодой педагог")
    page.fill("#id_description", "Наставник и молодой учитель посещают уроки друг друга.")
    page.set_input_files(
        "#id_file", files=[{"name": "лист.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    y.shot("practice-form")
    y.click("#save-practice")
    y.click("#publish")
    y.shot("practice-published")

    # Rewards: the nominations and the reward order made from them, signed.
    y.go(reverse("practices:nomination_list", args=[school.pk]))
    y.click("#new-nomination")
    page.select_option("#id_staff", str(orlova.pk))
    page.select_option("#id_kind", index=1)
    page.fill("#id_reason", "За успешное наставничество молодого учителя математики")
    y.shot("nomination-form")
    y.click("main form button[type=submit]")
    y.click("#nominations button", has_text="Утвердить")
    y.shot("nominations")
    y.click("#make-order")
    page.set_input_files(
        "#id_scan", files=[{"name": "приказ.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.fill("#id_signed_at", today.isoformat())
    y.click("button", has_text="Прикрепить подписанный скан")
    assert Document.objects.get(organization=school, kind="order_award").status == "signed"

    # The report for the year goes to the municipality.
    y.go(reverse("reports:report", args=[school.pk]))
    page.fill("#id_conclusions", "Программа наставничества выполнена: все четыре пары работали.")
    y.click("#save-report")
    y.shot("annual-report")
    y.click("#submit-report")
    annual = AnnualReport.objects.get(organization=school)
    assert annual.status == AnnualReport.Status.SUBMITTED

    y.as_user("municipality")
    y.go(reverse("reports:municipality_reports", args=[school.municipality_id]))
    y.shot("municipality-reports")
    y.click("tr.report-row a", has_text=SCHOOL)
    y.click("#accept-report")
    annual.refresh_from_db()
    assert annual.status == AnnualReport.Status.ACCEPTED
    y.shot("municipality-accepted")

    y.as_user("region")
    y.go(reverse("monitoring:region_dashboard", args=[school.municipality.region_id]))
    page.click(f"[data-drill='{MUNICIPALITY}']")
    page.wait_for_selector("#rows-table")
    assert SCHOOL in page.locator("#rows-table").inner_text()
    page.wait_for_timeout(600)  # the charts' animation
    y.shot("region-dashboard")

    # === 6. The roadmap: every activity done, each with its evidence. ===========================
    y.as_user(*CURATOR)
    close_roadmap(y, curator, school, roadmap, event)
    y.click("#nav .nav-link", has_text="Дорожная карта")
    total = Activity.objects.filter(stage__roadmap=roadmap).count()
    assert f"Выполнено {total} из {total} мероприятий" in page.locator("main").inner_text()
    y.shot("roadmap-done")
    # Each page links to its section of the guide.
    y.click("#help-link")
    assert page.url.endswith("/guide/curator/#roadmap")
    assert page.locator("#guide-text h1").inner_text() == "Руководство куратора наставничества"
    y.shot("guide")
    rows = roadmap_rows(roadmap_for(school, year), today)  # type: ignore[arg-type]
    for row in rows:
        for item in row["items"]:
            assert item["state"].done, item["activity"].title
            assert item["activity"].evidence.exists(), item["activity"].title

    # (The guide shows the screenshots of the last run; one this run adds may not exist yet.)
    errors = [e for e in page.errors.errors if "/guide/img/" not in e]  # type: ignore[attr-defined]
    assert not errors, errors
    assert not y.problems, "\n".join(y.problems)
