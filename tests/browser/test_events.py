"""The organization's events in a real browser: the curator plans a round table with all the
mentors and mentees of the bank, attaches a material, marks it held; a mentor finds it among
his or her events and opens its material at phone width."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from nastavnik.mentorships.models import OrganizationEvent
from tests.browser.conftest import PHONE, fits_width, screenshot
from tests.browser.test_mentorships import People, switch_user, world  # noqa: F401

pytestmark = pytest.mark.browser

TITLE = "Круглый стол «Трудный урок: разбор ситуаций»"
MATERIAL = "Памятка молодому педагогу"


def test_the_curator_holds_a_round_table_and_the_mentor_sees_it(page: Any, world: Any) -> None:  # noqa: F811
    people = People(world)
    switch_user(page, "curator_a")
    page.goto(f"/organizations/{world.org_a.pk}/events/")
    page.click("#new-event")
    page.select_option("#id_kind", "round_table")
    page.fill("#id_title", TITLE)
    day = timezone.localdate() + datetime.timedelta(days=7)
    page.fill("#id_date", day.isoformat())
    page.fill("#id_time", "15:00")
    page.fill("#id_duration", "90")
    page.fill("#id_place", "Кабинет 21")
    page.check("#id_all_mentors")
    page.check("#id_all_mentees")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE
    participants = page.locator("#participants").inner_text()
    assert people.mentor.full_name in participants
    assert people.mentee.full_name in participants
    assert day.strftime("%d.%m.%Y") in page.locator("main").inner_text()

    page.click("#add-material")
    page.fill("#id_title", MATERIAL)
    page.fill("#id_url", "https://example.org/pamyatka.pdf")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert MATERIAL in page.locator("#materials").inner_text()
    page.click("#mark-held")
    page.wait_for_load_state()
    assert page.locator("#event-held").is_visible()
    screenshot(page, "events-01-round-table")
    assert OrganizationEvent.objects.get(title=TITLE).held

    switch_user(page, "mentor_a")
    page.goto("/events/mine/")
    page.set_viewport_size(PHONE)
    page.locator("#my-event-list a", has_text=TITLE).click()
    page.wait_for_load_state()
    assert MATERIAL in page.locator("#materials").inner_text()
    assert page.locator("#edit-event").count() == 0
    assert fits_width(page)
    screenshot(page, "events-02-mentor-phone")
    assert page.errors.errors == []  # type: ignore[attr-defined]
