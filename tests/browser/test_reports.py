"""The analytical report for the year in a real browser: the curator sees which expected results
are reached, makes the DOCX and submits; the municipal methodologist returns the report with a
comment; the curator corrects and submits again; the methodologist accepts it."""

from decimal import Decimal
from typing import Any

import pytest

from nastavnik.banks.models import MenteeProfile
from nastavnik.core.services import academic_year_current
from nastavnik.reports.models import AnnualReport
from nastavnik.roadmaps import services as roadmaps
from nastavnik.roadmaps.models import ExpectedResult
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import fits_width, login, screenshot

pytestmark = pytest.mark.browser

PAIRED = "Успешная адаптация молодых педагогических работников"


@pytest.fixture
def world(transactional_db: Any) -> Any:
    w = build_world()
    year = academic_year_current()
    roadmaps.roadmap_create(actor=w.curator_a, organization=w.org_a, year=year)
    # Half of the mentees are in a pair: the result «all in pairs» linked to the indicator
    # with a target of 50 % is reached.
    ExpectedResult.objects.filter(roadmap__organization=w.org_a, indicator="paired").update(
        target=Decimal("50")
    )
    for name, status in (("Молодова", "paired"), ("Ждунова", "waiting")):
        MenteeProfile.objects.create(
            organization=w.org_a,
            staff=StaffMemberFactory.create(organization=w.org_a, last_name=name),
            academic_year=year,
            category="young",
            status=status,
        )
    return w


def as_user(page: Any, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, TEST_PASSWORD)


def status(page: Any) -> str:
    return str(page.locator("h1 .report-status").get_attribute("data-status"))


def test_the_report_goes_up_and_back_and_is_accepted(
    page: Any, world: Any, mailoutbox: Any
) -> None:
    report_url = f"/organizations/{world.org_a.pk}/annual-report/"
    as_user(page, "curator_a")
    page.goto(report_url)
    row = page.locator("tr.expected-result", has_text=PAIRED)
    assert row.locator(".indicator-value").inner_text() == "50\xa0%"
    assert row.locator(".badge").inner_text() == "достигнуто"
    assert "в банк наставляемых — 2 педагога" in page.locator("#id_introduction").input_value()
    assert fits_width(page)
    screenshot(page, "reports-curator-draft")

    page.click("#make-docx")
    page.wait_for_load_state()
    assert "/documents/" in page.url
    with page.expect_download() as download:
        page.click("#download-docx")
    assert download.value.suggested_filename.endswith(".docx")

    page.goto(report_url)
    page.fill("#id_conclusions", "Программа выполнена. Все пары работают.")
    page.click("#save-report")
    page.wait_for_load_state()
    page.click("#submit-report")
    page.wait_for_load_state()
    assert status(page) == "submitted"
    assert page.locator("#report-texts").count() == 0
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [world.municipal_a.email]

    as_user(page, "municipal_a")
    page.goto(f"/municipalities/{world.m_a.pk}/annual-reports/")
    assert page.locator("tr.report-row").count() == 2
    assert fits_width(page)
    screenshot(page, "reports-municipality-list")
    page.locator("tr.report-row a", has_text="Школа Альфа").click()
    page.wait_for_load_state()
    page.fill("#id_comment", "Добавьте в выводы итоги по открытым урокам.")
    page.click("#return-report")
    page.wait_for_load_state()
    assert status(page) == "returned"
    assert mailoutbox[-1].to == [world.curator_a.email]

    as_user(page, "curator_a")
    page.goto(report_url)
    assert "итоги по открытым урокам" in page.locator("#return-comment").inner_text()
    screenshot(page, "reports-curator-returned")
    page.fill("#id_conclusions", "Программа выполнена. Проведено два открытых урока.")
    page.click("#save-report")
    page.wait_for_load_state()
    page.click("#submit-report")
    page.wait_for_load_state()
    assert status(page) == "submitted"

    as_user(page, "municipal_a")
    page.goto(report_url)
    page.click("#accept-report")
    page.wait_for_load_state()
    assert status(page) == "accepted"
    assert "два открытых урока" in page.locator("#report-texts-read").inner_text()
    screenshot(page, "reports-accepted")
    page.goto(f"/municipalities/{world.m_a.pk}/annual-reports/")
    assert page.locator("tr.report-row [data-status=accepted]").count() == 1

    as_user(page, "regional")
    page.goto(f"/regions/{world.region.pk}/annual-reports/")
    assert fits_width(page)
    screenshot(page, "reports-region")
    report = AnnualReport.objects.get(organization=world.org_a)
    assert report.status == AnnualReport.Status.ACCEPTED
    assert report.snapshot["figures"]["banks"]["mentees"] == 2
    assert not page.errors.errors
