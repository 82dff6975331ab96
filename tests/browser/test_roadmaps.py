"""The roadmap of an organization in a real browser: the standard roadmap, its activities and
evidence, the approval document, the risk register, publications and the overview."""

import datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.banks.services import consent_issue, consent_sign
from nastavnik.core.services import academic_year_current
from nastavnik.documents import services as documents
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.models import Document
from nastavnik.roadmaps import services
from nastavnik.roadmaps.models import Activity, Publication, Roadmap
from nastavnik.roadmaps.standard import STANDARD
from nastavnik.staff.models import StaffMember
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import DESKTOP, PageErrors, fits_width, login, screenshot

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PAIRS_TITLE = "О закреплении наставнических пар (групп)"
PAIRS_ACTIVITY = "Издание приказа о закреплении наставнических пар/групп"
MEETINGS_ACTIVITY = (
    "Обеспечение систематического рассмотрения вопросов организации наставничества на "
    "оперативных совещаниях и педагогических советах"
)
AWARD_ACTIVITY = "Мотивация и поощрение наставников"
TOTAL = sum(len(stage.activities) for stage in STANDARD)
DEFAULT_RISKS = [
    "Сдвиг сроков исполнения ключевых мероприятий программы",
    "Недостаточная мотивация участников программы",
    "Форс-мажорные обстоятельства",
    "Формализованное наставничество",
]
NIKITIN = "Никитин Артём Игоревич"
SOKOLOVA = "Соколова Елена Викторовна"


@pytest.fixture
def world(transactional_db: Any) -> Any:
    return build_world()


def open_nav(page: Any, label: str) -> None:
    page.locator("#nav .nav-link", has_text=label).click()
    page.wait_for_load_state()


def open_tab(page: Any, label: str) -> None:
    page.locator(".nav-tabs .nav-link", has_text=label).click()
    page.wait_for_load_state()


def sign(world: Any, person: StaffMember, kind: str) -> None:
    consent = consent_issue(actor=world.curator_a, staff=person, kind=kind)
    consent_sign(
        actor=world.curator_a,
        consent=consent,
        scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed"),
        signed_at=timezone.localdate(),
    )


def add_teachers(world: Any) -> tuple[StaffMember, StaffMember]:
    """Two more teachers of school A with the consents a pair needs (as in test_documents)."""
    nikitin = StaffMemberFactory.create(
        organization=world.org_a,
        last_name="Никитин",
        first_name="Артём",
        patronymic="Игоревич",
        gender="male",
        position="Учитель истории и обществознания",
    )
    sokolova = StaffMemberFactory.create(
        organization=world.org_a,
        last_name="Соколова",
        first_name="Елена",
        patronymic="Викторовна",
        gender="female",
        position="Учитель русского языка и литературы",
    )
    for person in (nikitin, sokolova):
        for kind in ("personal_data", "duties"):
            sign(world, person, kind)
    return nikitin, sokolova


def signed_pairs_order(world: Any) -> Document:
    """The pair-assignment order of school A, made and signed today through the services."""
    mentor, mentee = add_teachers(world)
    today = timezone.localdate()
    document = documents.document_create(
        actor=world.curator_a,
        organization=world.org_a,
        kind=get_kind("order_pairs"),
        number="1",
        day=today,
        title=PAIRS_TITLE,
        data={
            "regulation_number": "",
            "regulation_date": None,
            "programs_due": None,
            "curator": None,
            "rows": [
                {
                    "mentor": mentor.pk,
                    "mentees": [mentee.pk],
                    "form": "teacher_teacher",
                    "start": today.isoformat(),
                    "end": (today + datetime.timedelta(days=180)).isoformat(),
                }
            ],
        },
    )
    return documents.document_sign(
        actor=world.curator_a,
        document=document,
        scan=SimpleUploadedFile("signed.pdf", PDF),
        signed_at=today,
    )


def make_roadmap(world: Any) -> Roadmap:
    return services.roadmap_create(
        actor=world.curator_a, organization=world.org_a, year=academic_year_current()
    )


def activity(title: str) -> Activity:
    return Activity.objects.get(stage__roadmap__organization__short_name="Школа Альфа", title=title)


def docx_cells(path: Path) -> tuple[list[str], list[str]]:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return paragraphs, cells


def test_the_curator_creates_the_roadmap_edits_it_and_downloads_the_document(
    page: Any, world: Any, tmp_path: Path
) -> None:
    start_year = academic_year_current().start_year
    new_deadline = f"Сентябрь – октябрь {start_year}"
    login(page, "curator_a", TEST_PASSWORD)
    open_nav(page, "Дорожная карта")
    assert page.locator("h1").inner_text() == "Дорожная карта"
    assert "Дорожной карты на" in page.locator("main").inner_text()
    page.locator("#create-standard", has_text="Создать по стандартной дорожной карте").click()
    page.wait_for_load_state()

    # The nine stages of the standard roadmap with all their activities.
    assert "Дорожная карта на" in page.locator(".alert-success").first.inner_text()
    stages = page.locator("#roadmap tbody tr.table-light")
    assert stages.count() == len(STANDARD) == 9
    for i, stage in enumerate(STANDARD):
        assert stage.title in stages.nth(i).inner_text()
    assert page.locator("#roadmap tbody tr[id^=activity-]").count() == TOTAL
    assert page.locator(".progress[role=progressbar]").is_visible()
    assert f"Выполнено 0 из {TOTAL} мероприятий" in page.locator("main").inner_text()

    # An activity: a new deadline and «выполнено».
    meetings = activity(MEETINGS_ACTIVITY)
    page.locator("#roadmap a", has_text=MEETINGS_ACTIVITY).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == MEETINGS_ACTIVITY
    page.fill("#id_deadline", new_deadline)
    page.select_option("#id_status", label="выполнено")
    page.locator("main button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()
    assert "Мероприятие сохранено" in page.locator(".alert-success").first.inner_text()
    assert page.locator(".alert-warning").count() == 0  # the deadline was understood
    row = page.locator(f"#activity-{meetings.pk}")
    assert new_deadline in row.inner_text()
    assert f"срок 31.10.{start_year}" in row.inner_text()
    assert row.locator(".badge").inner_text() == "выполнено"
    assert f"Выполнено 1 из {TOTAL} мероприятий" in page.locator("main").inner_text()
    screenshot(page, "roadmap-table")

    # The activity completed by a signed order waits for it.
    pairs = activity(PAIRS_ACTIVITY)
    assert pairs.fact == "pair_order_signed"
    page.locator("#roadmap a", has_text="Издание приказа о закреплении наставнических пар").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == PAIRS_ACTIVITY
    waiting = page.locator(".alert-info").inner_text()
    assert "Выполнится автоматически, когда:" in waiting
    assert "Ожидается подписанный документ в реестре." in waiting

    # The order is made and signed; it is linked as the evidence.
    order = signed_pairs_order(world)
    page.reload()
    page.wait_for_load_state()
    page.select_option(
        "#id_evidence-document", label=f"{PAIRS_TITLE} № {order.number} {order.date:%d.%m.%Y}"
    )
    page.locator("#add-evidence", has_text="Добавить подтверждение").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == PAIRS_ACTIVITY
    assert "Подтверждение добавлено" in page.locator(".alert-success").first.inner_text()
    done = page.locator(".alert-success", has_text="Выполнено автоматически:")
    assert "Документ подписан, его скан есть в реестре." in done.inner_text()
    assert page.locator(".card a", has_text=f"{PAIRS_TITLE} № 1").is_visible()
    screenshot(page, "roadmap-activity")

    page.locator(".page-header a", has_text="Дорожная карта").click()
    page.wait_for_load_state()
    row = page.locator(f"#activity-{pairs.pk}")
    assert row.locator(".badge").inner_text() == "выполнено"
    assert "Документ подписан, его скан есть в реестре." in row.inner_text()
    assert row.locator("a", has_text=f"{PAIRS_TITLE} № 1").get_attribute("href") == (
        f"/organizations/{world.org_a.pk}/documents/{order.pk}/"
    )
    assert pairs.evidence.get().document == order
    assert Activity.objects.get(pk=pairs.pk).status == "planned"  # done by the fact itself

    # The months.
    open_tab(page, "По месяцам")
    assert page.locator(".nav-tabs .nav-link.active").inner_text() == "По месяцам"
    september = page.locator(".card", has_text=f"Сентябрь {start_year}")
    assert MEETINGS_ACTIVITY in september.inner_text()
    assert MEETINGS_ACTIVITY in page.locator(".card", has_text=f"Октябрь {start_year}").inner_text()
    all_year = page.locator("main h2.h5", has_text="В течение всего года")
    assert all_year.is_visible()
    assert "Освещение мероприятий дорожной карты — Постоянно" in page.locator("main").inner_text()
    screenshot(page, "roadmap-months")

    # The document for approval.
    open_tab(page, "Таблица")
    page.locator("#roadmap-docx", has_text="Документ на утверждение").click()
    page.wait_for_load_state()
    page.fill("#id_k-approval_number", "45-о")
    page.locator("#document-form button[type=submit]", has_text="Сформировать документ").click()
    page.wait_for_load_state()
    assert "Документ сформирован" in page.locator(".alert-success").first.inner_text()
    with page.expect_download() as download_info:
        page.click("#download-docx")
    assert download_info.value.suggested_filename.endswith(".docx")
    path = tmp_path / "roadmap.docx"
    download_info.value.save_as(str(path))

    paragraphs, cells = docx_cells(path)
    text = "\n".join(paragraphs + cells)
    assert "УТВЕРЖДАЮ" in text
    assert "ПРИНЯТ" in text
    assert "Приказ № 45-о от" in text
    titles = [p for p in paragraphs if p.startswith("Дорожная карта (план мероприятий)")]
    assert len(titles) == 1
    assert "Школа Альфа" in titles[0]
    for stage in STANDARD:
        assert stage.title in cells, stage.title
    assert new_deadline in cells
    assert any(c.startswith(f"1.3. {MEETINGS_ACTIVITY}") for c in cells)
    assert page.errors.errors == []


def test_the_home_page_shows_what_is_overdue(page: Any, world: Any) -> None:
    make_roadmap(world)
    today = timezone.localdate()
    start_year = academic_year_current().start_year
    past = datetime.date(start_year, 10, 1)
    if past >= today:
        past = today - datetime.timedelta(days=7)
    deadline = f"{past:%d.%m.%Y}"
    award = activity(AWARD_ACTIVITY)
    services.activity_update(actor=world.curator_a, activity=award, people=[], deadline=deadline)

    login(page, "curator_a", TEST_PASSWORD)
    assert page.locator("h1").inner_text().startswith("Здравствуйте")
    card = page.locator(".card", has_text="Дорожная карта: что требует внимания")
    assert card.locator("h3.text-danger").inner_text() == "Просрочено"
    overdue = card.locator("#overdue li", has_text=AWARD_ACTIVITY)
    assert overdue.inner_text() == f"{AWARD_ACTIVITY} — срок {deadline}"
    screenshot(page, "home-roadmap")
    card.locator("a", has_text="вся дорожная карта").click()
    page.wait_for_load_state()
    row = page.locator(f"#activity-{award.pk}")
    assert row.locator(".badge").inner_text() == "просрочено"
    assert page.errors.errors == []


def test_the_risk_register_and_a_publication(
    page: Any, world: Any, browser: Any, live_server: Any
) -> None:
    make_roadmap(world)
    consenting = StaffMember.objects.get(organization=world.org_a, last_name="Альфсотрудникова1")
    sign(world, consenting, "publication")
    silent = StaffMember.objects.get(organization=world.org_a, last_name="Альфсотрудникова0")

    login(page, "curator_a", TEST_PASSWORD)
    open_nav(page, "Дорожная карта")
    open_tab(page, "Риски")
    assert page.locator("h1").inner_text() == "Реестр рисков"
    risks = page.locator("main .list-group-item")
    assert [risks.nth(i).locator("strong").inner_text() for i in range(4)] == DEFAULT_RISKS
    formal = page.locator("main .list-group-item", has_text="Формализованное наставничество")
    assert formal.locator(".badge").is_visible()

    page.fill("#id_title", "Болезнь наставника")
    page.fill("#id_mitigation", "Временная замена наставника, перераспределение пар")
    page.fill("#id_owner", "Куратор")
    page.locator("main button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()
    assert "Реестр рисков сохранён" in page.locator(".alert-success").first.inner_text()
    assert risks.count() == 5
    assert "Болезнь наставника" in risks.nth(4).inner_text()
    assert "Временная замена наставника" in risks.nth(4).inner_text()
    screenshot(page, "risks")

    # A publication that names a person without the consent is refused.
    open_tab(page, "Публикации")
    assert page.locator("h1").inner_text() == "Информационная поддержка"
    page.locator("main a", has_text="Написать публикацию").click()
    page.wait_for_load_state()
    page.fill("#id_title", "Встреча наставников")
    page.fill("#id_text", "Прошла первая встреча наставников и наставляемых.")
    page.select_option("#id_people", label=[f"{silent.full_name} — {silent.position}"])
    page.check("#id_is_published")
    page.locator("main button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()
    refusal = page.locator(".alert-danger").inner_text()
    assert "Нет подписанного согласия на публикацию" in refusal
    assert silent.full_name in refusal
    assert Publication.objects.count() == 0
    assert page.input_value("#id_title") == "Встреча наставников"

    # With the consenting person only, it is saved.
    page.select_option("#id_people", label=[f"{consenting.full_name} — {consenting.position}"])
    assert page.is_checked("#id_is_published")
    page.locator("main button[type=submit]", has_text="Сохранить").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Встреча наставников"
    assert "Публикация сохранена" in page.locator(".alert-success").first.inner_text()
    assert consenting.full_name in page.locator("main").inner_text()
    publication = Publication.objects.get()
    assert publication.is_published
    screenshot(page, "publication")

    page.locator(".page-header a", has_text="Информационная поддержка").click()
    page.wait_for_load_state()
    item = page.locator("main .list-group-item", has_text="Встреча наставников")
    assert item.locator(".badge").inner_text() == "опубликовано"
    public_url = page.locator("main p.small a").first.get_attribute("href")
    assert public_url == f"{live_server.url}/public/{world.org_a.pk}/"

    # The public page and its feed, without logging in.
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU", base_url=live_server.url)
    try:
        public = context.new_page()
        public.set_default_timeout(10_000)
        errors = PageErrors()
        errors.attach(public)
        public.goto(public_url)
        public.wait_for_load_state()
        assert "/accounts/login/" not in public.url
        assert public.locator("h1").inner_text() == "Наставничество педагогических работников"
        article = public.locator(f"#publication-{publication.pk}")
        assert article.locator("h2").inner_text() == "Встреча наставников"
        assert "Прошла первая встреча" in article.inner_text()
        screenshot(public, "public-page")
        feed = context.request.get(f"/public/{world.org_a.pk}/feed/")
        assert feed.ok
        assert feed.headers["content-type"].startswith("application/atom+xml")
        body = feed.text()
        assert "<title>Встреча наставников</title>" in body
        assert f"#publication-{publication.pk}" in body
        assert errors.errors == []
    finally:
        context.close()
    assert page.errors.errors == []


def test_the_methodologist_sees_every_roadmap(page: Any, world: Any) -> None:
    make_roadmap(world)
    services.activity_update(
        actor=world.curator_a, activity=activity(MEETINGS_ACTIVITY), people=[], status="done"
    )
    login(page, "regional", TEST_PASSWORD)
    open_nav(page, "Дорожные карты")
    assert page.locator("h1").inner_text() == "Дорожные карты организаций"
    rows = page.locator("#overview tbody tr")
    names = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    assert sorted(names) == sorted(["Школа Альфа", "Колледж Альфа-2", "Школа Бета"])
    assert "Гамм" not in page.locator("main").inner_text()

    alpha = page.locator("#overview tbody tr", has_text="Школа Альфа")
    bar = alpha.locator(".progress[role=progressbar]")
    assert bar.is_visible()
    assert bar.get_attribute("aria-valuenow") == str(round(100 / TOTAL))
    assert f"1 / {TOTAL}" in alpha.inner_text()
    assert int(alpha.locator("td").last.inner_text()) > 0  # some standard deadlines passed
    for name in ("Колледж Альфа-2", "Школа Бета"):
        other = page.locator("#overview tbody tr", has_text=name)
        assert "нет дорожной карты" in other.inner_text()
        assert other.locator(".progress").count() == 0
    screenshot(page, "roadmaps-overview")

    alpha.locator("a", has_text="Школа Альфа").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Дорожная карта"
    assert page.locator("#roadmap tbody tr.table-light").count() == 9
    assert page.locator("#roadmap a", has_text=MEETINGS_ACTIVITY).count() == 0  # read only
    assert page.errors.errors == []


def test_the_roadmap_pages_fit_a_phone(page: Any, world: Any) -> None:
    make_roadmap(world)
    Publication.objects.create(
        organization=world.org_a,
        title="Установочная сессия наставников",
        text="Наставники обсудили планы на год.",
        date=timezone.localdate(),
        is_published=True,
    )
    login(page, "curator_a", TEST_PASSWORD)
    base = f"/organizations/{world.org_a.pk}"
    pages = [
        ("roadmap-fit-table", f"{base}/roadmap/", "Дорожная карта"),
        ("roadmap-fit-months", f"{base}/roadmap/?view=months", "Дорожная карта"),
        ("roadmap-fit-risks", f"{base}/roadmap/risks/", "Реестр рисков"),
        ("roadmap-fit-publications", f"{base}/publications/", "Информационная поддержка"),
        (
            "roadmap-fit-activity",
            f"{base}/roadmap/activities/{activity(PAIRS_ACTIVITY).pk}/",
            PAIRS_ACTIVITY,
        ),
        ("roadmap-fit-publication-form", f"{base}/publications/new/", "Новая публикация"),
    ]
    for name, url, heading in pages:
        page.goto(url)
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == heading, url
        screenshot(page, name)
        assert fits_width(page), f"{url} scrolls sideways"

    page.context.clear_cookies()
    login(page, "regional", TEST_PASSWORD)
    page.goto("/roadmaps/")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Дорожные карты организаций"
    screenshot(page, "roadmap-fit-overview")
    assert fits_width(page), "the overview scrolls sideways"
    assert page.errors.errors == []
