"""The one rule for files people attach (evidence, portfolio, materials): at most 20 MB, not
empty, not a program or a web page, contents that agree with the extension, no archive that
unpacks to far more than it weighs; stored under a safe name."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# An archive (DOCX, XLSX, ZIP) may unpack to at most this much, and at most this many times
# its own size: a «ZIP bomb» of a few kilobytes that unpacks to gigabytes is refused.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_UNPACK_RATIO = 200

# What the first bytes of a file of each extension are.
ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc, .xls, .ppt of old Office
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "zip": ZIP,
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
}
# The part every Office Open XML or OpenDocument file holds.
OFFICE_PARTS = {
    "docx": "[Content_Types].xml",
    "xlsx": "[Content_Types].xml",
    "pptx": "[Content_Types].xml",
    "odt": "mimetype",
    "ods": "mimetype",
    "odp": "mimetype",
}
# Programs and pages a browser would run: refused whatever the extension says.
EXECUTABLE = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
MARKUP = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml", b"<head", b"<body")


def check_size(upload: UploadedFile) -> None:
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_content(name: str, content: bytes) -> None:
    """Refuse an empty file, a program or web page under any name, a file whose contents are
    not what its extension says (a renamed or damaged file), and an archive bomb."""
    if not content:
        raise ValidationError(_("The file is empty."))
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    extension = _extension(name)
    if head.startswith(EXECUTABLE) or (head.lower().startswith(MARKUP) and extension != "xml"):
        raise ValidationError(
            _("Programs and web pages cannot be attached. Attach a document, a table or a picture.")
        )
    damaged = ValidationError(
        _(
            "The file is damaged or is not a .%(extension)s file, though it is named so. "
            "Save it again from the program it was made in and attach it once more."
        )
        % {"extension": extension}
    )
    if extension in SIGNATURES and not content.startswith(SIGNATURES[extension]):
        raise damaged
    if content.startswith(ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                entries = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise damaged from None
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_UNPACK_RATIO * max(len(content), 1):
            raise ValidationError(
                _("The archive unpacks to far more than it weighs; such a file is not accepted.")
            )
        part = OFFICE_PARTS.get(extension)
        if part is not None and part not in {entry.filename for entry in entries}:
            raise damaged


def attach(field: FieldFile, upload: UploadedFile) -> None:
    """Check the upload and put it into the file field (the caller saves the object)."""
    check_size(upload)
    name = upload.name or "file"
    content = upload.read()
    check_content(name, content)
    field.save(get_valid_filename(name) or "file", ContentFile(content), save=False)
