from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.core.models import AcademicYear
from nastavnik.documents import services
from nastavnik.documents.context import COMMON_VARIABLES, PERSON_VARIABLES
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.forms import (
    BatchForm,
    DocumentHeaderForm,
    SignForm,
    TemplateUploadForm,
    defaults,
    rows_formset,
)
from nastavnik.documents.kinds import KINDS, DocumentKind, get_kind
from nastavnik.documents.kinds.base import ROWS_REQUIRED
from nastavnik.documents.models import Document, DocumentTemplate
from nastavnik.organizations.models import Organization

PAGE_SIZE = 50
# Who keeps the regional templates of documents.
REGION_TEMPLATE_ROLES = access.STRUCTURE_ROLES | {Role.REGIONAL_METHODOLOGIST}


def _document(request: HttpRequest, organization: Organization, document_pk: int) -> Document:
    return access.get_or_404(
        organization.documents.select_related("academic_year", "created_by"), pk=document_pk
    )


@role_required(access.OBSERVER_ROLES)
def document_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    documents = organization.documents.select_related("academic_year")
    year_param = request.GET.get("year", "")
    if year_param == "all":
        year = None
    else:
        year = AcademicYear.objects.filter(pk=year_param).first() if year_param.isdigit() else None
        year = year or get_academic_year(request)
        documents = documents.filter(academic_year=year)
    kind = request.GET.get("kind", "")
    if kind in KINDS:
        documents = documents.filter(kind=kind)
    status = request.GET.get("status", "")
    if status in Document.Status.values:
        documents = documents.filter(status=status)
    page = Paginator(documents.order_by("-date", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "documents/document_list.html",
        {
            "organization": organization,
            "page": page,
            "kinds": services.kinds_for_register(),
            "per_person_kinds": [k for k in KINDS.values() if k.per_person],
            "kind_labels": {k.code: k.label for k in KINDS.values()},
            "selected_kind": kind,
            "selected_status": kind and status or status,
            "selected_year": year,
            "years": AcademicYear.objects.all(),
            "statuses": Document.Status.choices,
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
            "batches": organization.document_batches.all()[:5],
        },
    )


def _forms(
    request: HttpRequest,
    kind: DocumentKind,
    organization: Organization,
    *,
    header_initial: dict[str, Any],
    kind_initial: dict[str, Any],
    rows_initial: list[dict[str, Any]],
) -> tuple[Any, Any, Any]:
    data = request.POST if request.method == "POST" else None
    header = DocumentHeaderForm(data, kind=kind, initial=header_initial, prefix="doc")
    body = kind.form(data, organization=organization, initial=kind_initial, prefix="k")
    rows = None
    if kind.form.row_form is not None:
        rows = rows_formset(kind)(
            data,
            initial=rows_initial,
            prefix="rows",
            form_kwargs={"organization": organization},
        )
    return header, body, rows


def _valid(kind: DocumentKind, header: Any, body: Any, rows: Any) -> tuple[bool, list[dict]]:
    ok = header.is_valid() & body.is_valid()
    row_data: list[dict[str, Any]] = []
    if rows is not None:
        if not rows.is_valid():
            return False, []
        row_data = [
            f.cleaned_data
            for f in rows.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if len(row_data) < kind.form.min_rows:
            body.add_error(None, ROWS_REQUIRED)
            return False, []
        if ok:
            try:
                body.clean_rows(row_data)
            except ValidationError as error:
                body.add_error(None, error)
                return False, []
    return ok, row_data


def _render_form(
    request: HttpRequest,
    organization: Organization,
    kind: DocumentKind,
    header: Any,
    body: Any,
    rows: Any,
    document: Document | None = None,
) -> HttpResponse:
    return render(
        request,
        "documents/document_form.html",
        {
            "organization": organization,
            "kind": kind,
            "header": header,
            "body": body,
            "rows": rows,
            "document": document,
        },
    )


@role_required(access.MANAGER_ROLES)
def document_create(request: HttpRequest, organization_pk: int, kind: str) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    document_kind = get_kind(kind)
    if document_kind.per_person:
        return redirect("documents:batch_create", organization.pk, kind)
    today = timezone.localdate()
    kind_initial, rows_initial = defaults(document_kind, organization, today)
    kind_initial.update(document_kind.form.initial_from_query(request.GET, organization))
    header_initial = {
        "number": services.next_number(organization=organization, kind=document_kind, day=today),
        "date": today,
        "title": document_kind.form.title_for(kind_initial, organization)
        or document_kind.default_title,
    }
    header, body, rows = _forms(
        request,
        document_kind,
        organization,
        header_initial=header_initial,
        kind_initial=kind_initial,
        rows_initial=rows_initial,
    )
    if request.method == "POST":
        ok, row_data = _valid(document_kind, header, body, rows)
        if ok:
            try:
                document = services.document_create(
                    actor=request.user,
                    organization=organization,
                    kind=document_kind,
                    number=header.cleaned_data.get("number", "").strip(),
                    day=header.cleaned_data["date"],
                    title=header.cleaned_data["title"].strip(),
                    data=body.to_data(row_data),
                )
            except DocumentError as error:
                header.add_error(None, str(error))
            else:
                messages.success(request, _("The document has been made. Check it and download."))
                return redirect("documents:document_detail", organization.pk, document.pk)
    return _render_form(request, organization, document_kind, header, body, rows)


@role_required(access.OBSERVER_ROLES)
def document_detail(request: HttpRequest, organization_pk: int, document_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    document = _document(request, organization, document_pk)
    return render(
        request,
        "documents/document_detail.html",
        {
            "organization": organization,
            "document": document,
            "kind": get_kind(document.kind),
            "links": document.links.select_related("content_type"),
            "people": services.linked_staff(document),
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
            "sign_form": SignForm(initial={"signed_at": timezone.localdate()}),
            "pdf_available": bool(document.pdf) or services.engine.soffice() is not None,
        },
    )


@role_required(access.MANAGER_ROLES)
def document_edit(request: HttpRequest, organization_pk: int, document_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    document = _document(request, organization, document_pk)
    if document.is_frozen:
        messages.error(request, _("The document is signed and can no longer be changed."))
        return redirect("documents:document_detail", organization.pk, document.pk)
    kind = get_kind(document.kind)
    header, body, rows = _forms(
        request,
        kind,
        organization,
        header_initial={"number": document.number, "date": document.date, "title": document.title},
        kind_initial={k: v for k, v in document.data.items() if k != "rows"},
        rows_initial=document.data.get("rows", []),
    )
    if request.method == "POST":
        ok, row_data = _valid(kind, header, body, rows)
        if ok:
            try:
                services.document_update(
                    actor=request.user,
                    document=document,
                    number=header.cleaned_data.get("number", "").strip(),
                    day=header.cleaned_data["date"],
                    title=header.cleaned_data["title"].strip(),
                    data=body.to_data(row_data),
                )
            except DocumentError as error:
                header.add_error(None, str(error))
            else:
                messages.success(request, _("The document has been made again."))
                return redirect("documents:document_detail", organization.pk, document.pk)
    return _render_form(request, organization, kind, header, body, rows, document)


@require_POST
@role_required(access.MANAGER_ROLES)
def document_regenerate(
    request: HttpRequest, organization_pk: int, document_pk: int
) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    document = _document(request, organization, document_pk)
    try:
        services.document_regenerate(actor=request.user, document=document)
    except DocumentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The document has been made again."))
    return redirect("documents:document_detail", organization.pk, document.pk)


@require_POST
@role_required(access.MANAGER_ROLES)
def document_sign(request: HttpRequest, organization_pk: int, document_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    document = _document(request, organization, document_pk)
    form = SignForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_sign(
                actor=request.user,
                document=document,
                scan=form.cleaned_data["scan"],
                signed_at=form.cleaned_data["signed_at"],
            )
        except DocumentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The signed scan is attached; the document is frozen."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return redirect("documents:document_detail", organization.pk, document.pk)


@role_required(access.MANAGER_ROLES)
def document_delete(request: HttpRequest, organization_pk: int, document_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    document = _document(request, organization, document_pk)
    if request.method == "POST":
        try:
            services.document_delete(actor=request.user, document=document)
        except DocumentError as error:
            messages.error(request, str(error))
            return redirect("documents:document_detail", organization.pk, document.pk)
        messages.success(request, _("The draft has been deleted."))
        return redirect("documents:document_list", organization.pk)
    return render(
        request,
        "documents/document_delete.html",
        {"organization": organization, "document": document},
    )


def _file_response(field: Any, name: str | None = None) -> Any:
    if not field:
        raise Http404
    name = name or field.name.rsplit("/", 1)[-1]
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@role_required(access.OBSERVER_ROLES)
def document_download(
    request: HttpRequest, organization_pk: int, document_pk: int, what: str
) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    document = _document(request, organization, document_pk)
    if what == "docx":
        return _file_response(document.file, services.download_name(document, "docx"))
    if what == "scan":
        extension = document.signed_scan.name.rsplit(".", 1)[-1]
        return _file_response(document.signed_scan, services.download_name(document, extension))
    if what == "pdf":
        try:
            pdf = services.document_pdf(document)
        except DocumentError as error:
            messages.error(request, str(error))
            return redirect("documents:document_detail", organization.pk, document.pk)
        if pdf is None:
            messages.error(
                request, _("PDF is not available: LibreOffice is not installed on the server.")
            )
            return redirect("documents:document_detail", organization.pk, document.pk)
        return _file_response(document.pdf, services.download_name(document, "pdf"))
    raise Http404


# --- templates -----------------------------------------------------------------------------


def _kind_rows(organization: Organization | None, region_templates: dict, org_templates: dict):  # type: ignore[no-untyped-def]
    rows = []
    for kind in KINDS.values():
        own = org_templates.get(kind.code)
        regional = region_templates.get(kind.code)
        rows.append({"kind": kind, "own": own, "regional": regional})
    return rows


@role_required(access.MANAGER_ROLES)
def template_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    org_templates = {t.kind: t for t in organization.document_templates.all()}
    region_templates = {
        t.kind: t
        for t in DocumentTemplate.objects.filter(region_id=organization.municipality.region_id)
    }
    return render(
        request,
        "documents/template_list.html",
        {
            "organization": organization,
            "rows": _kind_rows(organization, region_templates, org_templates),
            "upload_form": TemplateUploadForm(),
            "common_variables": COMMON_VARIABLES,
            "person_variables": PERSON_VARIABLES,
        },
    )


@require_POST
@role_required(access.MANAGER_ROLES)
def template_upload(request: HttpRequest, organization_pk: int, kind: str) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    document_kind = get_kind(kind)
    form = TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.template_upload(
                actor=request.user,
                kind=document_kind,
                upload=form.cleaned_data["template"],
                organization=organization,
            )
        except DocumentError as error:
            messages.error(
                request,
                _("The template for «%(kind)s» was not saved. %(error)s")
                % {"kind": document_kind.label, "error": error},
            )
        else:
            messages.success(
                request,
                _("Your template for «%(kind)s» is in force.") % {"kind": document_kind.label},
            )
    else:
        messages.error(request, _("Choose a DOCX file."))
    return redirect("documents:template_list", organization.pk)


@role_required(access.MANAGER_ROLES)
def template_download(request: HttpRequest, organization_pk: int, kind: str) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    document_kind = get_kind(kind)
    source = services.template_source(document_kind, organization)
    return HttpResponse(
        source,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{document_kind.code}.docx"'},
    )


@require_POST
@role_required(access.MANAGER_ROLES)
def template_delete(request: HttpRequest, organization_pk: int, template_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    template = access.get_or_404(organization.document_templates.all(), pk=template_pk)
    services.template_delete(actor=request.user, template=template)
    messages.success(request, _("Your template is deleted; the standard one is in force again."))
    return redirect("documents:template_list", organization.pk)


@role_required(REGION_TEMPLATE_ROLES)
def region_template_list(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = access.get_or_404(
        access.regions_for(request.user, roles=REGION_TEMPLATE_ROLES), pk=region_pk
    )
    if request.method == "POST":
        kind = get_kind(request.POST.get("kind", ""))
        if "delete" in request.POST:
            template = access.get_or_404(region.document_templates.all(), kind=kind.code)
            services.template_delete(actor=request.user, template=template)
            messages.success(request, _("The regional template is deleted."))
        else:
            form = TemplateUploadForm(request.POST, request.FILES)
            if not form.is_valid():
                messages.error(request, _("Choose a DOCX file."))
            else:
                try:
                    services.template_upload(
                        actor=request.user,
                        kind=kind,
                        upload=form.cleaned_data["template"],
                        region=region,
                    )
                except DocumentError as error:
                    messages.error(
                        request,
                        _("The template for «%(kind)s» was not saved. %(error)s")
                        % {"kind": kind.label, "error": error},
                    )
                else:
                    messages.success(
                        request,
                        _("The regional template for «%(kind)s» is in force.")
                        % {"kind": kind.label},
                    )
        return redirect("documents:region_template_list", region.pk)
    templates = {t.kind: t for t in region.document_templates.all()}
    return render(
        request,
        "documents/region_template_list.html",
        {
            "region": region,
            "rows": _kind_rows(None, templates, {}),
            "upload_form": TemplateUploadForm(),
            "common_variables": COMMON_VARIABLES,
            "person_variables": PERSON_VARIABLES,
        },
    )


@role_required(REGION_TEMPLATE_ROLES)
def region_template_download(request: HttpRequest, region_pk: int, kind: str) -> HttpResponse:
    region = access.get_or_404(
        access.regions_for(request.user, roles=REGION_TEMPLATE_ROLES), pk=region_pk
    )
    document_kind = get_kind(kind)
    template = region.document_templates.filter(kind=kind).first()
    if template is None:
        source = services.shipped_template(document_kind)
    else:
        with template.file.open("rb") as f:
            source = f.read()
    return HttpResponse(
        source,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{document_kind.code}.docx"'},
    )


# --- bulk generation -----------------------------------------------------------------------


@role_required(access.MANAGER_ROLES)
def batch_create(request: HttpRequest, organization_pk: int, kind: str) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    document_kind = get_kind(kind)
    if not document_kind.per_person:
        raise Http404
    form = BatchForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_start(
                actor=request.user,
                organization=organization,
                kind=document_kind,
                staff=list(form.cleaned_data["people"]),
            )
        except DocumentError as error:
            form.add_error(None, str(error))
        else:
            return redirect("documents:batch_detail", organization.pk, batch.pk)
    return render(
        request,
        "documents/batch_form.html",
        {"organization": organization, "kind": document_kind, "form": form},
    )


@role_required(access.MANAGER_ROLES)
def batch_detail(request: HttpRequest, organization_pk: int, batch_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    batch = access.get_or_404(organization.document_batches.all(), pk=batch_pk)
    template = (
        "documents/batch_progress.html"
        if request.headers.get("HX-Request")
        else "documents/batch_detail.html"
    )
    return render(request, template, {"organization": organization, "batch": batch})


@role_required(access.MANAGER_ROLES)
def batch_download(request: HttpRequest, organization_pk: int, batch_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    batch = access.get_or_404(organization.document_batches.all(), pk=batch_pk)
    return _file_response(batch.file)
