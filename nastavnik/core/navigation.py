"""The navigation of each role. Later areas add their items to NAVIGATION."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nastavnik.accounts.models import Role, RoleAssignment

ORGANIZATION_ROLES = frozenset(
    {Role.DIRECTOR, Role.CURATOR, Role.MENTOR, Role.MENTEE, Role.CLASS_TEACHER}
)


def _plain(name: str) -> Callable[[RoleAssignment], str]:
    return lambda assignment: reverse(name)


def _of_organization(name: str) -> Callable[[RoleAssignment], str]:
    return lambda assignment: reverse(name, args=[assignment.organization_id])


def _of_region(name: str) -> Callable[[RoleAssignment], str]:
    return lambda assignment: reverse(name, args=[assignment.region_id])


def _of_municipality(name: str) -> Callable[[RoleAssignment], str]:
    return lambda assignment: reverse(name, args=[assignment.municipality_id])


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    icon: str
    roles: frozenset[str]
    url: Callable[[RoleAssignment], str]
    # URL names under which the item is highlighted as current.
    sections: tuple[str, ...] = field(default_factory=tuple)


NAVIGATION: list[NavItem] = [
    NavItem(_("Home"), "house", frozenset(Role.values), _plain("home"), ("home",)),
    NavItem(
        _("Municipalities"),
        "map",
        frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST}),
        _plain("organizations:municipality_list"),
        ("organizations:municipality",),
    ),
    NavItem(
        _("My municipality"),
        "map",
        frozenset({Role.MUNICIPAL_METHODOLOGIST}),
        _of_municipality("organizations:municipality_detail"),
        ("organizations:municipality",),
    ),
    NavItem(
        _("Organizations"),
        "buildings",
        frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST, Role.MUNICIPAL_METHODOLOGIST}),
        _plain("organizations:organization_list"),
        ("organizations:organization",),
    ),
    NavItem(
        _("Organization"),
        "building",
        frozenset({Role.MENTOR, Role.MENTEE}),
        _of_organization("organizations:organization_detail"),
        ("organizations:organization",),
    ),
    NavItem(
        _("Roadmap"),
        "signpost-split",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("roadmaps:roadmap_detail"),
        ("roadmaps:",),
    ),
    NavItem(
        _("Roadmaps"),
        "signpost-split",
        frozenset({Role.REGIONAL_METHODOLOGIST, Role.MUNICIPAL_METHODOLOGIST}),
        _plain("roadmaps:overview"),
        ("roadmaps:overview",),
    ),
    NavItem(
        _("Staff"),
        "people",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("staff:staff_list"),
        ("staff:",),
    ),
    NavItem(
        _("My groups"),
        "mortarboard",
        frozenset({Role.CLASS_TEACHER}),
        _of_organization("staff:my_groups"),
        ("staff:my_group",),
    ),
    NavItem(
        _("Banks"),
        "person-lines-fill",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("banks:mentee_bank"),
        ("banks:mentee", "banks:mentor", "banks:consent", "banks:person"),
    ),
    NavItem(
        _("Pairs"),
        "people-fill",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("mentorships:mentorship_list"),
        ("mentorships:",),
    ),
    NavItem(
        _("Matching of pairs"),
        "diagram-3",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("matching:proposal"),
        ("matching:",),
    ),
    NavItem(
        _("Network matching"),
        "diagram-3",
        frozenset({Role.MUNICIPAL_METHODOLOGIST}),
        _of_municipality("matching:network"),
        ("matching:network",),
    ),
    NavItem(
        _("My pairs"),
        "people-fill",
        frozenset({Role.MENTOR, Role.MENTEE}),
        _plain("mentorships:mine"),
        ("mentorships:",),
    ),
    NavItem(
        pgettext_lazy("navigation", "Surveys"),
        "ui-checks",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("surveys:survey_list"),
        ("surveys:",),
    ),
    NavItem(
        _("My questionnaires"),
        "ui-checks",
        frozenset({Role.MENTOR, Role.MENTEE}),
        _plain("surveys:my_surveys"),
        ("surveys:my",),
    ),
    NavItem(
        pgettext_lazy("navigation", "Surveys"),
        "ui-checks",
        frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST, Role.MUNICIPAL_METHODOLOGIST}),
        _plain("surveys:overview"),
        ("surveys:",),
    ),
    NavItem(
        _("Monitoring"),
        "graph-up",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("monitoring:organization_dashboard"),
        ("monitoring:",),
    ),
    NavItem(
        _("Monitoring"),
        "graph-up",
        frozenset({Role.MUNICIPAL_METHODOLOGIST}),
        _of_municipality("monitoring:municipality_dashboard"),
        ("monitoring:",),
    ),
    NavItem(
        _("Monitoring"),
        "graph-up",
        frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST}),
        _of_region("monitoring:region_dashboard"),
        ("monitoring:",),
    ),
    NavItem(
        _("Report for the year"),
        "file-earmark-bar-graph",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("reports:report"),
        ("reports:report",),
    ),
    NavItem(
        _("Reports of the organizations"),
        "inboxes",
        frozenset({Role.MUNICIPAL_METHODOLOGIST}),
        _of_municipality("reports:municipality_reports"),
        ("reports:municipality_reports", "reports:region_reports"),
    ),
    NavItem(
        _("Reports of the organizations"),
        "inboxes",
        frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST}),
        _of_region("reports:region_reports"),
        ("reports:municipality_reports", "reports:region_reports"),
    ),
    NavItem(
        pgettext_lazy("navigation", "Library"),
        "journal-bookmark",
        frozenset({Role.DIRECTOR, Role.CURATOR, Role.MENTOR, Role.MENTEE}),
        _of_organization("practices:library"),
        ("practices:",),
    ),
    NavItem(
        pgettext_lazy("navigation", "Library"),
        "journal-bookmark",
        frozenset({Role.MUNICIPAL_METHODOLOGIST}),
        _of_municipality("practices:municipality_region_library"),
        ("practices:",),
    ),
    NavItem(
        pgettext_lazy("navigation", "Library"),
        "journal-bookmark",
        frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST}),
        _of_region("practices:region_library"),
        ("practices:",),
    ),
    NavItem(
        _("Documents"),
        "file-earmark-text",
        frozenset({Role.DIRECTOR, Role.CURATOR}),
        _of_organization("documents:document_list"),
        ("documents:",),
    ),
    NavItem(
        _("Region"),
        "sliders",
        frozenset({Role.ADMIN, Role.REGIONAL_METHODOLOGIST}),
        _of_region("banks:region_banks"),
        ("banks:region", "documents:region_template"),
    ),
    NavItem(
        _("Users"),
        "person-gear",
        frozenset({Role.ADMIN}),
        _plain("accounts:user_list"),
        ("accounts:user",),
    ),
]


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    icon: str
    url: str
    active: bool


def navigation_for(assignment: RoleAssignment | None, current_url_name: str) -> list[NavLink]:
    """The links of the active role only, with the current section highlighted."""
    if assignment is None:
        return []
    links = []
    for item in NAVIGATION:
        if assignment.role not in item.roles:
            continue
        active = any(current_url_name.startswith(s) for s in item.sections)
        links.append(NavLink(item.label, item.icon, item.url(assignment), active))
    return links
