"""The document engine: DOCX from templates (docxtpl), template checks, PDF through LibreOffice.

Shipped templates live in `docx/<kind>.docx` (built by `manage.py build_docx_templates`); a
region or an organization may upload its own for a kind, and the nearest one wins:
organization → region → shipped.
"""

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.exceptions import UndefinedError

SHIPPED_DIR = Path(__file__).resolve().parent / "docx"
DOCUMENT_XML = "word/document.xml"


class DocumentError(Exception):
    """A problem the user can fix, with a message in Russian that names what to fix."""


@dataclass(frozen=True)
class Picture:
    """An image in a document's context (a chart): `{{ picture }}` in a paragraph of the
    template puts it there, `width_cm` wide. The context stays free of the template, which
    `render` opens only later."""

    png: bytes
    width_cm: float = 16.0


def _with_pictures(template: DocxTemplate, value: Any) -> Any:
    """The context with each Picture made an inline image of this template (plain dicts and
    lists are looked into; other objects, such as the lazily declined persons, stay as
    they are)."""
    if isinstance(value, Picture):
        return InlineImage(template, io.BytesIO(value.png), width=Cm(value.width_cm))
    if type(value) is dict:
        return {k: _with_pictures(template, v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return [_with_pictures(template, v) for v in value]
    return value


def _environment() -> Environment:
    return Environment(undefined=StrictUndefined, autoescape=True)


def open_template(source: bytes) -> DocxTemplate:
    """Parse a DOCX template, or raise DocumentError when the file is not a Word document."""
    template = DocxTemplate(io.BytesIO(source))
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises assorted errors on broken packages
        raise DocumentError(
            _("The file is not a Word document (DOCX). Save it in Word or LibreOffice as .docx.")
        ) from exc
    return template


def template_variables(source: bytes) -> set[str]:
    """The top-level variables a template uses; raises DocumentError on a syntax error."""
    template = open_template(source)
    try:
        return set(template.get_undeclared_template_variables(jinja_env=_environment()))
    except TemplateSyntaxError as exc:
        raise DocumentError(
            _("The template has an error in a {{ … }} or {%% … %%} tag: %(error)s")
            % {"error": exc.message}
        ) from exc
    except TemplateError as exc:
        raise DocumentError(_("The template cannot be read: %(error)s") % {"error": exc}) from exc


def check_template(source: bytes, *, allowed: Iterable[str]) -> set[str]:
    """Check an uploaded template: a DOCX, valid tags, only known variables. Returns them."""
    used = template_variables(source)
    unknown = sorted(used - set(allowed))
    if unknown:
        raise DocumentError(
            _(
                "The template uses variables this kind of document does not have: %(names)s. "
                "Use only the variables listed on this page."
            )
            % {"names": ", ".join(unknown)}
        )
    return used


def render(source: bytes, context: dict[str, Any]) -> bytes:
    """Render a DOCX template with the context; raises DocumentError naming what is missing."""
    template = open_template(source)
    try:
        template.render(
            _with_pictures(template, context), jinja_env=_environment(), autoescape=True
        )
    except UndefinedError as exc:
        raise DocumentError(
            _("The template asks for data the document does not have: %(error)s")
            % {"error": exc.message}
        ) from exc
    except TemplateError as exc:
        raise DocumentError(
            _("The template has an error in a {{ … }} or {%% … %%} tag: %(error)s") % {"error": exc}
        ) from exc
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


class BulkRenderer:
    """Renders one template for many contexts fast: the template is parsed and compiled once,
    and each document is the template's package with only the body of word/document.xml
    replaced.

    For templates whose variables are all in the body (headers and footers stay as they are),
    which holds for the per-person documents (consents).
    """

    def __init__(self, source: bytes) -> None:
        template = open_template(source)
        xml = template.patch_xml(template.get_xml())
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        try:
            self._jinja = _environment().from_string(xml)
        except TemplateError as exc:
            raise DocumentError(
                _("The template has an error in a {{ … }} or {%% … %%} tag: %(error)s")
                % {"error": exc}
            ) from exc
        self._resolver = template
        with zipfile.ZipFile(io.BytesIO(source)) as package:
            self._parts = [
                (info, package.read(info.filename))
                for info in package.infolist()
                if info.filename != DOCUMENT_XML
            ]
            document_xml = package.read(DOCUMENT_XML).decode("utf-8")
        start, end = document_xml.index("<w:body"), document_xml.rindex("</w:body>")
        self._before, self._after = document_xml[:start], document_xml[end + len("</w:body>") :]
        self._document_info = zipfile.ZipInfo(DOCUMENT_XML)
        self._document_info.compress_type = zipfile.ZIP_DEFLATED

    def render(self, context: dict[str, Any]) -> bytes:
        try:
            xml = self._jinja.render(context)
        except UndefinedError as exc:
            raise DocumentError(
                _("The template asks for data the document does not have: %(error)s")
                % {"error": exc.message}
            ) from exc
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = self._resolver.resolve_listing(xml)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for info, data in self._parts:
                package.writestr(info, data)
            package.writestr(self._document_info, self._before + xml + self._after)
        return out.getvalue()

    def render_many(self, contexts: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        for context in contexts:
            yield self.render(context)


def soffice() -> str | None:
    """The LibreOffice binary, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes, *, timeout: int = 120) -> bytes | None:
    """The PDF of a DOCX through LibreOffice, or None when LibreOffice is not installed."""
    binary = soffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="nastavnik-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(docx)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run(
                [
                    binary,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise DocumentError(
                _("LibreOffice could not convert the document to PDF. Download the DOCX instead.")
            ) from exc
        pdf = Path(tmp) / "document.pdf"
        if not pdf.exists():
            raise DocumentError(
                _("LibreOffice could not convert the document to PDF. Download the DOCX instead.")
            )
        return pdf.read_bytes()
