"""Every kind of page each demo login can reach fits a phone (375 px) without sideways
scrolling, and runs without a JavaScript error.

The walk is the one of tests/test_crawl.py (links from the home page, each kind of page once),
in the browser, at phone width. Wide tables may scroll inside their own box
(`.table-responsive`); the page itself may not.
"""

from collections import deque
from typing import Any

import pytest

from nastavnik.core.demo import DEMO_PASSWORD, demo_seed
from tests.browser.conftest import PHONE, login
from tests.test_crawl import SKIP, kind_of

pytestmark = pytest.mark.browser

MOST_PAGES = 300

# The elements that stick out of the window and are not inside a box that scrolls or clips.
OVERFLOWING = """() => {
  if (document.documentElement.scrollWidth <= window.innerWidth + 1) return null;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.getBoundingClientRect().right <= window.innerWidth + 1) continue;
    let clipped = false;
    for (let a = el.parentElement; a && !clipped; a = a.parentElement) {
      clipped = ["auto", "hidden", "scroll"].includes(getComputedStyle(a).overflowX);
    }
    if (!clipped) found.push(el.tagName.toLowerCase() + "." + el.className);
  }
  return found.slice(0, 3);
}"""


@pytest.fixture
def logins(transactional_db: Any) -> list[str]:
    return [username for username, _description in demo_seed()]


def walk(page: Any) -> tuple[list[str], int]:
    queue: deque[str] = deque(["/"])
    seen = {kind_of("/")}
    problems: list[str] = []
    opened = 0
    while queue and opened < MOST_PAGES:
        url = queue.popleft()
        try:
            response = page.goto(url)
        except Exception as error:  # a file: the browser downloads it instead of showing it
            if "Download is starting" in str(error):
                continue
            raise
        opened += 1
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        wide = page.evaluate(OVERFLOWING)
        if wide is not None:
            problems.append(f"{url}: wider than a phone: {wide}")
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            href = href.split("#")[0]
            if href.startswith("?"):
                href = url.split("?")[0] + href
            if not href.startswith("/") or href.startswith("//") or href.startswith(SKIP):
                continue
            if kind_of(href) not in seen:
                seen.add(kind_of(href))
                queue.append(href)
    return problems, opened


def test_every_page_of_every_demo_login_fits_a_phone(page: Any, logins: list[str]) -> None:
    page.set_viewport_size(PHONE)
    # A link to a PDF waits for LibreOffice to convert the document: give it time on a busy
    # machine rather than fail the walk.
    page.set_default_navigation_timeout(30_000)
    problems: list[str] = []
    for username in logins:
        page.context.clear_cookies()
        login(page, username, DEMO_PASSWORD)
        found, opened = walk(page)
        problems += [f"{username} {problem}" for problem in found]
        assert opened > 10, username
    assert problems == []
    assert [e for e in page.errors.errors if e.startswith("JS error")] == []
