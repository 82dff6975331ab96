"""Who may see and change what: the one place that answers it.

Every view, form choice, export and API call asks this module which organizations,
municipalities and accounts the user may see or change, and gets objects through its
getters, which raise 404 for anything outside the user's scope (STYLE.md habit 5).

A person may hold several roles in several places; access is the union of what each of
the roles grants. The *active* role (see `nastavnik.core.middleware`) only chooses the home
page and the navigation.
"""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from nastavnik.accounts.models import SCOPE_OF_ROLE, Role, RoleAssignment, Scope, User
from nastavnik.organizations.models import Municipality, Organization, Region

M = TypeVar("M", bound=Model)

# Roles that see the data of an organization in their scope (staff, banks, documents, reports).
OBSERVER_ROLES = frozenset(
    {
        Role.ADMIN,
        Role.REGIONAL_METHODOLOGIST,
        Role.MUNICIPAL_METHODOLOGIST,
        Role.DIRECTOR,
        Role.CURATOR,
    }
)
# Roles that change the data of an organization in their scope.
MANAGER_ROLES = frozenset({Role.ADMIN, Role.DIRECTOR, Role.CURATOR})
# Roles that see the municipalities and the roll-up above organizations.
OVERSEER_ROLES = frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST, Role.MUNICIPAL_METHODOLOGIST})
# Roles that create municipalities, organizations and accounts.
STRUCTURE_ROLES = frozenset({Role.ADMIN})
# Every role: a member sees the card of his or her own organization.
MEMBER_ROLES = frozenset(Role.values)


def assignments(user: Any) -> list[RoleAssignment]:
    """The user's role assignments, loaded once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[RoleAssignment] | None = getattr(user, "_role_assignments_cache", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).select_related(
                "region", "municipality__region", "organization__municipality__region"
            )
        )
        # The weightier role first (the order of Role): it is active after login.
        order = {role: i for i, role in enumerate(Role.values)}
        cached.sort(key=lambda a: (order[a.role], a.pk))
        user._role_assignments_cache = cached
    return cached


def forget_assignments(user: Any) -> None:
    """Drop the cached assignments after the user's roles change."""
    if hasattr(user, "_role_assignments_cache"):
        del user._role_assignments_cache


def _is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def holds_any(user: Any, roles: Iterable[str]) -> bool:
    """Whether the user holds at least one of the roles, anywhere."""
    wanted = set(roles)
    return _is_superuser(user) or any(a.role in wanted for a in assignments(user))


def _scope_ids(user: Any, roles: Iterable[str]) -> tuple[set[int], set[int], set[int]]:
    wanted = set(roles)
    region_ids: set[int] = set()
    municipality_ids: set[int] = set()
    organization_ids: set[int] = set()
    for a in assignments(user):
        if a.role not in wanted:
            continue
        scope = SCOPE_OF_ROLE[a.role]
        if scope == Scope.REGION and a.region_id:
            region_ids.add(a.region_id)
        elif scope == Scope.MUNICIPALITY and a.municipality_id:
            municipality_ids.add(a.municipality_id)
        elif a.organization_id:
            organization_ids.add(a.organization_id)
    return region_ids, municipality_ids, organization_ids


def organizations_for(
    user: Any, *, roles: Iterable[str] = OBSERVER_ROLES
) -> QuerySet[Organization]:
    """The organizations that the user's roles among `roles` cover."""
    if _is_superuser(user):
        return Organization.objects.all()
    region_ids, municipality_ids, organization_ids = _scope_ids(user, roles)
    if not (region_ids or municipality_ids or organization_ids):
        return Organization.objects.none()
    return Organization.objects.filter(
        Q(pk__in=organization_ids)
        | Q(municipality_id__in=municipality_ids)
        | Q(municipality__region_id__in=region_ids)
    )


def municipalities_for(
    user: Any, *, roles: Iterable[str] = OVERSEER_ROLES
) -> QuerySet[Municipality]:
    """The municipalities that the user's regional or municipal roles among `roles` cover."""
    if _is_superuser(user):
        return Municipality.objects.all()
    region_ids, municipality_ids, _organization_ids = _scope_ids(user, roles)
    if not (region_ids or municipality_ids):
        return Municipality.objects.none()
    return Municipality.objects.filter(Q(pk__in=municipality_ids) | Q(region_id__in=region_ids))


def regions_for(user: Any, *, roles: Iterable[str] = STRUCTURE_ROLES) -> QuerySet[Region]:
    """The regions in which the user holds one of the regional `roles`."""
    if _is_superuser(user):
        return Region.objects.all()
    region_ids, _m, _o = _scope_ids(user, roles)
    return Region.objects.filter(pk__in=region_ids)


def users_managed_by(user: Any) -> QuerySet[User]:
    """Accounts that the user administers: those of the regions where he or she is administrator."""
    if _is_superuser(user):
        return User.objects.all()
    return User.objects.filter(region__in=regions_for(user, roles=STRUCTURE_ROLES))


def scoped(
    user: Any,
    queryset: QuerySet[M],
    *,
    roles: Iterable[str] = OBSERVER_ROLES,
    path: str = "organization",
) -> QuerySet[M]:
    """Restrict `queryset` to objects whose organization (reached by `path`) the user may see."""
    return queryset.filter(**{f"{path}__in": organizations_for(user, roles=roles)})


def get_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object from an already scoped queryset or raise 404."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_organization(user: Any, pk: Any, *, roles: Iterable[str] = OBSERVER_ROLES) -> Organization:
    """The organization if the user's `roles` cover it, else 404."""
    qs = organizations_for(user, roles=roles).select_related("municipality__region")
    return get_or_404(qs, pk=pk)


def get_municipality(user: Any, pk: Any, *, roles: Iterable[str] = OVERSEER_ROLES) -> Municipality:
    """The municipality if the user's `roles` cover it, else 404."""
    return get_or_404(municipalities_for(user, roles=roles).select_related("region"), pk=pk)


def get_managed_user(user: Any, pk: Any) -> User:
    """An account that the user administers, else 404."""
    return get_or_404(users_managed_by(user).select_related("region"), pk=pk)


def covers(assignment: RoleAssignment, organization: Organization) -> bool:
    """Whether one role assignment covers the organization."""
    scope = SCOPE_OF_ROLE[assignment.role]
    if scope == Scope.REGION:
        return assignment.region_id == organization.municipality.region_id
    if scope == Scope.MUNICIPALITY:
        return assignment.municipality_id == organization.municipality_id
    return assignment.organization_id == organization.pk


def can(user: Any, roles: Iterable[str], organization: Organization) -> bool:
    """Whether the user holds one of `roles` covering the organization."""
    if _is_superuser(user):
        return True
    wanted = set(roles)
    return any(a.role in wanted and covers(a, organization) for a in assignments(user))
