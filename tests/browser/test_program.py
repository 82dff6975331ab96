"""Issue 13 in a real browser: the curator edits the goal of the program and an expected
result, links the result to an indicator the system measures, and finds it with its figure in
the year's analytical report."""

from typing import Any

import pytest
from django.utils import timezone

from nastavnik.banks.models import MenteeProfile
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships.models import PortfolioItem
from nastavnik.roadmaps.services import roadmap_create
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import fits_width, login, screenshot

pytestmark = pytest.mark.browser

GOAL = "Закрепление молодых учителей школы в профессии и в коллективе"
RESULT = "У каждого молодого педагога есть запись в портфолио"


@pytest.fixture
def world(transactional_db: Any) -> Any:
    world = build_world()
    year = academic_year_current()
    roadmap_create(actor=world.curator_a, organization=world.org_a, year=year)
    for name, with_item in (("Юнова", True), ("Новикова", False)):
        person = StaffMemberFactory.create(organization=world.org_a, last_name=name)
        MenteeProfile.objects.create(
            organization=world.org_a, staff=person, academic_year=year, category="young"
        )
        if with_item:
            PortfolioItem.objects.create(
                staff=person, kind="open_lesson", date=timezone.localdate(), title="Открытый урок"
            )
    return world


def test_the_curator_links_an_expected_result_and_sees_it_in_the_report(
    page: Any, world: Any
) -> None:
    login(page, "curator_a", TEST_PASSWORD)
    page.goto(f"/organizations/{world.org_a.pk}/roadmap/")
    page.click("#tab-program")
    page.click("#edit-program-sections")
    page.fill("#id_program-goal", GOAL)
    page.fill("#id_result-0-text", RESULT)
    page.select_option("#id_result-0-group", "mentee")
    page.select_option("#id_result-0-indicator", "portfolio_every")
    page.fill("#id_result-0-target", "100")
    screenshot(page, "program-01-edit")
    page.click("#save-program")
    page.wait_for_load_state()
    assert page.locator("#goal").inner_text() == GOAL
    row = page.locator(".expected-result-row", has_text=RESULT)
    assert "50\xa0%" in row.inner_text()
    assert "пока не достигнуто" in row.inner_text()
    screenshot(page, "program-02-saved")
    assert fits_width(page)

    page.goto(f"/organizations/{world.org_a.pk}/annual-report/")
    report_row = page.locator("#expected-results .expected-result", has_text=RESULT)
    text = report_row.inner_text()
    assert "50\xa0%" in text
    assert "не достигнуто" in text
    screenshot(page, "program-03-annual-report")
    assert page.errors.errors == []  # type: ignore[attr-defined]
