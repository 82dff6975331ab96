"""The library of questionnaires and the editor in a real browser: the curator copies the
mentee questionnaire of the region, adds a question shown only for one answer, sees it appear
in the preview at phone width, and the methodologist of the region edits the region template."""

from typing import Any

import pytest

from nastavnik.surveys import services
from nastavnik.surveys.models import Questionnaire
from nastavnik.testing import TEST_PASSWORD, build_world
from tests.browser.conftest import DESKTOP, PHONE, login, screenshot

pytestmark = pytest.mark.browser


def fits_phone(page: Any) -> bool:
    """No sideways scrolling at phone width. (At 1366 px the shared navigation bar of the
    curator is wider than the window; that is the shell's, not these pages'.)"""
    page.set_viewport_size(PHONE)
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size(DESKTOP)
    return bool(fits)


@pytest.fixture
def world(transactional_db: Any) -> Any:
    return build_world()


def test_the_curator_copies_edits_and_previews_a_questionnaire(page: Any, world: Any) -> None:
    login(page, world.curator_a.username, TEST_PASSWORD)
    page.goto(f"/organizations/{world.org_a.pk}/questionnaires/")
    template = Questionnaire.objects.get(
        region=world.region, organization=None, kind=Questionnaire.Kind.MENTEE_NEEDS
    )
    assert page.locator(f"#questionnaire-{template.pk}").is_visible()
    screenshot(page, "surveys-library")
    assert fits_phone(page)

    # A template of the region opens read-only for the curator, with a button to copy it.
    page.locator(f"#questionnaire-{template.pk} a.fw-semibold").click()
    page.wait_for_load_state()
    assert page.locator("#read-only").is_visible()
    assert fits_phone(page)
    screenshot(page, "surveys-editor-read-only")
    page.click("#copy-questionnaire")
    page.wait_for_load_state()
    copy = Questionnaire.objects.filter(organization=world.org_a).latest("pk")
    assert page.url.endswith(f"/questionnaires/{copy.pk}/")
    assert fits_phone(page)
    screenshot(page, "surveys-editor")

    # A yes/no question and a text question shown only for «Да».
    page.click("#add-question")
    page.select_option("#id_kind", "single")
    page.fill("#id_text", "Посещали ли вы курсы повышения квалификации в этом году?")
    page.fill("#id_options_text", "Да")
    page.click("#question-form button[type=submit]")
    assert page.locator(".invalid-feedback").first.is_visible()
    screenshot(page, "surveys-question-form-error")
    page.fill("#id_options_text", "Да\nНет")
    page.click("#question-form button[type=submit]")
    page.wait_for_load_state()
    parent = copy.questions.get(text__startswith="Посещали ли")

    page.click("#add-question")
    page.select_option("#id_kind", "short_text")
    page.fill("#id_text", "Какие курсы?")
    page.select_option("#id_condition_question", str(parent.pk))
    page.fill("#id_condition_value", "Да")
    screenshot(page, "surveys-question-form")
    page.click("#question-form button[type=submit]")
    page.wait_for_load_state()
    child = copy.questions.get(text="Какие курсы?")
    assert child.condition_question_id == parent.pk
    assert page.locator(f"#question-{child.pk}").is_visible()

    page.click("#preview")
    page.wait_for_load_state()
    page.set_viewport_size(PHONE)
    assert not page.locator(f"#question-{child.pk}").is_visible()
    page.locator(f"#question-{parent.pk} label", has_text="Да").click()
    assert page.locator(f"#question-{child.pk}").is_visible()
    page.locator(f"#question-{parent.pk} label", has_text="Нет").click()
    assert not page.locator(f"#question-{child.pk}").is_visible()
    assert fits_phone(page)
    screenshot(page, "surveys-preview")
    assert page.errors.errors == []  # type: ignore[attr-defined]


def test_the_regional_methodologist_edits_the_region_library(page: Any, world: Any) -> None:
    services.region_library(world.region)
    login(page, world.regional.username, TEST_PASSWORD)
    page.goto(f"/regions/{world.region.pk}/questionnaires/")
    assert fits_phone(page)
    screenshot(page, "surveys-region-library")
    template = Questionnaire.objects.get(
        region=world.region, organization=None, kind=Questionnaire.Kind.SATISFACTION_MENTEE
    )
    page.goto(f"/questionnaires/{template.pk}/")
    page.fill("#id_title", "Удовлетворённость наставляемого (региональная)")
    page.click("#heading-form button[type=submit]")
    page.wait_for_load_state()
    template.refresh_from_db()
    assert template.title == "Удовлетворённость наставляемого (региональная)"
    assert page.errors.errors == []  # type: ignore[attr-defined]
