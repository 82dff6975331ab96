"""Reads of regions, municipalities and organizations, always through the access scope."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from nastavnik.accounts import access
from nastavnik.organizations.models import Municipality, Organization
from nastavnik.staff.selectors import active_staff_count


def organization_list(
    *,
    user: Any,
    search: str = "",
    municipality_id: int | None = None,
    kind: str = "",
) -> QuerySet[Organization]:
    qs = access.organizations_for(user, roles=access.OBSERVER_ROLES).select_related(
        "municipality__region"
    )
    if search:
        qs = qs.filter(Q(short_name__icontains=search) | Q(full_name__icontains=search))
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(staff_count=active_staff_count()).order_by(
        "municipality__name", "short_name"
    )


def municipality_list(*, user: Any) -> QuerySet[Municipality]:
    return (
        access.municipalities_for(user)
        .select_related("region")
        .annotate(organization_count=Count("organizations"))
        .order_by("name")
    )
