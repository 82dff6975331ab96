"""Changes to the structure of a region: municipalities and organizations."""

from typing import Any

from django.db import transaction

from nastavnik.core.services import audit, changes
from nastavnik.organizations.models import Municipality, Organization, Region

ORGANIZATION_FIELDS = (
    "full_name",
    "short_name",
    "kind",
    "address",
    "locality",
    "phone",
    "email",
    "website",
    "head_last_name",
    "head_first_name",
    "head_patronymic",
    "head_position",
)


@transaction.atomic
def region_create(*, actor: Any, name: str, center_name: str = "") -> Region:
    region = Region.objects.create(name=name, center_name=center_name)
    audit(actor=actor, action="region_create", target=region, region=region)
    return region


@transaction.atomic
def municipality_create(
    *, actor: Any, region: Region, name: str, authority_name: str = ""
) -> Municipality:
    municipality = Municipality.objects.create(
        region=region, name=name, authority_name=authority_name
    )
    audit(actor=actor, action="municipality_create", target=municipality, region=region)
    return municipality


@transaction.atomic
def municipality_update(
    *, actor: Any, municipality: Municipality, name: str, authority_name: str
) -> Municipality:
    before = {"name": municipality.name, "authority_name": municipality.authority_name}
    municipality.name = name
    municipality.authority_name = authority_name
    municipality.save(update_fields=["name", "authority_name"])
    audit(
        actor=actor,
        action="municipality_update",
        target=municipality,
        region=municipality.region,
        **changes(before, municipality),
    )
    return municipality


@transaction.atomic
def organization_create(*, actor: Any, municipality: Municipality, **fields: Any) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organization fields: {sorted(unknown)}")
    organization = Organization.objects.create(municipality=municipality, **fields)
    audit(
        actor=actor,
        action="organization_create",
        target=organization,
        organization=organization,
        region=municipality.region,
    )
    return organization


@transaction.atomic
def organization_update(
    *,
    actor: Any,
    organization: Organization,
    municipality: Municipality | None = None,
    **fields: Any,
) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organization fields: {sorted(unknown)}")
    before = {name: getattr(organization, name) for name in fields}
    for name, value in fields.items():
        setattr(organization, name, value)
    if municipality is not None and municipality.pk != organization.municipality_id:
        before["municipality"] = organization.municipality
        organization.municipality = municipality
    organization.save()
    audit(
        actor=actor,
        action="organization_update",
        target=organization,
        organization=organization,
        region=organization.municipality.region,
        **changes(before, organization),
    )
    return organization
