"""Who may see and who may change a questionnaire: the one place that answers it.

There are three kinds of questionnaire, and each has its own rule:

- a template of the region's library (``organization`` is empty, ``is_template`` is true):
  every observer of an organization of the region sees it (the administrator and the regional
  methodologist of the region, a municipal methodologist of a municipality of the region, the
  director and the curator of an organization of the region); it is changed by the
  administrator (``access.STRUCTURE_ROLES``) and the regional methodologist of the region;
- an organization's own template (``organization`` set, ``is_template`` true): the observers
  of that organization see it (``access.OBSERVER_ROLES`` through ``access.can``), its managers
  (``access.MANAGER_ROLES``) change it;
- the frozen copy a survey runs on (``is_template`` false): seen like an own template; changed
  by the managers of the survey's organization, and only while
  ``services.questionnaire_is_editable`` is true, i.e. before the survey is launched.

Mentors, mentees and anyone outside see nothing: views answer 404 (``get_questionnaire``).
The questionnaire's ``organization`` should come with ``municipality`` loaded
(``select_related("organization__municipality")``), as ``get_questionnaire`` does, so that
the checks cost no query (the frozen copy's editability costs one).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from nastavnik.accounts import access
from nastavnik.accounts.models import SCOPE_OF_ROLE, Role, Scope
from nastavnik.surveys import services
from nastavnik.surveys.models import Questionnaire

# Who changes the templates of the region's library.
REGION_EDITOR_ROLES = frozenset({*access.STRUCTURE_ROLES, Role.REGIONAL_METHODOLOGIST})


def _in_region(user: Any, roles: frozenset[str], region_id: int) -> bool:
    """Whether the user holds one of `roles` in the region or anywhere below it."""
    if getattr(user, "is_active", False) and getattr(user, "is_superuser", False):
        return True
    for a in access.assignments(user):
        if a.role not in roles:
            continue
        scope = SCOPE_OF_ROLE[a.role]
        if scope == Scope.REGION and a.region_id == region_id:
            return True
        if scope == Scope.MUNICIPALITY and a.municipality and a.municipality.region_id == region_id:
            return True
        if (
            scope == Scope.ORGANIZATION
            and a.organization
            and a.organization.municipality.region_id == region_id
        ):
            return True
    return False


def can_view_region_library(user: Any, region_id: int) -> bool:
    """Whether the user sees the templates of the region's library."""
    return _in_region(user, access.OBSERVER_ROLES, region_id)


def can_edit_region_library(user: Any, region_id: int) -> bool:
    """Whether the user changes the templates of the region's library."""
    return _in_region(user, REGION_EDITOR_ROLES, region_id)


def can_view_questionnaire(user: Any, questionnaire: Questionnaire) -> bool:
    """Whether the user may see the questionnaire (its editor read-only, its preview)."""
    if questionnaire.organization_id is None:
        return questionnaire.is_template and can_view_region_library(user, questionnaire.region_id)
    assert questionnaire.organization is not None
    return access.can(user, access.OBSERVER_ROLES, questionnaire.organization)


def can_edit_questionnaire(user: Any, questionnaire: Questionnaire) -> bool:
    """Whether the user may change the questionnaire now (see the module docstring)."""
    if questionnaire.organization_id is None:
        return questionnaire.is_template and can_edit_region_library(user, questionnaire.region_id)
    assert questionnaire.organization is not None
    if not access.can(user, access.MANAGER_ROLES, questionnaire.organization):
        return False
    return questionnaire.is_template or services.questionnaire_is_editable(questionnaire)


def get_questionnaire(user: Any, pk: Any) -> Questionnaire:
    """The questionnaire if the user may see it, else 404."""
    questionnaire = access.get_or_404(
        Questionnaire.objects.select_related("region", "organization__municipality__region"),
        pk=pk,
    )
    if not can_view_questionnaire(user, questionnaire):
        raise Http404
    return questionnaire
