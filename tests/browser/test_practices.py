"""The methodological library in a real browser: the curator adds a practice selected at the
final round table with its file and publishes it to the region; the curator of another school
of the region finds it by search and downloads the file, at desktop and phone width."""

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from nastavnik.core.services import academic_year_current
from nastavnik.mentorships import events
from nastavnik.practices.models import Practice
from nastavnik.testing import StaffMemberFactory
from tests.browser.conftest import PHONE, fits_width, screenshot
from tests.browser.test_mentorships import switch_user, world  # noqa: F401

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
TITLE = "Взаимопосещение уроков с листом наблюдения"


def test_a_practice_from_the_final_event_is_found_by_another_school(
    page: Any,
    world: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    author = StaffMemberFactory.create(
        organization=world.org_a, last_name="Воронцова", first_name="Ирина", patronymic="Павловна"
    )
    event = events.event_save(
        actor=world.curator_a,
        organization=world.org_a,
        year=academic_year_current(),
        participants=[author],
        kind="round_table",
        title="Итоговый круглый стол",
        date=timezone.localdate(),
    )
    pdf = tmp_path / "list-nablyudeniya.pdf"
    pdf.write_bytes(PDF)

    switch_user(page, "curator_a")
    page.goto(f"/events/{event.pk}/")
    page.click("#add-practice")
    page.wait_for_load_state()
    assert page.locator("#id_event").input_value() == str(event.pk)
    page.fill("#id_title", TITLE)
    page.select_option("#id_authors", str(author.pk))
    page.fill("#id_tags", "Анализ урока, молодой педагог")
    page.fill("#id_description", "Наставник и молодой учитель посещают уроки друг друга.")
    page.set_input_files("#id_file", str(pdf))
    screenshot(page, "practices-01-form")
    page.click("#save-practice")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE
    assert "list-nablyudeniya.pdf" in page.locator("#files").inner_text()
    page.click("#publish")
    page.wait_for_load_state()
    assert page.locator("#published").is_visible()
    assert fits_width(page)
    screenshot(page, "practices-02-published")
    assert Practice.objects.get().published_to_region

    switch_user(page, "curator_b")
    page.goto("/practices/")
    page.click("#region-library")
    page.wait_for_load_state()
    page.fill("#id_q", "ВЗАИМОПОСЕЩЕНИЕ")
    page.click("#search-button")
    page.wait_for_load_state()
    results = page.locator("#practices").inner_text()
    assert TITLE in results
    assert world.org_a.short_name in results
    assert fits_width(page)
    screenshot(page, "practices-03-region-search")
    page.locator("#practices a", has_text=TITLE).click()
    page.wait_for_load_state()
    assert page.locator("#publish").count() == 0
    with page.expect_download() as download:
        page.locator("#files a", has_text="").first.click()
    assert Path(download.value.path()).read_bytes() == PDF
    page.set_viewport_size(PHONE)
    assert fits_width(page)
    screenshot(page, "practices-04-practice-phone")
    assert page.errors.errors == []  # type: ignore[attr-defined]
