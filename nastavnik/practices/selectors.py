"""The reads of the methodological library and of the awards, scoped by `accounts.access`."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from nastavnik.accounts import access
from nastavnik.accounts.models import SCOPE_OF_ROLE, Scope
from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization, Region
from nastavnik.practices.models import Nomination, Practice
from nastavnik.practices.services import normalize
from nastavnik.staff.models import StaffMember

# Who reads the organization's own library: every member of the organization and the observers
# above it; who changes it: the managers.
READER_ROLES = access.MEMBER_ROLES


def region_ids_for(user: Any) -> set[int] | None:
    """The regions in which the user holds any role (None: every region, for a superuser)."""
    if getattr(user, "is_active", False) and getattr(user, "is_superuser", False):
        return None
    found: set[int] = set()
    for a in access.assignments(user):
        scope = SCOPE_OF_ROLE[a.role]
        if scope == Scope.REGION and a.region_id:
            found.add(a.region_id)
        elif scope == Scope.MUNICIPALITY and a.municipality is not None:
            found.add(a.municipality.region_id)
        elif a.organization is not None:
            found.add(a.organization.municipality.region_id)
    return found


def visible(user: Any) -> QuerySet[Practice]:
    """Practices the user may open: those of the organizations he or she belongs to or
    observes, and those published to a region in which he or she holds a role."""
    readable = access.organizations_for(user, roles=READER_ROLES)
    ids = region_ids_for(user)
    published = Q(published_to_region=True)
    if ids is not None:
        published &= Q(organization__municipality__region_id__in=ids)
    return Practice.objects.filter(Q(organization__in=readable) | published)


def _with_list_data(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    return (
        practices.select_related("academic_year", "event", "organization__municipality")
        .prefetch_related(
            Prefetch("authors", queryset=StaffMember.objects.order_by("last_name", "first_name"))
        )
        .annotate(file_count=Count("files", distinct=True))
        .order_by("-academic_year__start_year", "title", "pk")
    )


def filtered(
    practices: QuerySet[Practice],
    *,
    search: str = "",
    year: Any = None,
    form: str = "",
    tag: str = "",
) -> QuerySet[Practice]:
    """Search every word in the title, description, tags and authors (case-insensitive, «ё» as
    «е»), and the filters by year, form and tag."""
    for word in normalize(search).split():
        practices = practices.filter(search_text__contains=word)
    if year:
        practices = practices.filter(academic_year=year)
    if form:
        practices = practices.filter(form=form)
    tag = normalize(tag)
    if tag:
        practices = practices.filter(
            Q(tags=tag)
            | Q(tags__startswith=f"{tag}, ")
            | Q(tags__endswith=f", {tag}")
            | Q(tags__contains=f", {tag}, ")
        )
    return _with_list_data(practices)


def organization_library(organization: Organization, **filters: Any) -> QuerySet[Practice]:
    return filtered(Practice.objects.filter(organization=organization), **filters)


def region_library(region: Region, **filters: Any) -> QuerySet[Practice]:
    return filtered(
        Practice.objects.filter(
            published_to_region=True, organization__municipality__region=region
        ),
        **filters,
    ).order_by("-published_at", "-pk")


def tags_of(practices: QuerySet[Practice]) -> list[str]:
    """Every tag used in the practices (one query)."""
    found: set[str] = set()
    for tags in practices.order_by().values_list("tags", flat=True).distinct():
        found.update(t for t in tags.split(", ") if t)
    return sorted(found)


def years_of(practices: QuerySet[Practice]) -> QuerySet[AcademicYear]:
    return AcademicYear.objects.filter(
        pk__in=practices.order_by().values("academic_year")
    ).order_by("-start_year")


def year_nominations(organization: Organization, year: AcademicYear) -> QuerySet[Nomination]:
    return Nomination.objects.filter(organization=organization, academic_year=year).select_related(
        "staff", "order"
    )


def award_candidates(organization: Organization) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(organization=organization, is_active=True).order_by(
        "last_name", "first_name", "patronymic"
    )


def award_counts(organization_ids: Any, year: Any) -> dict[int, int]:
    """Approved nominations per organization in the year: the «awards» of monitoring
    (registered with monitoring.indicators.register_award_counter). One query."""
    from django.db.models import Count

    from nastavnik.practices.models import Nomination

    rows = (
        Nomination.objects.filter(
            organization_id__in=list(organization_ids),
            academic_year=year,
            status=Nomination.Status.APPROVED,
        )
        .order_by()  # no join for the model's ordering
        .values("organization_id")
        .annotate(n=Count("pk"))
    )
    return {row["organization_id"]: row["n"] for row in rows}
