"""Changes to the staff list of an organization (the full import comes with the banks)."""

from typing import Any

from django.db import transaction

from nastavnik.core.services import audit
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember

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
        before={k: str(v) for k, v in before.items() if getattr(member, k) != v},
    )
    return member
