"""Accounts and roles: create people, give and take away roles in a scope."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.accounts.models import (
    SCOPE_OF_ROLE,
    Role,
    RoleAssignment,
    Scope,
    User,
    scope_field,
)
from nastavnik.core.services import audit, changes
from nastavnik.organizations.models import Municipality, Organization, Region

ScopeObject = Region | Municipality | Organization


def _scope_kwargs(role: str, scope: ScopeObject) -> dict[str, Any]:
    expected = SCOPE_OF_ROLE[role]
    if scope_field(scope) != expected:
        raise ValidationError(
            _("The role «%(role)s» is given in a %(scope)s.")
            % {"role": Role(role).label, "scope": Scope(expected).label}
        )
    return {expected: scope}


def region_of(scope: ScopeObject) -> Region:
    if isinstance(scope, Region):
        return scope
    if isinstance(scope, Municipality):
        return scope.region
    return scope.municipality.region


@transaction.atomic
def role_assign(*, actor: Any, user: User, role: str, scope: ScopeObject) -> RoleAssignment:
    """Give `user` the `role` in `scope` (a region, municipality or organization)."""
    kwargs = _scope_kwargs(role, scope)
    if RoleAssignment.objects.filter(user=user, role=role, **kwargs).exists():
        raise ValidationError(
            _("%(person)s already holds the role «%(role)s» in «%(scope)s».")
            % {"person": user.full_name or user.username, "role": Role(role).label, "scope": scope}
        )
    assignment = RoleAssignment.objects.create(user=user, role=role, **kwargs)
    audit(
        actor=actor,
        action="role_assign",
        target=assignment,
        region=region_of(scope),
        organization=scope if isinstance(scope, Organization) else None,
        user=user.pk,
        role=role,
    )
    access.forget_assignments(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: Any, assignment: RoleAssignment) -> None:
    scope = assignment.scope_object
    assert scope is not None
    audit(
        actor=actor,
        action="role_revoke",
        target=assignment,
        region=region_of(scope),
        organization=assignment.organization,
        user=assignment.user_id,
        role=assignment.role,
    )
    assignment.delete()
    access.forget_assignments(assignment.user)


@transaction.atomic
def user_create(
    *,
    actor: Any,
    region: Region,
    username: str,
    password: str,
    last_name: str,
    first_name: str,
    patronymic: str = "",
    email: str = "",
    role: str | None = None,
    scope: ScopeObject | None = None,
) -> User:
    """Create an account in a region, with its first role when one is given."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("This login is already taken."))
    user = User(
        username=username,
        last_name=last_name,
        first_name=first_name,
        patronymic=patronymic,
        email=email,
        region=region,
    )
    user.set_password(password)
    user.save()
    audit(actor=actor, action="user_create", target=user, region=region)
    if role and scope is not None:
        role_assign(actor=actor, user=user, role=role, scope=scope)
    return user


@transaction.atomic
def user_update(
    *,
    actor: Any,
    user: User,
    last_name: str,
    first_name: str,
    patronymic: str,
    email: str,
    is_active: bool,
) -> User:
    before = {
        "last_name": user.last_name,
        "first_name": user.first_name,
        "patronymic": user.patronymic,
        "email": user.email,
        "is_active": user.is_active,
    }
    user.last_name, user.first_name, user.patronymic = last_name, first_name, patronymic
    user.email, user.is_active = email, is_active
    user.save(update_fields=["last_name", "first_name", "patronymic", "email", "is_active"])
    audit(
        actor=actor,
        action="user_update",
        target=user,
        region=user.region,
        **changes(before, user),
    )
    return user


@transaction.atomic
def user_set_password(*, actor: Any, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit(actor=actor, action="user_set_password", target=user, region=user.region)
