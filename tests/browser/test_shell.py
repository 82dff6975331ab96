"""Login, the home page of each role and the administrator's first steps, in a real browser."""

from typing import Any

import pytest

from nastavnik.accounts.models import User
from nastavnik.testing import TEST_PASSWORD, build_world
from tests.browser.conftest import PHONE, fits_width, login, screenshot, wait_until

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: Any) -> Any:
    return build_world()


def test_it_logs_in_and_out(page: Any, world: Any) -> None:
    page.goto("/")
    assert "/accounts/login/" in page.url
    screenshot(page, "login")
    login(page, "curator_a", "wrong password")
    assert page.locator(".alert-danger").inner_text().startswith("Неверный логин или пароль")
    login(page, "curator_a", TEST_PASSWORD)
    assert page.locator("h1").inner_text() == "Здравствуйте, Мария!"
    page.click("#user-menu")
    page.click("#logout-button")
    page.wait_for_url("**/accounts/login/")
    assert page.errors.errors == []


# The menu of each role, in order (the organization's roles share one).
SCHOOL_MENU = [
    "Главная",
    "Дорожная карта",
    "Педагоги",
    "Банки",
    "Пары",
    "Подбор пар",
    "Анкеты",
    "Мониторинг",
    "Отчёт за год",
    "Копилка",
    "Документы",
]
ROLES = {
    "admin": [
        "Главная",
        "Муниципалитеты",
        "Организации",
        "Анкеты",
        "Мониторинг",
        "Отчёты организаций",
        "Копилка",
        "Регион",
        "Пользователи",
    ],
    "regional": [
        "Главная",
        "Муниципалитеты",
        "Организации",
        "Дорожные карты",
        "Анкеты",
        "Мониторинг",
        "Отчёты организаций",
        "Копилка",
        "Регион",
    ],
    "municipal_a": [
        "Главная",
        "Мой муниципалитет",
        "Организации",
        "Дорожные карты",
        "Сетевой подбор",
        "Анкеты",
        "Мониторинг",
        "Отчёты организаций",
        "Копилка",
    ],
    "director_a": SCHOOL_MENU,
    "curator_a": SCHOOL_MENU,
    "mentor_a": ["Главная", "Организация", "Мои пары", "Мои анкеты", "Копилка"],
    "mentee_a": ["Главная", "Организация", "Мои пары", "Мои анкеты", "Копилка"],
}


@pytest.mark.parametrize("username", list(ROLES))
def test_each_role_has_its_home_page_and_menu(page: Any, world: Any, username: str) -> None:
    login(page, username, TEST_PASSWORD)
    assert page.locator("h1").inner_text().startswith("Здравствуйте")
    links = page.locator("#nav .main-nav .nav-link").all_inner_texts()
    assert [text.strip() for text in links] == ROLES[username]
    screenshot(page, f"home-{username}")
    assert fits_width(page), "the page scrolls sideways"
    # At phone width the menu folds behind the toggler and opens on a tap.
    page.set_viewport_size(PHONE)
    assert not page.locator("#nav").is_visible()
    page.click(".navbar-toggler")
    page.locator("#nav").wait_for(state="visible")
    assert page.locator("#nav .nav-link", has_text="Главная").is_visible()
    assert page.errors.errors == []


def test_a_person_with_two_roles_switches_role_from_the_menu(page: Any, world: Any) -> None:
    login(page, "multi", TEST_PASSWORD)
    # The weightier role comes first: the curator of the college.
    page.click("#user-menu")
    assert page.locator("#active-role").inner_text() == "Куратор — Колледж Альфа-2"
    assert page.locator("#nav .nav-link", has_text="Педагоги").is_visible()
    screenshot(page, "home-two-roles")
    page.click("text=Наставник — Школа Альфа")
    page.wait_for_load_state()
    page.click("#user-menu")
    assert page.locator("#active-role").inner_text() == "Наставник — Школа Альфа"
    assert not page.locator("#nav .nav-link", has_text="Педагоги").is_visible()
    assert "Школа Альфа" in page.content()


def test_the_administrator_creates_a_school_and_its_curator(page: Any, world: Any) -> None:
    login(page, "admin", TEST_PASSWORD)
    page.click("text=Добавить организацию")
    page.select_option("#id_municipality", label="Бетинский район")
    page.fill("#id_full_name", "Муниципальное бюджетное общеобразовательное учреждение «Лицей № 7»")
    page.fill("#id_short_name", "МБОУ «Лицей № 7»")
    page.fill("#id_head_last_name", "Мельник")
    page.fill("#id_head_first_name", "Ольга")
    page.fill("#id_head_patronymic", "Ивановна")
    screenshot(page, "organization-form")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "МБОУ «Лицей № 7»"
    assert "Мельник Ольга Ивановна, директор" in page.content()
    screenshot(page, "organization-detail")

    page.click("text=Добавить человека")
    page.fill("#id_last_name", "Ёлкина")
    page.fill("#id_first_name", "Дарья")
    page.fill("#id_patronymic", "Сергеевна")
    page.fill("#id_username", "yolkina")
    page.fill("#id_password1", "Nastavnik-Licey-7")
    page.fill("#id_password2", "Nastavnik-Licey-7")
    assert page.locator("#id_organization").is_visible()
    page.select_option("#id_role", "municipal_methodologist")
    assert not page.locator("#id_organization").is_visible()
    assert page.locator("#id_municipality").is_visible()
    page.select_option("#id_role", "curator")
    page.select_option("#id_organization", label="МБОУ «Лицей № 7» (Бетинский район)")
    screenshot(page, "user-form")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Ёлкина Дарья Сергеевна")
    screenshot(page, "user-detail")

    page.click("#user-menu")
    page.click("#logout-button")
    login(page, "yolkina", "Nastavnik-Licey-7")
    assert page.locator("h1").inner_text() == "Здравствуйте, Дарья!"
    assert "МБОУ «Лицей № 7»" in page.content()
    assert User.objects.get(username="yolkina").role_assignments.count() == 1
    assert page.errors.errors == []


def test_the_organization_list_filters_as_the_user_types(page: Any, world: Any) -> None:
    login(page, "regional", TEST_PASSWORD)
    page.goto("/organizations/")
    assert page.locator("#results tbody tr").count() == 3
    page.fill("#id_q", "Бета")
    wait_until(page, "document.querySelectorAll('#results tbody tr').length === 1")
    assert "Школа Бета" in page.locator("#results").inner_text()
    assert "q=" in page.url  # the filter stays in the address, so it survives a reload
    page.fill("#id_q", "")
    page.select_option("#id_kind", "college")
    wait_until(page, "document.querySelector('#results').innerText.includes('Колледж')")
    wait_until(page, "document.querySelectorAll('#results tbody tr').length === 1")
    assert "Колледж Альфа-2" in page.locator("#results").inner_text()
    assert page.errors.errors == []


PAGES = {
    "admin": [
        ("municipalities", "/municipalities/"),
        ("organizations", "/organizations/"),
        ("users", "/accounts/users/"),
        ("profile", "/accounts/profile/"),
    ],
    "curator_a": [
        ("staff", "staff"),
        ("organization", "organization"),
        ("password-change", "/accounts/password_change/"),
    ],
    "municipal_a": [("municipality", "municipality")],
}


@pytest.mark.parametrize("username", list(PAGES))
def test_every_page_fits_a_phone(page: Any, world: Any, username: str) -> None:
    login(page, username, TEST_PASSWORD)
    for name, url in PAGES[username]:
        if url == "staff":
            url = f"/organizations/{world.org_a.pk}/staff/"
        elif url == "organization":
            url = f"/organizations/{world.org_a.pk}/"
        elif url == "municipality":
            url = f"/municipalities/{world.m_a.pk}/"
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        screenshot(page, f"{name}-{username}")
        assert fits_width(page), f"{url} scrolls sideways"
    assert page.errors.errors == []
