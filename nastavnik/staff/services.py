"""Changes to the staff list of an organization (the full import comes with the banks)."""

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext

from nastavnik.core.services import audit, changes
from nastavnik.organizations.models import Organization
from nastavnik.staff import importing, logins
from nastavnik.staff.models import PersonKind, StaffImport, StaffMember

STAFF_FIELDS = ("last_name", "first_name", "patronymic", "gender", "position", "is_active")


@transaction.atomic
def staff_member_create(*, actor: Any, organization: Organization, **fields: Any) -> StaffMember:
    member = StaffMember.objects.create(organization=organization, **fields)
    audit(
        actor=actor,
        action="staff_create",
        target=member,
        organization=organization,
        region=organization.municipality.region,
    )
    return member


@transaction.atomic
def staff_member_update(*, actor: Any, member: StaffMember, **fields: Any) -> StaffMember:
    before = {name: getattr(member, name) for name in fields}
    for name, value in fields.items():
        setattr(member, name, value)
    member.save(update_fields=list(fields))
    audit(
        actor=actor,
        action="staff_update",
        target=member,
        organization=member.organization,
        region=member.organization.municipality.region,
        **changes(before, member),
    )
    return member


def staff_import_start(
    *,
    actor: Any,
    organization: Organization,
    name: str,
    content: bytes,
    kind: str = PersonKind.STAFF,
) -> StaffImport:
    """Keep an uploaded list of people of `kind` (the staff, students, schoolchildren or
    employers' mentors) after checking that it reads as a table; nothing else is written
    until the curator confirms."""
    schema = importing.SCHEMAS[kind]
    table = importing.read_table(content, name, schema)
    record = StaffImport(
        organization=organization,
        original_name=name,
        kind=kind,
        mapping={str(k): v for k, v in importing.guess_mapping(table.headers, schema).items()},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record.file.save(get_valid_filename(name) or "staff.xlsx", ContentFile(content), save=False)
    record.save()
    return record


def staff_import_table(record: StaffImport) -> importing.Table:
    with record.file.open("rb") as f:
        return importing.read_table(f.read(), record.original_name, staff_import_schema(record))


def staff_import_schema(record: StaffImport) -> importing.Schema:
    """The columns and rules of the list the upload holds."""
    return importing.SCHEMAS[record.kind]


def staff_import_remap(*, record: StaffImport, mapping: dict[int, str]) -> None:
    record.mapping = {str(k): v for k, v in mapping.items()}
    record.save(update_fields=["mapping"])


@transaction.atomic
def staff_import_apply(
    *, actor: Any, record: StaffImport, preview: importing.Preview, today: Any
) -> dict[str, int]:
    """Write a clean preview in one transaction and mark the upload applied."""
    record = StaffImport.objects.select_for_update().get(pk=record.pk)
    if record.status != StaffImport.Status.PENDING:
        raise importing.ImportFileError(
            gettext("This file has already been loaded: upload it again to load it once more.")
        )
    if preview.schema.kind != record.kind:
        raise ValueError(f"a preview of {preview.schema.kind!r} for an upload of {record.kind!r}")
    result = importing.apply(preview, actor=actor, organization=record.organization, today=today)
    record.status = StaffImport.Status.APPLIED
    record.result = result
    record.save(update_fields=["status", "result"])
    if record.kind == PersonKind.STAFF:
        own = logins.own_record_link(actor=actor, organization=record.organization)
        result = {**result, "own_account_linked": int(own is not None)}
    return result
