"""The lists behind the figures of the dashboards that have no list page elsewhere: portfolio
outputs, attestation results and awards of a year, for one organization or for every
organization of a municipality or a region. Each list counts exactly what its figure counts
(the same filters as `indicators.compute`)."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from nastavnik.core.models import AcademicYear
from nastavnik.mentorships.models import PortfolioItem

# The figures with a list here (keys of monitoring.indicators.INDICATORS).
FIGURES = ("portfolio", "attestation", "awards")


def check(figure: str) -> str:
    if figure not in FIGURES:
        raise Http404
    return figure


def items(figure: str, organization_ids: Iterable[int], year: AcademicYear) -> QuerySet:
    """The records behind a figure, oldest first (a queryset, to be paginated)."""
    ids = list(organization_ids)
    if figure == "awards":
        from nastavnik.practices.models import Nomination

        return (
            Nomination.objects.filter(
                organization_id__in=ids,
                academic_year=year,
                status=Nomination.Status.APPROVED,
            )
            .select_related("staff", "organization", "order")
            .order_by("organization__short_name", "staff__last_name", "staff__first_name", "pk")
        )
    found = PortfolioItem.objects.filter(
        staff__organization_id__in=ids, date__gte=year.starts_on, date__lte=year.ends_on
    ).select_related("staff", "staff__organization")
    if figure == "attestation":
        found = found.filter(kind=PortfolioItem.Kind.ATTESTATION)
    else:
        found = found.exclude(kind=PortfolioItem.Kind.ATTESTATION)
    return found.order_by("date", "staff__last_name", "pk")
