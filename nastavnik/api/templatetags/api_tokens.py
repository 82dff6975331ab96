"""Whether to show the link to the API tokens page of a region or a municipality."""

from typing import Any

from django import template

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.organizations.models import Municipality, Region

register = template.Library()


@register.simple_tag
def can_issue_api_tokens(user: Any, scope: Region | Municipality) -> bool:
    """The administrator of the region issues tokens of the region and of its municipalities;
    a municipal methodologist, those of his or her municipality (no query: roles are cached)."""
    if getattr(user, "is_active", False) and getattr(user, "is_superuser", False):
        return True
    region_id = scope.pk if isinstance(scope, Region) else scope.region_id
    for a in access.assignments(user):
        if a.role == Role.ADMIN and a.region_id == region_id:
            return True
        if (
            isinstance(scope, Municipality)
            and a.role == Role.MUNICIPAL_METHODOLOGIST
            and a.municipality_id == scope.pk
        ):
            return True
    return False
