"""The user guide: the Russian Markdown files of docs/, rendered inside the application.

The files are documentation of the repository (they read the same on a code hosting site); the
application shows them to logged-in people and rewrites their links to its own addresses.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DOCS = Path(settings.BASE_DIR) / "docs"
IMAGES = DOCS / "guide" / "img"


@dataclass(frozen=True)
class GuidePage:
    slug: str  # the URL name in the «guide» namespace and the address guide/<slug>/
    path: Path
    title: str | Promise


PAGES: tuple[GuidePage, ...] = (
    GuidePage("curator", DOCS / "guide" / "curator.md", _("Curator's guide")),
    GuidePage("mentor", DOCS / "guide" / "mentor.md", _("Mentor's guide")),
    GuidePage("mentee", DOCS / "guide" / "mentee.md", _("Mentee's guide")),
    GuidePage("methodologist", DOCS / "guide" / "methodologist.md", _("Methodologist's guide")),
    GuidePage("install", DOCS / "установка.md", _("Installation guide")),
)
BY_SLUG = {p.slug: p for p in PAGES}
BY_FILE = {p.path.name: p for p in PAGES}

ANCHOR = re.compile(r'<a id="([a-z0-9-]+)"></a>')
LINK = re.compile(r'href="(?:\.\./|guide/)?([^"/#]+\.md)(#[a-z0-9-]+)?"')
IMAGE = re.compile(r'src="img/([A-Za-z0-9_.-]+\.png)"')


def anchors(slug: str) -> set[str]:
    """The anchors (<a id="…"></a>) a guide page defines."""
    return set(ANCHOR.findall(BY_SLUG[slug].path.read_text(encoding="utf-8")))


def _size(name: str) -> str:
    """width and height of a screenshot, read from its PNG header: with them the browser keeps
    the room of a lazily loaded image, so a link to an anchor lands on its section instead of
    being pushed down as the images above it load."""
    path = image_path(name)
    if path is None:
        return ""
    with path.open("rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        return ""
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    return f' width="{width}" height="{height}" loading="lazy"'


def _rewrite(html: str) -> str:
    def link(match: re.Match[str]) -> str:
        page = BY_FILE.get(match.group(1))
        if page is None:
            return match.group(0)
        return f'href="{reverse(f"guide:{page.slug}")}{match.group(2) or ""}"'

    image_prefix = reverse("guide:image", args=["x.png"])[: -len("x.png")]
    html = LINK.sub(link, html)
    html = IMAGE.sub(lambda m: f'src="{image_prefix}{m.group(1)}"{_size(m.group(1))}', html)
    html = html.replace("<img ", '<img class="img-fluid border rounded my-2" ')
    # A wide table scrolls sideways on a phone instead of widening the page.
    html = html.replace("</table>", "</table></div>")
    return html.replace(
        "<table>", '<div class="table-responsive"><table class="table table-sm table-bordered">'
    )


@functools.lru_cache(maxsize=16)
def _render(path: Path, mtime: float) -> str:
    text = path.read_text(encoding="utf-8")
    return _rewrite(markdown.markdown(text, extensions=["tables", "fenced_code", "sane_lists"]))


def render(page: GuidePage) -> str:
    """The page as HTML (trusted: the files are part of the repository)."""
    return _render(page.path, page.path.stat().st_mtime)


def image_path(name: str) -> Path | None:
    """The screenshot of the guide with this file name, or None."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+\.png", name) or name.startswith("."):
        return None
    path = IMAGES / name
    return path if path.is_file() and path.resolve().parent == IMAGES.resolve() else None
