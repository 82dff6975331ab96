"""The API tokens of the region and of a municipality, and the API's page for people, in a
real browser (issue 9, the read API)."""

from typing import Any

import pytest
from django.test import Client

from nastavnik.api.models import ApiToken
from nastavnik.testing import TEST_PASSWORD, build_world
from tests.browser.conftest import fits_width, login, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_administrator_issues_a_region_token_that_reads_the_api(page: Any) -> None:
    w = build_world()
    login(page, w.admin.username, TEST_PASSWORD)
    page.goto(f"/regions/{w.region.pk}/banks/")
    page.click("a[href$='/api-tokens/']")
    page.fill("#id_name", "Система регионального центра")
    page.click("#create-token")
    secret = page.input_value("#token-secret")
    assert secret.startswith("nst_")
    assert page.locator("#tokens").get_by_text("Система регионального центра").count() == 1
    assert fits_width(page)
    screenshot(page, "api-region-tokens")

    api = Client().get("/api/v1/organizations", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200
    assert {o["short_name"] for o in api.json()["results"]} == {
        "Школа Альфа",
        "Колледж Альфа-2",
        "Школа Бета",
    }

    page.goto(f"/regions/{w.region.pk}/api-tokens/")
    assert page.locator("#token-secret").count() == 0  # shown once only
    page.click("[data-revoke]")
    page.wait_for_load_state()
    assert ApiToken.objects.get().revoked_at is not None
    api = Client().get("/api/v1/organizations", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401
    assert page.errors.errors == []


@pytest.mark.django_db(transaction=True)
def test_the_municipal_methodologist_issues_a_token_and_reads_how_to_use_it(page: Any) -> None:
    w = build_world()
    login(page, w.municipal_a.username, TEST_PASSWORD)
    page.goto(f"/municipalities/{w.m_a.pk}/")
    page.click("a[href$='/api-tokens/']")
    page.fill("#id_name", "Отдел образования")
    page.click("#create-token")
    assert page.input_value("#token-secret").startswith("nst_")
    assert ApiToken.objects.get().municipality == w.m_a
    assert fits_width(page)
    screenshot(page, "api-municipality-tokens")
    page.click("#api-docs-link")
    assert page.locator("#endpoints li").count() == 6
    assert fits_width(page)
    screenshot(page, "api-docs")
    assert page.errors.errors == []
