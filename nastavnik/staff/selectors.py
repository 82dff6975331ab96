from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from nastavnik.organizations.models import Organization
from nastavnik.staff.models import PersonKind, StaffMember


def staff_list(*, organization: Organization, search: str = "") -> QuerySet[StaffMember]:
    qs = StaffMember.objects.filter(
        organization=organization, is_active=True, kind=PersonKind.STAFF
    )
    for word in search.split():
        qs = qs.filter(
            Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(patronymic__icontains=word)
            | Q(position__icontains=word)
        )
    return qs.select_related("user").order_by("last_name", "first_name", "patronymic")


def active_staff_count(path: str = "pk") -> Coalesce:
    """An annotation: the number of active staff of the organization found at `path`.

    A correlated subquery, so that counting and paginating the outer list needs no join.
    """
    counts = (
        StaffMember.objects.filter(
            organization=OuterRef(path), is_active=True, kind=PersonKind.STAFF
        )
        .order_by()
        .values("organization")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)
