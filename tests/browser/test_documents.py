"""Documents of an organization in a real browser: orders, signing, consents, templates."""

import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.banks.services import consent_issue, consent_sign
from nastavnik.documents import services
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.models import Document
from nastavnik.staff.models import StaffMember
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import fits_width, login, screenshot

pytestmark = pytest.mark.browser

MONTHS = [
    "",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
PAIRS = "Приказ о закреплении наставнических пар (групп)"
CURATOR_ORDER = "Приказ о назначении куратора наставничества"
CONSENT = "Согласие на обработку персональных данных"
MATHS = "Учитель математики"

NIKITIN = "Никитин Артём Игоревич"
NIKITIN_POSITION = "Учитель истории и обществознания"
SOKOLOVA = "Соколова Елена Викторовна"
SOKOLOVA_POSITION = "Учитель русского языка и литературы"


@pytest.fixture
def world(transactional_db: Any) -> Any:
    return build_world()


def add_teachers(world: Any) -> None:
    """Two more teachers of school A, a man and a woman, with real-looking names."""
    StaffMemberFactory.create(
        organization=world.org_a,
        last_name="Никитин",
        first_name="Артём",
        patronymic="Игоревич",
        gender="male",
        position=NIKITIN_POSITION,
    )
    StaffMemberFactory.create(
        organization=world.org_a,
        last_name="Соколова",
        first_name="Елена",
        patronymic="Викторовна",
        gender="female",
        position=SOKOLOVA_POSITION,
    )
    # A pair is assigned only with the written consents of its people.
    for person in StaffMember.objects.filter(organization=world.org_a):
        for kind in ("personal_data", "duties"):
            consent = consent_issue(actor=world.curator_a, staff=person, kind=kind)
            consent_sign(
                actor=world.curator_a,
                consent=consent,
                scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed"),
                signed_at=datetime.date.today(),  # noqa: DTZ011
            )


def option(name: str, position: str = MATHS) -> str:
    """How a person is offered in the selects of a document form."""
    return f"{name} — {position}"


def colleague(i: int) -> str:
    return f"Альфсотрудникова{i} Анна Сергеевна"


def long_date(day: datetime.date) -> str:
    return f"{day:%d} {MONTHS[day.month]} {day.year} г."


def open_documents(page: Any) -> None:
    page.locator("#nav .nav-link", has_text="Документы").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Документы"


def start_document(page: Any, label: str) -> None:
    """From the documents page: «Сформировать документ» → the kind from the dropdown."""
    page.click("#new-document")
    page.locator(".dropdown-menu .dropdown-item", has_text=label).click()
    page.wait_for_load_state()


def submit_document(page: Any) -> None:
    page.locator("#document-form button[type=submit]", has_text="Сформировать документ").click()
    page.wait_for_load_state()


def docx_text(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def test_the_curator_makes_the_pair_assignment_order_and_downloads_it(
    page: Any, world: Any, tmp_path: Path
) -> None:
    add_teachers(world)
    today = timezone.localdate()
    login(page, "curator_a", TEST_PASSWORD)
    open_documents(page)
    start_document(page, PAIRS)
    assert page.locator("h1").inner_text() == PAIRS

    page.select_option("#id_k-curator", label=option(SOKOLOVA, SOKOLOVA_POSITION))
    # The first row: a pair; its dates are offered already.
    page.select_option("#id_rows-0-mentor", label=option(NIKITIN, NIKITIN_POSITION))
    page.select_option("#id_rows-0-mentees", label=[option(colleague(0))])
    start = page.input_value("#id_rows-0-start")
    end = page.input_value("#id_rows-0-end")
    assert start == today.isoformat()
    assert end and end > start
    assert page.input_value("#id_rows-0-form") == "teacher_teacher"
    # The second row: a group of two mentees.
    page.click("#add-row")
    page.locator("#id_rows-1-mentor").wait_for()
    assert page.locator("#rows .doc-row").count() == 2
    assert page.locator("#rows .doc-row").nth(1).locator(".row-number").inner_text() == "2"
    page.select_option("#id_rows-1-mentor", label=option(SOKOLOVA, SOKOLOVA_POSITION))
    page.select_option("#id_rows-1-mentees", label=[option(colleague(1)), option(colleague(2))])
    page.fill("#id_rows-1-start", start)
    page.fill("#id_rows-1-end", end)
    screenshot(page, "documents-pairs-form")
    submit_document(page)

    assert page.locator("h1").inner_text() == "О закреплении наставнических пар (групп)"
    assert "Документ сформирован" in page.locator(".alert-success").first.inner_text()
    screenshot(page, "documents-pairs-detail")
    with page.expect_download() as download_info:
        page.click("#download-docx")
    path = tmp_path / "order.docx"
    download_info.value.save_as(str(path))
    assert download_info.value.suggested_filename.endswith(".docx")

    paragraphs, tables = docx_text(path)
    text = "\n".join(paragraphs)
    cells = [cell for table in tables for row in table for cell in row]
    assert "ПРИКАЗ" in paragraphs
    assert "О закреплении наставнических пар (групп)" in paragraphs
    assert world.org_a.full_name in paragraphs
    assert "ПРИКАЗЫВАЮ:" in paragraphs
    assert "Куратору Соколовой Елене Викторовне обеспечить" in text
    assert long_date(today) in cells
    assert "№ 1" in cells

    pairs = [t for t in tables if t and "Наставник" in t[0]]
    assert len(pairs) == 1
    pairs_table = pairs[0]
    assert len(pairs_table) == 3  # the header and two pairs
    first, second = pairs_table[1], pairs_table[2]
    period = (
        f"с {datetime.date.fromisoformat(start):%d.%m.%Y} "
        f"по {datetime.date.fromisoformat(end):%d.%m.%Y}"
    )
    assert first[0] == "1"
    assert first[1].startswith(NIKITIN)
    assert colleague(0) in first[2]
    assert first[3] == "учитель – учитель"
    assert first[4] == period
    assert second[0] == "2"
    assert second[1].startswith(SOKOLOVA)
    assert f"{colleague(1)}, учитель математики; {colleague(2)}" in second[2]
    assert second[3] == "учитель – учитель"
    assert second[4] == period
    assert page.errors.errors == []


def test_a_form_with_mistakes_is_explained_in_russian_and_nothing_is_saved(
    page: Any, world: Any
) -> None:
    add_teachers(world)
    login(page, "curator_a", TEST_PASSWORD)
    open_documents(page)
    start_document(page, PAIRS)
    page.select_option("#id_rows-0-mentor", label=option(NIKITIN, NIKITIN_POSITION))
    page.select_option("#id_rows-0-mentees", label=[option(NIKITIN, NIKITIN_POSITION)])
    submit_document(page)

    assert page.locator("h1").inner_text() == PAIRS  # still the form
    error = page.locator(".invalid-feedback", has_text="Наставник не может быть")
    assert error.inner_text() == "Наставник не может быть собственным наставляемым."
    assert page.locator("#id_rows-0-mentees").get_attribute("aria-invalid") == "true"
    # What the curator chose is kept, so that only the mistake needs fixing.
    assert page.locator("#id_rows-0-mentor option:checked").inner_text().startswith(NIKITIN)
    assert Document.objects.count() == 0
    assert page.errors.errors == []


def test_the_curator_signs_the_document_and_it_is_frozen(
    page: Any, world: Any, tmp_path: Path
) -> None:
    login(page, "curator_a", TEST_PASSWORD)
    open_documents(page)
    start_document(page, CURATOR_ORDER)
    page.select_option("#id_rows-0-person", label=option(colleague(0)))
    submit_document(page)
    assert page.locator("h1").inner_text() == "О назначении куратора наставничества"
    assert page.locator(".page-header .badge").inner_text() == "черновик"
    assert page.locator("a", has_text="Изменить").count() == 1

    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    signed_on = timezone.localdate() - datetime.timedelta(days=1)
    page.set_input_files("#id_scan", str(scan))
    page.fill("#id_signed_at", signed_on.isoformat())
    page.locator("button", has_text="Прикрепить подписанный скан").click()
    page.wait_for_load_state()

    assert page.locator(".page-header .badge").inner_text() == f"подписан {signed_on:%d.%m.%Y}"
    assert "Подписанный скан прикреплён" in page.locator(".alert-success").first.inner_text()
    link = page.locator("a", has_text="Подписанный скан")
    assert link.is_visible()
    assert page.locator("a", has_text="Изменить").count() == 0
    assert page.locator("button", has_text="Прикрепить подписанный скан").count() == 0
    with page.expect_download() as download_info:
        link.click()
    assert Path(download_info.value.path()).read_bytes() == scan.read_bytes()
    document = Document.objects.get()
    assert document.status == Document.Status.SIGNED
    assert document.signed_at == signed_on

    # Even by the address the signed document cannot be edited.
    page.goto(page.url + "edit/")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "О назначении куратора наставничества"
    refusal = page.locator(".alert-danger").inner_text()
    assert "Документ подписан, изменить его уже нельзя." in refusal
    assert page.errors.errors == []


def test_consents_for_everybody_come_as_one_zip(page: Any, world: Any, tmp_path: Path) -> None:
    login(page, "curator_a", TEST_PASSWORD)
    open_documents(page)
    page.click("#new-document")
    assert page.locator(".dropdown-menu .dropdown-header").inner_text() == "Сразу для многих людей"
    page.locator(".dropdown-menu .dropdown-item").get_by_text(CONSENT, exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == CONSENT
    page.locator("label", has_text="Все").click()
    boxes = page.locator("#people input[type=checkbox]")
    assert boxes.count() == 3
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    screenshot(page, "documents-consents")
    page.locator("button[type=submit]", has_text="Сформировать документы").click()
    page.wait_for_load_state()
    page.locator("#download-zip").wait_for()
    screenshot(page, "documents-consents-done")

    with page.expect_download() as download_info:
        page.click("#download-zip")
    path = tmp_path / "consents.zip"
    download_info.value.save_as(str(path))
    staff = StaffMember.objects.filter(organization=world.org_a)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert len(names) == staff.count() == 3
        assert all(name.endswith(".docx") for name in names)
        texts = []
        for name in names:
            document = docx.Document(io.BytesIO(archive.read(name)))
            texts.append("\n".join(p.text for p in document.paragraphs))
    assert all("СОГЛАСИЕ" in text for text in texts)
    for person in staff:
        assert sum(f"Я, {person.full_name}," in text for text in texts) == 1, person.full_name
    assert page.errors.errors == []


def test_an_uploaded_template_with_an_unknown_variable_is_refused(page: Any, world: Any) -> None:
    login(page, "curator_a", TEST_PASSWORD)
    open_documents(page)
    page.locator("a", has_text="Шаблоны").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Шаблоны документов"
    row = page.locator("li.list-group-item", has_text=CURATOR_ORDER)
    assert row.locator(".badge").inner_text() == "стандартный"

    template = docx.Document()
    template.add_paragraph("ПРИКАЗ")
    template.add_paragraph("{{ unknown_thing }}")
    buffer = io.BytesIO()
    template.save(buffer)
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    row.locator("input[type=file]").set_input_files(
        files=[{"name": "curator.docx", "mimeType": docx_type, "buffer": buffer.getvalue()}]
    )
    row.locator("button", has_text="Загрузить").click()
    page.wait_for_load_state()
    error = page.locator(".alert-danger").inner_text()
    assert "unknown_thing" in error
    assert f"Шаблон для документа «{CURATOR_ORDER}» не сохранён" in error
    row = page.locator("li.list-group-item", has_text=CURATOR_ORDER)
    assert row.locator(".badge").inner_text() == "стандартный"

    row.locator("input[type=file]").set_input_files(
        files=[{"name": "x.docx", "mimeType": docx_type, "buffer": b"just some plain text\n"}]
    )
    row.locator("button", has_text="Загрузить").click()
    page.wait_for_load_state()
    assert "не является документом Word" in page.locator(".alert-danger").inner_text()
    row = page.locator("li.list-group-item", has_text=CURATOR_ORDER)
    assert row.locator(".badge").inner_text() == "стандартный"
    screenshot(page, "documents-templates")
    assert page.errors.errors == []


def test_the_documents_pages_fit_a_phone(page: Any, world: Any) -> None:
    # One document in the list, so that the table is there too.
    services.document_create(
        actor=world.curator_a,
        organization=world.org_a,
        kind=get_kind("order_curator"),
        number="1",
        day=timezone.localdate(),
        title="О назначении куратора наставничества",
        data={
            "regulation_number": "",
            "regulation_date": None,
            "rows": [{"person": StaffMember.objects.filter(organization=world.org_a)[0].pk}],
        },
    )
    login(page, "curator_a", TEST_PASSWORD)
    open_documents(page)
    assert page.locator("#results tbody tr").count() == 1
    screenshot(page, "documents-list")
    assert fits_width(page), "the list of documents scrolls sideways"

    page.goto(f"/organizations/{world.org_a.pk}/documents/new/order_pairs/")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == PAIRS
    screenshot(page, "documents-pairs-form-empty")
    assert fits_width(page), "the form of the order scrolls sideways"

    page.goto(f"/organizations/{world.org_a.pk}/documents/templates/")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Шаблоны документов"
    screenshot(page, "documents-template-list")
    assert fits_width(page), "the templates page scrolls sideways"
    assert page.errors.errors == []
