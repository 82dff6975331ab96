from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.accounts import access
from nastavnik.banks.selectors import badges, rules_for
from nastavnik.core.decorators import role_required
from nastavnik.staff import importing, selectors, services
from nastavnik.staff.forms import StaffImportForm, StaffMemberForm
from nastavnik.staff.models import PersonKind, StaffImport
from nastavnik.staff.services import STAFF_FIELDS

PAGE_SIZE = 50


@role_required(access.OBSERVER_ROLES)
def staff_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    search = request.GET.get("q", "").strip()
    staff = selectors.staff_list(organization=organization, search=search)
    rules = rules_for(organization.municipality.region_id)
    today = timezone.localdate()
    young_only = request.GET.get("young") == "1"
    if young_only:
        staff = [s for s in staff if badges(s, rules, today).young]  # type: ignore[assignment]
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [(s, badges(s, rules, today)) for s in page.object_list]  # type: ignore[misc]
    return render(
        request,
        "staff/staff_list.html",
        {
            "organization": organization,
            "page": page,
            "search": search,
            "young_only": young_only,
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


@role_required(access.MANAGER_ROLES)
def staff_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    form = StaffMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_member_create(
            actor=request.user,
            organization=organization,
            **{name: form.cleaned_data[name] for name in STAFF_FIELDS},
        )
        messages.success(request, _("The person has been added to the staff list."))
        return redirect("staff:staff_list", organization.pk)
    return render(request, "staff/staff_form.html", {"organization": organization, "form": form})


@role_required(access.MANAGER_ROLES)
def staff_edit(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    member = access.get_or_404(organization.staff.all(), pk=staff_pk)
    initial = {name: getattr(member, name) for name in STAFF_FIELDS}
    form = StaffMemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.staff_member_update(
            actor=request.user,
            member=member,
            **{name: form.cleaned_data[name] for name in STAFF_FIELDS},
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("staff:staff_list", organization.pk)
    return render(
        request,
        "staff/staff_form.html",
        {"organization": organization, "form": form, "member": member},
    )


# --- import of the staff list and of the lists of students and employers' mentors ----------

PREVIEW_ROWS = 200


@dataclass(frozen=True)
class _ImportPages:
    """The words and the addresses of the import pages of one kind of list."""

    kind: str
    title: Promise
    check_title: Promise
    list_title: Promise
    file_label: Promise | None
    loaded: Promise
    list_url: str
    template_name: str


_IMPORT_PAGES: dict[str, _ImportPages] = {
    PersonKind.STAFF: _ImportPages(
        kind=PersonKind.STAFF,
        title=gettext_lazy("Upload the staff list"),
        check_title=gettext_lazy("Check the staff list"),
        list_title=gettext_lazy("Pedagogical staff"),
        file_label=None,
        loaded=gettext_lazy("The staff list is loaded: %(created)s added, %(updated)s updated."),
        list_url="staff:staff_list",
        template_name="staff_template.xlsx",
    ),
    PersonKind.STUDENT: _ImportPages(
        kind=PersonKind.STUDENT,
        title=gettext_lazy("Upload the list of students"),
        check_title=gettext_lazy("Check the list of students"),
        list_title=gettext_lazy("Students"),
        file_label=gettext_lazy("List of students (XLSX or CSV)"),
        loaded=gettext_lazy(
            "The list of students is loaded: %(created)s added, %(updated)s updated, "
            "%(groups_created)s new groups."
        ),
        list_url="staff:student_list",
        template_name="students_template.xlsx",
    ),
    PersonKind.SCHOOLCHILD: _ImportPages(
        kind=PersonKind.SCHOOLCHILD,
        title=gettext_lazy("Upload the list of schoolchildren"),
        check_title=gettext_lazy("Check the list of schoolchildren"),
        list_title=gettext_lazy("Students"),
        file_label=gettext_lazy("List of schoolchildren (XLSX or CSV)"),
        loaded=gettext_lazy(
            "The list of schoolchildren is loaded: %(created)s added, %(updated)s updated, "
            "%(groups_created)s new classes."
        ),
        list_url="staff:student_list",
        template_name="schoolchildren_template.xlsx",
    ),
    PersonKind.EXTERNAL: _ImportPages(
        kind=PersonKind.EXTERNAL,
        title=gettext_lazy("Upload the list of employers' mentors"),
        check_title=gettext_lazy("Check the list of employers' mentors"),
        list_title=gettext_lazy("Employers' mentors"),
        file_label=gettext_lazy("List of employers' mentors (XLSX or CSV)"),
        loaded=gettext_lazy(
            "The list of employers' mentors is loaded: %(created)s added, %(updated)s updated."
        ),
        list_url="staff:external_list",
        template_name="employer_mentors_template.xlsx",
    ),
}
PEOPLE_IMPORT_KINDS = (PersonKind.STUDENT, PersonKind.SCHOOLCHILD, PersonKind.EXTERNAL)


def _people_pages(kind: str) -> _ImportPages:
    """The pages of a list of students, schoolchildren or employers' mentors; 404 for any
    other word in the address (the staff list has addresses of its own)."""
    if kind not in PEOPLE_IMPORT_KINDS:
        raise Http404
    return _IMPORT_PAGES[kind]


def _import_urls(pages: _ImportPages, organization_pk: int) -> dict[str, str]:
    if pages.kind == PersonKind.STAFF:
        upload = reverse("staff:staff_import", args=[organization_pk])
        template = reverse("staff:staff_import_template", args=[organization_pk])
    else:
        upload = reverse("staff:people_import", args=[organization_pk, pages.kind])
        template = reverse("staff:people_import_template", args=[organization_pk, pages.kind])
    return {
        "upload_url": upload,
        "template_url": template,
        "list_url": reverse(pages.list_url, args=[organization_pk]),
    }


def _preview_url(pages: _ImportPages, organization_pk: int, import_pk: int) -> str:
    if pages.kind == PersonKind.STAFF:
        return reverse("staff:staff_import_preview", args=[organization_pk, import_pk])
    return reverse("staff:people_import_preview", args=[organization_pk, pages.kind, import_pk])


def _import_template(
    request: HttpRequest, organization_pk: int, pages: _ImportPages
) -> HttpResponse:
    access.get_organization(request.user, organization_pk, roles=access.MANAGER_ROLES)
    return HttpResponse(
        importing.template_xlsx(importing.SCHEMAS[pages.kind]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename={pages.template_name}"},
    )


def _import_upload(request: HttpRequest, organization_pk: int, pages: _ImportPages) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    form = StaffImportForm(request.POST or None, request.FILES or None, label=pages.file_label)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            upload_record = services.staff_import_start(
                actor=request.user,
                organization=organization,
                name=upload.name or f"{pages.kind}.xlsx",
                content=content,
                kind=pages.kind,
            )
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect(_preview_url(pages, organization.pk, upload_record.pk))
    return render(
        request,
        "staff/staff_import.html",
        {
            "organization": organization,
            "form": form,
            "pages": pages,
            "instructions": importing.SCHEMAS[pages.kind].instructions,
            **_import_urls(pages, organization.pk),
        },
    )


def _import_preview(
    request: HttpRequest, organization_pk: int, import_pk: int, pages: _ImportPages
) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    record = access.get_or_404(
        organization.staff_imports.filter(status=StaffImport.Status.PENDING, kind=pages.kind),
        pk=import_pk,
    )
    urls = _import_urls(pages, organization.pk)
    schema = services.staff_import_schema(record)
    try:
        table = services.staff_import_table(record)
    except importing.ImportFileError as error:
        messages.error(request, str(error))
        return redirect(urls["upload_url"])
    mapping = {int(k): v for k, v in record.mapping.items()}
    if request.method == "POST" and any(k.startswith("column_") for k in request.POST):
        mapping = {
            i: request.POST.get(f"column_{i}", "")
            for i in range(len(table.headers))
            if request.POST.get(f"column_{i}", "") in schema.column_by_field
        }
        services.staff_import_remap(record=record, mapping=mapping)
    today = timezone.localdate()
    preview = importing.validate(
        table, mapping, organization=organization, today=today, schema=schema
    )
    if request.method == "POST" and request.POST.get("action") == "confirm":
        if preview.ok:
            try:
                result = services.staff_import_apply(
                    actor=request.user, record=record, preview=preview, today=today
                )
            except importing.ImportFileError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, str(pages.loaded) % {"groups_created": 0, **result})
                if result.get("own_account_linked"):
                    messages.info(
                        request,
                        _("Your account has been linked to your own record in the staff list."),
                    )
                return redirect(urls["list_url"])
        else:
            messages.error(request, _("The file has problems: correct them and upload it again."))
    problems = [(row, problem) for row in preview.rows for problem in row.problems]
    return render(
        request,
        "staff/staff_import_preview.html",
        {
            "organization": organization,
            "record": record,
            "pages": pages,
            **urls,
            "preview": preview,
            "columns": [(i, header, mapping.get(i, "")) for i, header in enumerate(table.headers)],
            "fields": [(c.field, c.label, c.required) for c in schema.columns],
            "problems": problems[:PREVIEW_ROWS],
            "more_problems": max(len(problems) - PREVIEW_ROWS, 0),
            "sample": [r for r in preview.rows if not r.problems][:PREVIEW_ROWS],
        },
    )


@role_required(access.MANAGER_ROLES)
def staff_import_template(request: HttpRequest, organization_pk: int) -> HttpResponse:
    return _import_template(request, organization_pk, _IMPORT_PAGES[PersonKind.STAFF])


@role_required(access.MANAGER_ROLES)
def staff_import(request: HttpRequest, organization_pk: int) -> HttpResponse:
    return _import_upload(request, organization_pk, _IMPORT_PAGES[PersonKind.STAFF])


@role_required(access.MANAGER_ROLES)
def staff_import_preview(
    request: HttpRequest, organization_pk: int, import_pk: int
) -> HttpResponse:
    return _import_preview(request, organization_pk, import_pk, _IMPORT_PAGES[PersonKind.STAFF])


@role_required(access.MANAGER_ROLES)
def people_import_template(request: HttpRequest, organization_pk: int, kind: str) -> HttpResponse:
    """The blank list of students, schoolchildren or employers' mentors (`kind`)."""
    return _import_template(request, organization_pk, _people_pages(kind))


@role_required(access.MANAGER_ROLES)
def people_import(request: HttpRequest, organization_pk: int, kind: str) -> HttpResponse:
    """Upload a list of students, schoolchildren or employers' mentors: the staff import's
    flow (upload, preview with the problems of each row, confirmation) with their columns."""
    return _import_upload(request, organization_pk, _people_pages(kind))


@role_required(access.MANAGER_ROLES)
def people_import_preview(
    request: HttpRequest, organization_pk: int, kind: str, import_pk: int
) -> HttpResponse:
    return _import_preview(request, organization_pk, import_pk, _people_pages(kind))
