from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.banks.selectors import badges, rules_for
from nastavnik.core.decorators import role_required
from nastavnik.staff import importing, selectors, services
from nastavnik.staff.forms import StaffImportForm, StaffMemberForm
from nastavnik.staff.models import StaffImport
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


# --- import of the staff list --------------------------------------------------------------

PREVIEW_ROWS = 200


@role_required(access.MANAGER_ROLES)
def staff_import_template(request: HttpRequest, organization_pk: int) -> HttpResponse:
    access.get_organization(request.user, organization_pk, roles=access.MANAGER_ROLES)
    return HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": "attachment; filename=staff_template.xlsx"},
    )


@role_required(access.MANAGER_ROLES)
def staff_import(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    form = StaffImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            upload_record = services.staff_import_start(
                actor=request.user,
                organization=organization,
                name=upload.name or "staff.xlsx",
                content=content,
            )
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("staff:staff_import_preview", organization.pk, upload_record.pk)
    return render(request, "staff/staff_import.html", {"organization": organization, "form": form})


@role_required(access.MANAGER_ROLES)
def staff_import_preview(
    request: HttpRequest, organization_pk: int, import_pk: int
) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    record = access.get_or_404(
        organization.staff_imports.filter(status=StaffImport.Status.PENDING), pk=import_pk
    )
    try:
        table = services.staff_import_table(record)
    except importing.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("staff:staff_import", organization.pk)
    mapping = {int(k): v for k, v in record.mapping.items()}
    if request.method == "POST" and any(k.startswith("column_") for k in request.POST):
        mapping = {
            i: request.POST.get(f"column_{i}", "")
            for i in range(len(table.headers))
            if request.POST.get(f"column_{i}", "") in importing.COLUMN_BY_FIELD
        }
        services.staff_import_remap(record=record, mapping=mapping)
    today = timezone.localdate()
    preview = importing.validate(table, mapping, organization=organization, today=today)
    if request.method == "POST" and request.POST.get("action") == "confirm":
        if preview.ok:
            try:
                result = services.staff_import_apply(
                    actor=request.user, record=record, preview=preview, today=today
                )
            except importing.ImportFileError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("The staff list is loaded: %(created)s added, %(updated)s updated.") % result,
                )
                return redirect("staff:staff_list", organization.pk)
        else:
            messages.error(request, _("The file has problems: correct them and upload it again."))
    problems = [(row, problem) for row in preview.rows for problem in row.problems]
    return render(
        request,
        "staff/staff_import_preview.html",
        {
            "organization": organization,
            "record": record,
            "preview": preview,
            "columns": [(i, header, mapping.get(i, "")) for i, header in enumerate(table.headers)],
            "fields": [(c.field, c.label, c.required) for c in importing.COLUMNS],
            "problems": problems[:PREVIEW_ROWS],
            "more_problems": max(len(problems) - PREVIEW_ROWS, 0),
            "sample": [r for r in preview.rows if not r.problems][:PREVIEW_ROWS],
        },
    )
