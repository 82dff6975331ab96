"""Interim and final control: the schedule of an organization for a year (created with the
defaults of the seeds on first use) and the status of each pair or group at each point.

A mentorship is «done» at a control point when it has a held meeting in the period since the
previous point (or since the start of the year for the first one) up to the point's date;
otherwise «no data». Plain, explainable, and two queries for any number of mentorships."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nastavnik.core.models import AcademicYear
from nastavnik.core.services import audit
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.monitoring.models import ControlPoint
from nastavnik.organizations.models import Organization


def defaults(year: AcademicYear) -> list[tuple[str, datetime.date, str]]:
    spring = year.start_year + 1
    return [
        (ControlPoint.Kind.INTERIM, datetime.date(spring, 4, 15), _("Interim control")),
        (ControlPoint.Kind.FINAL, datetime.date(spring, 6, 1), _("Final control")),
    ]


def schedule(
    organization: Organization, year: AcademicYear, *, actor: Any = None
) -> list[ControlPoint]:
    """The organization's control points of the year; the defaults are created on first use."""
    points = list(ControlPoint.objects.filter(organization=organization, academic_year=year))
    for point in points:
        point.academic_year = year  # known: statuses() reads its start without a query
    if points:
        return points
    with transaction.atomic():
        points = [
            ControlPoint.objects.create(
                organization=organization, academic_year=year, kind=kind, due_on=due, title=title
            )
            for kind, due, title in defaults(year)
        ]
        audit(
            actor=actor,
            action="control_schedule_create",
            target=organization,
            organization=organization,
            year=str(year),
        )
    return points


@dataclass(frozen=True)
class Status:
    done: bool
    meeting_on: datetime.date | None
    pending: bool = False  # the point is ahead and nothing is held yet

    @property
    def label(self) -> str:
        if self.done:
            return _("meeting held in the period")
        return _("the period is not over") if self.pending else _("no data in the period")


def statuses(
    points: list[ControlPoint], mentorships: list[Mentorship], today: datetime.date
) -> dict[tuple[int, int], Status]:
    """(mentorship pk, point pk) -> status, from one query over the held meetings."""
    if not points or not mentorships:
        return {}
    year_start = points[0].academic_year.starts_on
    held: dict[int, list[datetime.date]] = {}
    for mentorship_id, date in Meeting.objects.filter(
        mentorship__in=[m.pk for m in mentorships], held=True
    ).values_list("mentorship_id", "date"):
        held.setdefault(mentorship_id, []).append(date)
    result = {}
    ordered = sorted(points, key=lambda p: p.due_on)
    for m in mentorships:
        dates = held.get(m.pk, [])
        start = year_start
        for point in ordered:
            found = [d for d in dates if start <= d <= point.due_on]
            result[(m.pk, point.pk)] = Status(
                bool(found), max(found) if found else None, not found and point.due_on > today
            )
            start = point.due_on + datetime.timedelta(days=1)
    return result


def summary(
    points: list[ControlPoint], mentorships: list[Mentorship], today: datetime.date
) -> list[dict[str, Any]]:
    """Per point: how many pairs and groups are done and how many have no data."""
    found = statuses(points, mentorships, today)
    rows = []
    for point in sorted(points, key=lambda p: p.due_on):
        done = sum(1 for m in mentorships if found[(m.pk, point.pk)].done)
        rows.append(
            {
                "point": point,
                "done": done,
                "no_data": len(mentorships) - done,
                "passed": point.due_on <= today,
            }
        )
    return rows


def point_add(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    kind: str,
    due_on: Any,
    title: str,
) -> ControlPoint:
    with transaction.atomic():
        point = ControlPoint.objects.create(
            organization=organization, academic_year=year, kind=kind, due_on=due_on, title=title
        )
        audit(
            actor=actor,
            action="control_point_add",
            target=point,
            organization=organization,
            due_on=due_on.isoformat(),
        )
    return point


def point_delete(*, actor: Any, point: ControlPoint) -> None:
    with transaction.atomic():
        audit(
            actor=actor,
            action="control_point_delete",
            target=point,
            organization=point.organization,
        )
        point.delete()
