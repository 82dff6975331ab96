"""Every link a person of the demo region is shown leads to a page that opens: no server
error, no dead link, no link to a page the person may not open, and no English left on it.

Each demo login walks the links of its pages from the home page, as a person clicking through
would (GET only). Pages of the same kind (the same address with other numbers, the same query
keys) are opened once each, so the walk stays short and still reaches every kind of page.
"""

import html
import re
from collections import deque
from urllib.parse import parse_qsl, urlsplit

from django.test import TestCase

from nastavnik.accounts.models import User
from nastavnik.core.demo import demo_seed
from tests.untranslated import untranslated

HREF = re.compile(r"""<a\b[^>]*?\bhref="([^"#]*)(?:#[^"]*)?\"""", re.IGNORECASE)
# Not interface text: scripts, and what is shown as code (logins, file names, commands).
HIDDEN = re.compile(r"<(script|style|template|code|pre|kbd)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
NUMBER = re.compile(r"\d+")
# Not pages of the system: the static files, the guide's images; the logout is a POST anyway.
SKIP = ("/static/", "/media/", "/accounts/logout/", "/guide/img/")
MOST_PAGES = 400
# The API's page for programmers names its parameters and fields in English by design.
API_DOCS = "/api/"


def kind_of(url: str) -> str:
    """The address with its numbers replaced and its query reduced to the names of its keys."""
    parts = urlsplit(url)
    keys = sorted({k for k, _v in parse_qsl(parts.query, keep_blank_values=True)} - {"page"})
    return NUMBER.sub("N", parts.path) + ("?" + "&".join(keys) if keys else "")


def page_text(content: str) -> str:
    return html.unescape(TAG.sub(" ", HIDDEN.sub(" ", content)))


class DemoCrawlTests(TestCase):
    logins: list[str]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.logins = [login for login, _description in demo_seed()]

    def walk(self, username: str) -> tuple[list[str], int]:
        """The problems found on the walk of one login, and the number of pages opened."""
        self.client.force_login(User.objects.get(username=username))
        queue: deque[tuple[str, str]] = deque([("/", "/")])
        seen = {kind_of("/")}
        problems: list[str] = []
        opened = 0
        while queue and opened < MOST_PAGES:
            url, source = queue.popleft()
            response = self.client.get(url)
            opened += 1
            if response.status_code in (301, 302):
                target = response["Location"]
                if target.startswith("/") and kind_of(target) not in seen:
                    seen.add(kind_of(target))
                    queue.append((target, source))
                continue
            if response.status_code != 200:
                problems.append(f"{url} (linked from {source}): {response.status_code}")
                continue
            if not response.get("Content-Type", "").startswith("text/html"):
                continue  # a document, a spreadsheet, a file: it opened
            content = response.content.decode()
            found = [w for w in untranslated(page_text(content)) if w not in self.logins]
            if found and not url.startswith(API_DOCS):
                problems.append(f"{url}: untranslated {found}")
            for href in HREF.findall(content):
                href = html.unescape(href)
                if href.startswith("?"):
                    href = urlsplit(url).path + href
                if not href.startswith("/") or href.startswith("//") or href.startswith(SKIP):
                    continue
                kind = kind_of(href)
                if kind not in seen:
                    seen.add(kind)
                    queue.append((href, url))
        self.client.logout()
        return problems, opened

    def test_every_link_of_every_demo_login_opens_a_page_in_russian(self) -> None:
        self.maxDiff = None
        self.assertGreaterEqual(len(self.logins), 9)
        for username in self.logins:
            with self.subTest(username):
                problems, opened = self.walk(username)
                print(username, opened)
                self.assertEqual(problems, [])
                # The walk went beyond the home page: the navigation's pages and their links.
                self.assertGreater(opened, 10)
