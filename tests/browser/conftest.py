"""Playwright driving Debian's chromium, headless, against pytest-django's live server."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls anyway.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 375, "height": 740}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=ru-RU",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Debian's chromium is not installed (scripts/ensure_system_packages.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageErrors:
    """Collects JavaScript errors and failed requests, so a test can insist there are none."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def attach(self, page: Any) -> None:
        page.on("pageerror", lambda exc: self.errors.append(f"JS error: {exc}"))
        page.on(
            "response",
            lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = PageErrors()
    errors.attach(page)
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def screenshot(page: Any, name: str) -> None:
    """Save the page at desktop and at phone width under artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def login(page: Any, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def fits_width(page: Any) -> bool:
    """Whether the page fits without sideways scrolling at desktop and at phone width."""
    fits = True
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        fits &= page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    return bool(fits)


def wait_until(page: Any, expression: str, timeout: float = 10.0) -> None:
    """Wait until a JavaScript expression is true. Playwright's wait_for_function polls with
    eval() inside the page, which the Content-Security-Policy (no 'unsafe-eval') forbids;
    page.evaluate is not subject to it."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)
