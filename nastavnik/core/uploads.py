"""The one rule for files people attach (evidence, portfolio, materials): at most 20 MB, stored
under a safe name."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def check_size(upload: UploadedFile) -> None:
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))


def attach(field: FieldFile, upload: UploadedFile) -> None:
    """Check the upload and put it into the file field (the caller saves the object)."""
    check_size(upload)
    field.save(
        get_valid_filename(upload.name or "file") or "file",
        ContentFile(upload.read()),
        save=False,
    )
