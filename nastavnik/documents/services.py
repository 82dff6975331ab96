"""Documents of an organization: create, regenerate, sign, templates, bulk generation."""

import datetime
import io
import re
import zipfile
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_for, audit
from nastavnik.documents import engine
from nastavnik.documents.context import (
    COMMON_VARIABLES,
    learner_context,
    long_date,
    organization_context,
    quoted_date,
    short_date,
    staff_context,
)
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.kinds import KINDS, DocumentKind, get_kind
from nastavnik.documents.models import Document, DocumentBatch, DocumentLink, DocumentTemplate
from nastavnik.organizations.models import Organization, Region
from nastavnik.staff.models import StaffMember

MAX_SCAN_SIZE = 20 * 1024 * 1024
MAX_TEMPLATE_SIZE = 10 * 1024 * 1024
SCAN_SIGNATURES = {b"%PDF": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG": "png"}

# --- numbering -----------------------------------------------------------------------------


def _series_kinds(kind: DocumentKind) -> list[str]:
    return [k.code for k in KINDS.values() if k.series and k.series == kind.series]


def _leading_number(number: str) -> int | None:
    match = re.match(r"\s*(\d+)", number or "")
    return int(match.group(1)) if match else None


def next_number(*, organization: Organization, kind: DocumentKind, day: datetime.date) -> str:
    """The next free number of the kind's series in the organization for the calendar year."""
    if not kind.series:
        return ""
    numbers = Document.objects.filter(
        organization=organization, kind__in=_series_kinds(kind), date__year=day.year
    ).values_list("number", flat=True)
    used = [n for n in (_leading_number(x) for x in numbers) if n is not None]
    return str(max(used, default=0) + 1)


def _check_number(
    *,
    organization: Organization,
    kind: DocumentKind,
    number: str,
    day: datetime.date,
    exclude: int | None = None,
) -> None:
    if not kind.series or not number:
        return
    same = Document.objects.filter(
        organization=organization, kind__in=_series_kinds(kind), date__year=day.year
    )
    if exclude is not None:
        same = same.exclude(pk=exclude)
    wanted = number.strip().casefold()
    for other in same.only("number", "title", "date"):
        if other.number.strip().casefold() == wanted:
            raise DocumentError(
                _("Number %(number)s is already taken in %(year)s: «%(title)s» of %(date)s.")
                % {
                    "number": number,
                    "year": day.year,
                    "title": other.title,
                    "date": short_date(other.date),
                }
            )


# --- templates -----------------------------------------------------------------------------


def allowed_variables(kind: DocumentKind) -> set[str]:
    names = set()
    for key, _description in [*COMMON_VARIABLES, *kind.variables]:
        for part in key.split(","):
            name = part.strip().split(".")[0]
            if name:
                names.add(name)
    if not kind.per_person:
        names.add("academic_year")
    return names


def shipped_template(kind: DocumentKind) -> bytes:
    return (engine.SHIPPED_DIR / f"{kind.code}.docx").read_bytes()


def template_in_force(kind: DocumentKind, organization: Organization) -> DocumentTemplate | None:
    """The uploaded template that applies: the organization's, else the region's."""
    templates = DocumentTemplate.objects.filter(kind=kind.code).filter(
        organization=organization
    ) | DocumentTemplate.objects.filter(
        kind=kind.code, region_id=organization.municipality.region_id
    )
    found = {("org" if t.organization_id else "region"): t for t in templates}
    return found.get("org") or found.get("region")


def template_source(kind: DocumentKind, organization: Organization) -> bytes:
    uploaded = template_in_force(kind, organization)
    if uploaded is not None:
        with uploaded.file.open("rb") as f:
            return f.read()
    return shipped_template(kind)


@transaction.atomic
def template_upload(
    *,
    actor: Any,
    kind: DocumentKind,
    upload: UploadedFile,
    organization: Organization | None = None,
    region: Region | None = None,
) -> DocumentTemplate:
    """Replace the organization's or the region's template of a kind after checking it."""
    if (organization is None) == (region is None):
        raise ValueError("exactly one of organization and region")
    if upload.size and upload.size > MAX_TEMPLATE_SIZE:
        raise DocumentError(_("The template is larger than 10 MB."))
    source = upload.read()
    engine.check_template(source, allowed=allowed_variables(kind))
    owner: dict[str, Any] = {"organization": organization} if organization else {"region": region}
    DocumentTemplate.objects.filter(kind=kind.code, **owner).delete()
    template = DocumentTemplate(
        kind=kind.code,
        original_name=upload.name or f"{kind.code}.docx",
        uploaded_by=actor,
        **owner,
    )
    template.file.save(get_valid_filename(f"{kind.code}.docx"), ContentFile(source), save=False)
    template.save()
    audit(
        actor=actor,
        action="template_upload",
        target=template,
        organization=organization,
        region=region or (organization.municipality.region if organization else None),
        kind=kind.code,
    )
    return template


@transaction.atomic
def template_delete(*, actor: Any, template: DocumentTemplate) -> None:
    audit(
        actor=actor,
        action="template_delete",
        target=template,
        organization=template.organization,
        region=template.region,
        kind=template.kind,
    )
    template.file.delete(save=False)
    template.delete()


# --- generation ----------------------------------------------------------------------------


def _check_head(organization: Organization) -> None:
    if not (organization.head_last_name and organization.head_first_name):
        raise DocumentError(
            _(
                "The head of the organization is not filled in. Enter the head's surname, name "
                "and position on the organization's page, then make the document again."
            )
        )


def build_context(
    *,
    kind: DocumentKind,
    organization: Organization,
    number: str,
    day: datetime.date,
    title: str,
    data: dict[str, Any],
) -> dict[str, Any]:
    _check_head(organization)
    context = organization_context(organization)
    context["document"] = {
        "number": number,
        "date": short_date(day),
        "date_long": long_date(day),
        "date_quoted": quoted_date(day),
        "title": title,
        "place": organization.locality or organization.municipality.name,
    }
    context["academic_year"] = str(academic_year_for(day))
    context.update(kind.context({**data, "document_date": day.isoformat()}, organization))
    return context


def download_name(document: Document, extension: str) -> str:
    """The name a downloaded file gets: «Приказ о … № 131 от 28.09.2026.docx»."""
    label = str(get_kind(document.kind).label)
    if document.number:
        label = gettext("%(kind)s No. %(number)s of %(date)s") % {
            "kind": label,
            "number": document.number,
            "date": short_date(document.date),
        }
    return f"{label}.{extension}".replace("/", "-")


def _render(document: Document, kind: DocumentKind) -> bytes:
    context = build_context(
        kind=kind,
        organization=document.organization,
        number=document.number,
        day=document.date,
        title=document.title,
        data=document.data,
    )
    return engine.render(template_source(kind, document.organization), context)


def _set_links(document: Document, staff_ids: set[int]) -> None:
    staff_type = ContentType.objects.get_for_model(StaffMember)
    document.links.filter(content_type=staff_type).delete()
    DocumentLink.objects.bulk_create(
        DocumentLink(document=document, content_type=staff_type, object_id=pk)
        for pk in sorted(staff_ids)
    )


def _store_file(document: Document, kind: DocumentKind, docx: bytes) -> None:
    if document.file:
        document.file.delete(save=False)
    if document.pdf:
        document.pdf.delete(save=False)
    document.file.save(f"{kind.code}.docx", ContentFile(docx), save=False)


@transaction.atomic
def document_create(
    *,
    actor: Any,
    organization: Organization,
    kind: DocumentKind,
    number: str,
    day: datetime.date,
    title: str,
    data: dict[str, Any],
) -> Document:
    """Register and generate a document; nothing is saved when it cannot be generated."""
    _check_number(organization=organization, kind=kind, number=number, day=day)
    document = Document(
        organization=organization,
        academic_year=academic_year_for(day),
        kind=kind.code,
        number=number,
        date=day,
        title=title,
        data=data,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    docx = _render(document, kind)
    _store_file(document, kind, docx)
    document.save()
    _set_links(document, kind.staff_ids(data))
    audit(
        actor=actor,
        action="document_create",
        target=document,
        organization=organization,
        region=organization.municipality.region,
        kind=kind.code,
    )
    return document


def _ensure_draft(document: Document) -> None:
    if document.is_frozen:
        raise DocumentError(_("The document is signed and can no longer be changed."))


@transaction.atomic
def document_update(
    *,
    actor: Any,
    document: Document,
    number: str,
    day: datetime.date,
    title: str,
    data: dict[str, Any],
) -> Document:
    """Change a draft and generate it again."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _ensure_draft(document)
    kind = get_kind(document.kind)
    _check_number(
        organization=document.organization, kind=kind, number=number, day=day, exclude=document.pk
    )
    document.number, document.date, document.title, document.data = number, day, title, data
    document.academic_year = academic_year_for(day)
    docx = _render(document, kind)
    _store_file(document, kind, docx)
    document.save()
    _set_links(document, kind.staff_ids(data))
    audit(
        actor=actor,
        action="document_update",
        target=document,
        organization=document.organization,
        region=document.organization.municipality.region,
    )
    return document


def document_regenerate(*, actor: Any, document: Document) -> Document:
    """Generate a draft again from its data (names and requisites as they are now)."""
    return document_update(
        actor=actor,
        document=document,
        number=document.number,
        day=document.date,
        title=document.title,
        data=document.data,
    )


def scan_kind(head: bytes) -> str | None:
    for signature, extension in SCAN_SIGNATURES.items():
        if head.startswith(signature):
            return extension
    return None


@transaction.atomic
def document_sign(
    *, actor: Any, document: Document, scan: UploadedFile, signed_at: datetime.date
) -> Document:
    """Attach the signed scan (PDF, JPG or PNG): the document becomes signed and frozen."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _ensure_draft(document)
    if scan.size and scan.size > MAX_SCAN_SIZE:
        raise DocumentError(_("The scan is larger than 20 MB. Scan at 200–300 dpi."))
    content = scan.read()
    extension = scan_kind(content[:8])
    if extension is None:
        raise DocumentError(_("The scan must be a PDF, JPG or PNG file."))
    document.signed_scan.save(
        get_valid_filename(f"signed_{document.number or document.pk}.{extension}"),
        ContentFile(content),
        save=False,
    )
    document.status = Document.Status.SIGNED
    document.signed_at = signed_at
    document.save()
    audit(
        actor=actor,
        action="document_sign",
        target=document,
        organization=document.organization,
        region=document.organization.municipality.region,
    )
    return document


@transaction.atomic
def document_delete(*, actor: Any, document: Document) -> None:
    _ensure_draft(document)
    audit(
        actor=actor,
        action="document_delete",
        target=document,
        organization=document.organization,
        region=document.organization.municipality.region,
    )
    for f in (document.file, document.pdf):
        if f:
            f.delete(save=False)
    document.delete()


def document_pdf(document: Document) -> bytes | None:
    """The PDF of the document (made once with LibreOffice), or None without LibreOffice."""
    if document.pdf:
        with document.pdf.open("rb") as f:
            return f.read()
    with document.file.open("rb") as f:
        pdf = engine.to_pdf(f.read())
    if pdf is None:
        return None
    document.pdf.save(f"{document.kind}.pdf", ContentFile(pdf), save=False)
    Document.objects.filter(pk=document.pk).update(pdf=document.pdf.name)
    return pdf


# --- bulk generation -----------------------------------------------------------------------


@transaction.atomic
def batch_start(
    *, actor: Any, organization: Organization, kind: DocumentKind, staff: list[StaffMember]
) -> DocumentBatch:
    """Queue the generation of a per-person document for many people (one ZIP)."""
    if not kind.per_person:
        raise ValueError(f"{kind.code} is not a per-person kind")
    if not staff:
        raise DocumentError(_("Choose at least one person."))
    _check_head(organization)
    engine.BulkRenderer(template_source(kind, organization))  # fail now on a broken template
    batch = DocumentBatch.objects.create(
        organization=organization,
        kind=kind.code,
        title=str(kind.default_title),
        data={"staff": [s.pk for s in staff]},
        total=len(staff),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit(
        actor=actor,
        action="batch_start",
        target=batch,
        organization=organization,
        region=organization.municipality.region,
        kind=kind.code,
        total=len(staff),
    )
    from nastavnik.documents.tasks import run_batch

    transaction.on_commit(lambda: run_batch.enqueue(batch.pk))
    return batch


PROGRESS_STEP = 25


def batch_run(batch_id: int) -> None:
    """The work of a batch: render every document into a ZIP, updating the progress. The forms
    of a consent are registered as issued to each person (banks: «Consents»), so that the
    signed scan can be uploaded on the person's card at once."""
    from nastavnik.banks.services import consent_forms_register, consent_kind_of_document

    batch = DocumentBatch.objects.select_related("organization__municipality__region").get(
        pk=batch_id
    )
    if batch.status == DocumentBatch.Status.DONE:
        return
    DocumentBatch.objects.filter(pk=batch.pk).update(status=DocumentBatch.Status.RUNNING, done=0)
    try:
        kind = get_kind(batch.kind)
        organization = batch.organization
        base = {
            **organization_context(organization),
            "academic_year": str(academic_year_for(timezone.localdate())),
            "document_place": organization.locality or organization.municipality.name,
        }
        renderer = engine.BulkRenderer(template_source(kind, organization))
        staff = StaffMember.objects.filter(
            organization=organization, pk__in=batch.data["staff"]
        ).select_related("study_group")
        out = io.BytesIO()
        names: set[str] = set()
        is_consent = consent_kind_of_document(kind.code) is not None
        forms: list[tuple[StaffMember, bytes]] = []
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for done, person in enumerate(staff.order_by("last_name", "first_name"), start=1):
                docx = renderer.render(
                    {
                        **base,
                        "person": staff_context(person),
                        **learner_context(person, timezone.localdate()),
                    }
                )
                name = get_valid_filename(
                    f"{person.last_name}_{person.first_name[:1]}{person.patronymic[:1]}.docx"
                )
                while name in names:
                    name = name.replace(".docx", "_.docx")
                names.add(name)
                archive.writestr(name, docx)
                if is_consent:
                    forms.append((person, docx))
                if done % PROGRESS_STEP == 0:
                    DocumentBatch.objects.filter(pk=batch.pk).update(done=done)
        batch.file.save(
            get_valid_filename(f"{kind.code}_{timezone.localdate():%Y%m%d}.zip"),
            ContentFile(out.getvalue()),
            save=False,
        )
        with transaction.atomic():
            data = batch.data
            if is_consent:
                registered = consent_forms_register(
                    actor=batch.created_by, document_kind=kind.code, forms=forms
                )
                data = {
                    **data,
                    "consents": {
                        "issued": registered.issued,
                        "signed": registered.signed,
                        "refused": registered.refused,
                    },
                }
            DocumentBatch.objects.filter(pk=batch.pk).update(
                file=batch.file.name,
                data=data,
                done=len(names),
                total=len(names),
                status=DocumentBatch.Status.DONE,
                finished_at=timezone.now(),
            )
    except DocumentError as exc:
        DocumentBatch.objects.filter(pk=batch.pk).update(
            status=DocumentBatch.Status.FAILED, error=str(exc), finished_at=timezone.now()
        )


def kinds_for_register() -> list[DocumentKind]:
    return [k for k in KINDS.values() if not k.per_person]


def academic_year_of(day: datetime.date) -> AcademicYear:
    return academic_year_for(day)


def linked_staff(document: Document) -> list[StaffMember]:
    staff_type = ContentType.objects.get_for_model(StaffMember)
    ids = document.links.filter(content_type=staff_type).values_list("object_id", flat=True)
    return list(StaffMember.objects.filter(pk__in=list(ids)).order_by("last_name", "first_name"))
