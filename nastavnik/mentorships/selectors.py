"""Who sees which mentorship, and the figures of a list of them."""

import datetime
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from nastavnik.accounts import access
from nastavnik.mentorships.models import Mentorship, ProgramActivity


def visible(user: Any) -> QuerySet[Mentorship]:
    """The observers of the organization see all its mentorships; a mentor or a mentee sees
    his or her own."""
    if not getattr(user, "is_authenticated", False):
        return Mentorship.objects.none()
    return Mentorship.objects.filter(
        Q(organization__in=access.organizations_for(user, roles=access.OBSERVER_ROLES))
        | Q(mentor__user=user)
        | Q(co_mentors__user=user)
        | Q(mentees__user=user)
    ).distinct()


def is_participant(user: Any, mentorship: Mentorship) -> bool:
    return bool(is_mentor(user, mentorship) or mentorship.mentees.filter(user=user).exists())


def can_manage(user: Any, mentorship: Mentorship) -> bool:
    return access.can(user, access.MANAGER_ROLES, mentorship.organization)


def is_mentor(user: Any, mentorship: Mentorship) -> bool:
    """The mentor or a co-mentor of the group."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return False
    return mentorship.mentor.user_id == pk or mentorship.co_mentors.filter(user_id=pk).exists()


def annotated(queryset: QuerySet[Mentorship], today: datetime.date) -> QuerySet[Mentorship]:
    return (
        queryset.select_related("mentor", "academic_year", "program")
        .prefetch_related("mentees", "co_mentors")
        .annotate(
            last_meeting=Max("meetings__date", filter=Q(meetings__held=True)),
            overdue=Count(
                "program__activities",
                filter=Q(
                    program__activities__status=ProgramActivity.Status.PLANNED,
                    program__activities__due_on__lt=today,
                ),
                distinct=True,
            ),
        )
        .order_by("mentor__last_name", "pk")
    )


def with_flags(queryset: QuerySet[Mentorship], today: datetime.date) -> list[dict[str, Any]]:
    """Rows of mentorships with the reasons each looks formal (an empty list when it does not)."""
    from nastavnik.banks.models import BankSettings
    from nastavnik.mentorships.services import FORMAL_DAYS, flags
    from nastavnik.surveys.selectors import satisfaction

    rows = list(annotated(queryset, today).select_related("organization__municipality"))
    regions = {m.organization.municipality.region_id for m in rows}
    days = dict(
        BankSettings.objects.filter(region__in=regions).values_list("region", "formal_after_days")
    )
    surveyed = satisfaction(rows)
    return [
        {
            "mentorship": m,
            "flags": flags(
                m,
                today,
                getattr(m, "last_meeting", None),
                getattr(m, "overdue", 0),
                days.get(m.organization.municipality.region_id, FORMAL_DAYS),
                surveyed.get(m.pk),
            ),
        }
        for m in rows
    ]


def analytical_note_of(mentorship: Mentorship) -> Any:
    """The latest mentor's analytical report of the pair or group in the organization's
    registry of documents (None before the first one is made)."""
    from nastavnik.documents.models import Document

    return (
        Document.objects.filter(
            organization_id=mentorship.organization_id,
            kind="analytical_note",
            data__mentorship=mentorship.pk,
        )
        .order_by("-pk")
        .first()
    )
