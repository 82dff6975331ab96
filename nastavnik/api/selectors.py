"""Reads of the read API: what a token may see, and the figures of its organizations.

Every figure is a grouped aggregate over the organizations of one page, so that a list costs
the same handful of queries for one organization and for a thousand (no per-row query).
"""

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from nastavnik.api.models import ApiToken
from nastavnik.banks.models import BankSettings, MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.mentorships.models import (
    Meeting,
    Mentorship,
    PortfolioItem,
    ProgramActivity,
)
from nastavnik.mentorships.services import FORMAL_DAYS
from nastavnik.organizations.models import Municipality, Organization
from nastavnik.roadmaps.facts import facts_for
from nastavnik.roadmaps.models import Activity, Roadmap
from nastavnik.roadmaps.selectors import activity_state

# --- scope -----------------------------------------------------------------------------------


def organizations_for_token(token: ApiToken) -> QuerySet[Organization]:
    """The organizations a token reads: those of its municipality or of its region."""
    if token.municipality_id is not None:
        qs = Organization.objects.filter(municipality_id=token.municipality_id)
    else:
        qs = Organization.objects.filter(municipality__region=token.region)
    return qs.select_related("municipality").order_by("pk")


def municipalities_for_token(token: ApiToken) -> QuerySet[Municipality]:
    if token.municipality_id is not None:
        qs = Municipality.objects.filter(pk=token.municipality_id)
    else:
        qs = Municipality.objects.filter(region=token.region)
    return (
        qs.select_related("region")
        .annotate(organization_count=Count("organizations"))
        .order_by("pk")
    )


def tokens_of(*, region: Any = None, municipality: Any = None) -> QuerySet[ApiToken]:
    """The tokens of one scope for its management page, newest first."""
    qs = ApiToken.objects.select_related("created_by")
    if municipality is not None:
        return qs.filter(municipality=municipality)
    return qs.filter(region=region)


# --- indicators ------------------------------------------------------------------------------


def _empty_row() -> dict[str, Any]:
    return {
        "mentors": 0,
        "mentees": 0,
        "mentees_waiting": 0,
        "mentees_support": 0,
        "mentorships": 0,
        "pairs": 0,
        "groups": 0,
        "by_form": {form: {"pairs": 0, "groups": 0} for form in MentorshipForm.values},
        "by_status": {status: 0 for status in Mentorship.Status.values},
        "meetings": {"held": 0, "not_held": 0},
        "portfolio": {kind: 0 for kind in PortfolioItem.Kind.values},
        "flagged": 0,
    }


def formal_days_of(region_id: int) -> int:
    """After how many days without a meeting the region calls a mentorship formal."""
    days = (
        BankSettings.objects.filter(region_id=region_id)
        .values_list("formal_after_days", flat=True)
        .first()
    )
    return days or FORMAL_DAYS


def indicators(
    organization_ids: list[int],
    start_year: int,
    today: datetime.date,
    formal_days: int = FORMAL_DAYS,
) -> dict[int, dict[str, Any]]:
    """The figures of each organization for the academic year that starts in `start_year`,
    in six grouped queries whatever the number of organizations.

    A mentorship is flagged as formal when it is active and either a program activity is
    overdue or no meeting was held for more than `formal_days` days (the rules of
    mentorships.services.flags that the database can answer).
    """
    result = {org_id: _empty_row() for org_id in organization_ids}
    if not organization_ids:
        return result
    year = Q(academic_year__start_year=start_year)
    ids = Q(organization_id__in=organization_ids)

    for org_id, n in (
        MentorProfile.objects.filter(ids, year)
        .exclude(status=MentorProfile.Status.EXCLUDED)
        .order_by()
        .values_list("organization_id")
        .annotate(n=Count("pk"))
    ):
        result[org_id]["mentors"] = n

    for org_id, status, n in (
        MenteeProfile.objects.filter(ids, year)
        .order_by()
        .values_list("organization_id", "status")
        .annotate(n=Count("pk"))
    ):
        row = result[org_id]
        if status != MenteeProfile.Status.EXCLUDED:
            row["mentees"] += n
        if status == MenteeProfile.Status.WAITING:
            row["mentees_waiting"] += n
        elif status == MenteeProfile.Status.SUPPORT:
            row["mentees_support"] += n

    cutoff = today - datetime.timedelta(days=formal_days)
    overdue = ProgramActivity.objects.filter(
        program__mentorship=OuterRef("pk"),
        status=ProgramActivity.Status.PLANNED,
        due_on__lt=today,
    )
    recent = Meeting.objects.filter(mentorship=OuterRef("pk"), held=True, date__gte=cutoff)
    any_held = Meeting.objects.filter(mentorship=OuterRef("pk"), held=True)
    flagged = Q(status=Mentorship.Status.ACTIVE) & (
        Q(overdue=True) | (Q(recent=False) & (Q(any_held=True) | Q(starts_on__lt=cutoff)))
    )
    for values in (
        Mentorship.objects.filter(ids, year)
        .annotate(overdue=Exists(overdue), recent=Exists(recent), any_held=Exists(any_held))
        .order_by()
        .values("organization_id", "form", "type", "status")
        .annotate(n=Count("pk"), n_flagged=Count("pk", filter=flagged))
    ):
        row = result[values["organization_id"]]
        n = values["n"]
        side = "groups" if values["type"] == Mentorship.Type.GROUP else "pairs"
        row["mentorships"] += n
        row[side] += n
        if values["form"] in row["by_form"]:
            row["by_form"][values["form"]][side] += n
        if values["status"] in row["by_status"]:
            row["by_status"][values["status"]] += n
        row["flagged"] += values["n_flagged"]

    for org_id, held, n in (
        Meeting.objects.filter(
            mentorship__organization_id__in=organization_ids,
            mentorship__academic_year__start_year=start_year,
        )
        .order_by()
        .values_list("mentorship__organization_id", "held")
        .annotate(n=Count("pk"))
    ):
        result[org_id]["meetings"]["held" if held else "not_held"] += n

    # A portfolio item counts for the organization and year of its mentorship; an item outside
    # any mentorship, for the mentee's organization and the academic year of its date.
    starts = datetime.date(start_year, 9, 1)
    ends = datetime.date(start_year + 1, 8, 31)
    for org_id, kind, n in (
        PortfolioItem.objects.filter(
            Q(
                mentorship__organization_id__in=organization_ids,
                mentorship__academic_year__start_year=start_year,
            )
            | Q(
                mentorship__isnull=True,
                staff__organization_id__in=organization_ids,
                date__range=(starts, ends),
            )
        )
        .annotate(org=Coalesce("mentorship__organization_id", "staff__organization_id"))
        .order_by()
        .values_list("org", "kind")
        .annotate(n=Count("pk"))
    ):
        if org_id in result and kind in result[org_id]["portfolio"]:
            result[org_id]["portfolio"][kind] += n
    return result


# --- roadmap progress ------------------------------------------------------------------------


def roadmap_progress(
    organization: Organization, start_year: int, today: datetime.date
) -> dict[str, Any] | None:
    """Stages of the organization's roadmap for the year with their activities counted as
    done, overdue, in progress and planned (each activity in exactly one of them); None when
    the organization has no roadmap for the year."""
    year = AcademicYear.objects.filter(start_year=start_year).first()
    if year is None:
        return None
    roadmap = (
        Roadmap.objects.filter(organization=organization, academic_year=year)
        .prefetch_related("stages")
        .first()
    )
    if roadmap is None:
        return None
    facts = facts_for([organization.pk], year)[organization.pk]
    stages: dict[int, dict[str, Any]] = {
        stage.pk: {
            "id": stage.pk,
            "order": stage.order,
            "title": stage.title,
            "counts": {"total": 0, "done": 0, "overdue": 0, "in_progress": 0, "planned": 0},
        }
        for stage in roadmap.stages.all()
    }
    totals = {"total": 0, "done": 0, "overdue": 0, "in_progress": 0, "planned": 0}
    for activity in Activity.objects.filter(stage__roadmap=roadmap).only(
        "pk", "stage_id", "deadline", "fact", "status"
    ):
        state = activity_state(activity, facts, start_year, today)
        if state.done:
            bucket = "done"
        elif state.overdue:
            bucket = "overdue"
        elif activity.status == Activity.Status.IN_PROGRESS:
            bucket = "in_progress"
        else:
            bucket = "planned"
        for counts in (stages[activity.stage_id]["counts"], totals):
            counts["total"] += 1
            counts[bucket] += 1
    return {
        "id": roadmap.pk,
        "title": roadmap.title,
        "counts": totals,
        "stages": list(stages.values()),
    }
