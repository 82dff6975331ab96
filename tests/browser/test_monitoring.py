"""Issue 9 in a real browser on the demo region: the regional methodologist opens the region's
dashboard, drills down to the municipality and to the demo school, sees this year against the
finished last year, and downloads the official XLSX report."""

import io
from typing import Any

import openpyxl
import pytest

from nastavnik.accounts.models import User
from nastavnik.core.demo import DEMO_PASSWORD, demo_seed
from nastavnik.monitoring.demo import demo_previous_year
from nastavnik.staff.models import StaffMember
from tests.browser.conftest import fits_width, login, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def school(transactional_db: Any) -> Any:
    demo_seed()
    school = StaffMember.objects.select_related("organization__municipality__region").get(
        user__username="curator"
    )
    demo_previous_year(school.organization, User.objects.get(username="curator"))
    return school.organization


def test_the_regional_methodologist_drills_down_to_the_school_and_downloads_the_report(
    page: Any, school: Any
) -> None:
    region = school.municipality.region
    login(page, "region", DEMO_PASSWORD)
    page.goto(f"/regions/{region.pk}/monitoring/")
    page.wait_for_selector("#indicators")
    page.wait_for_timeout(600)  # the charts' animation
    assert page.locator("canvas[data-chart=chart-years]").count() == 1
    assert fits_width(page)
    screenshot(page, "monitoring-01-region")

    page.click(f"[data-drill='{school.municipality.name}']")
    page.wait_for_selector("#rows-table")
    assert school.municipality.name in page.inner_text("h1")
    # A figure opens the organizations sorted by it.
    page.click("[data-figure=mentees]")
    page.wait_for_load_state()
    assert "sort=mentees" in page.url
    first = page.locator("#rows-table tbody tr").first.locator("th").inner_text()
    assert first == school.short_name
    page.wait_for_timeout(600)
    assert fits_width(page)
    screenshot(page, "monitoring-02-municipality")

    page.click(f"[data-drill='{school.short_name}']")
    page.wait_for_selector("#indicators")
    assert school.short_name in page.inner_text("h1")
    # Last year is finished: its figures stand beside this year's.
    last = page.locator("#indicators tr[data-indicator=completed] td").nth(2).inner_text()
    assert last == "4"
    retention = page.locator("[data-figure=retention_1]").inner_text()
    assert retention.endswith("%") and retention != "100\u00a0%"
    assert page.locator("#control-summary tbody tr").count() == 2
    page.wait_for_timeout(600)
    assert fits_width(page)
    screenshot(page, "monitoring-03-school")

    page.goto(f"/regions/{region.pk}/monitoring/")
    with page.expect_download() as info:
        page.click("#download-report")
    book = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    sheet = book.active
    names = [row[1].value for row in sheet.iter_rows(min_row=6)]
    assert school.short_name in names
    assert len(names) == 4  # three organizations and the totals
    assert region.name in str(sheet["A2"].value)
    assert not page.errors.errors  # type: ignore[attr-defined]
