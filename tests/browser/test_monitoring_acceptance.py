"""The acceptance of issue 9 in a real browser on the demo region: the regional methodologist
opens the dashboard, drills down to the demo school, opens the lists behind its figures and
downloads the XLSX report; the curator makes the analytical report (DOCX with charts), adds a
practice to the library and submits the report; the municipal methodologist accepts it."""

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from nastavnik.core.demo import DEMO_PASSWORD, demo_seed
from nastavnik.core.services import academic_year_current
from nastavnik.documents import engine
from nastavnik.organizations.models import Organization
from nastavnik.practices.models import Practice
from nastavnik.reports.models import AnnualReport
from tests.browser.conftest import SCREENSHOTS, fits_width, login, screenshot

pytestmark = pytest.mark.browser

PRACTICE = "Методический день молодого педагога"


@pytest.fixture
def school(transactional_db: Any) -> Organization:
    demo_seed()
    return Organization.objects.select_related("municipality__region").get(
        short_name="МБОУ «СОШ № 1»"
    )


def as_user(page: Any, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, DEMO_PASSWORD)


def test_monitoring_completion_and_reporting_upward_on_the_demo_region(
    page: Any, school: Organization
) -> None:
    municipality, region = school.municipality, school.municipality.region

    # 1. The regional methodologist: the region, the municipality, the school.
    as_user(page, "region")
    page.goto(f"/regions/{region.pk}/monitoring/")
    page.wait_for_selector("#indicators")
    page.wait_for_timeout(600)  # the charts' animation
    assert fits_width(page)
    screenshot(page, "acceptance9-01-region")
    # Awards of the region open their list, with the organization of each.
    page.click("[data-figure=awards]")
    page.wait_for_selector("#figure-count")
    assert "/monitoring/figures/awards/" in page.url
    # The approved diploma is last year's: switched to that year, the list shows it.
    assert page.locator("#figure-list").count() == 0
    current = page.locator("#year-select").input_value()
    page.select_option(
        "#year-select",
        label=str(academic_year_current().start_year - 1)
        + "/"
        + str(academic_year_current().start_year),
    )
    page.wait_for_selector("#figure-list")
    row = page.locator("#figure-list tbody tr")
    assert row.count() == 1 and school.short_name in row.inner_text()
    assert fits_width(page)
    screenshot(page, "acceptance9-01-region-awards")
    # The switcher posts a form: wait for that navigation to end before the next
    # goto, or the goto aborts it (net::ERR_ABORTED).
    with page.expect_navigation():
        page.select_option("#year-select", current)
    page.goto(f"/regions/{region.pk}/monitoring/")
    page.click(f"[data-drill='{municipality.name}']")
    page.wait_for_selector("#rows-table")
    assert municipality.name in page.inner_text("h1")
    page.click(f"[data-drill='{school.short_name}']")
    page.wait_for_selector("#indicators")
    assert school.short_name in page.inner_text("h1")
    # This year's portfolio outputs of the school: the course and the open lesson.
    assert page.locator("[data-figure=portfolio]").inner_text() == "2"
    page.click("[data-figure=portfolio]")
    page.wait_for_selector("#figure-list")
    assert page.locator("#figure-list tbody tr").count() == 2
    assert fits_width(page)
    screenshot(page, "acceptance9-02-school-portfolio")
    page.click("#back-to-dashboard")
    page.wait_for_selector("#indicators")
    # Last year's attestation results: two, in the list of last year's figures.
    attestation = page.locator("#indicators tr[data-indicator=attestation] td").nth(2)
    assert attestation.inner_text() == "2"

    page.goto(f"/regions/{region.pk}/monitoring/")
    with page.expect_download() as info:
        page.click("#download-report")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    assert school.short_name in [row[1].value for row in sheet.iter_rows(min_row=6)]

    # 2. The curator: the analytical report with charts, a practice, the submission.
    as_user(page, "curator")
    report_url = f"/organizations/{school.pk}/annual-report/"
    page.goto(report_url)
    page.click("#make-docx")
    page.wait_for_load_state()
    assert "/documents/" in page.url
    with page.expect_download() as download:
        page.click("#download-docx")
    content = Path(download.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    # By form, satisfaction (of last year), meetings, the main figures against last year.
    assert len(media) == 4 and all(n.endswith(".png") for n in media)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "acceptance9-analytical-report.docx").write_bytes(content)
    if engine.soffice() is not None:
        pdf = engine.to_pdf(content)
        assert pdf is not None and pdf.startswith(b"%PDF")
        (SCREENSHOTS / "acceptance9-analytical-report.pdf").write_bytes(pdf)

    page.goto(f"/organizations/{school.pk}/practices/")
    page.click("#new-practice")
    page.wait_for_load_state()
    page.fill("#id_title", PRACTICE)
    page.select_option("#id_authors", index=0)
    page.fill("#id_tags", "молодой педагог, методический день")
    page.fill(
        "#id_description",
        "Раз в четверть молодые педагоги проводят открытые уроки, наставники их разбирают.",
    )
    page.click("#save-practice")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == PRACTICE
    assert fits_width(page)
    screenshot(page, "acceptance9-03-practice")
    page.goto(f"/organizations/{school.pk}/practices/")
    assert PRACTICE in page.inner_text("main")

    page.goto(report_url)
    page.click("#submit-report")
    page.wait_for_load_state()
    assert page.locator("h1 .report-status").get_attribute("data-status") == "submitted"

    # 3. The municipal methodologist accepts the submitted report.
    as_user(page, "municipality")
    page.goto(f"/municipalities/{municipality.pk}/annual-reports/")
    page.locator("tr.report-row a", has_text=school.short_name).click()
    page.wait_for_load_state()
    page.click("#accept-report")
    page.wait_for_load_state()
    assert page.locator("h1 .report-status").get_attribute("data-status") == "accepted"
    assert fits_width(page)
    screenshot(page, "acceptance9-04-accepted")

    report = AnnualReport.objects.get(organization=school, academic_year=academic_year_current())
    assert report.status == AnnualReport.Status.ACCEPTED
    assert Practice.objects.filter(organization=school, title=PRACTICE).exists()
    assert not page.errors.errors  # type: ignore[attr-defined]
