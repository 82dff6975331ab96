"""Reads of roadmaps: the effective state of each activity (facts, deadlines, overdue), the
progress of many organizations, what is due soon."""

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q

from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization
from nastavnik.roadmaps import deadlines
from nastavnik.roadmaps.facts import FactState, facts_for
from nastavnik.roadmaps.models import Activity, Evidence, Roadmap, Stage


@dataclass(frozen=True)
class ActivityState:
    done: bool
    auto: bool  # completed by a fact of the system
    explanation: str
    due: datetime.date | None
    next: datetime.date | None
    overdue: bool
    starts: datetime.date | None

    @property
    def css(self) -> str:
        return "success" if self.done else "danger" if self.overdue else "secondary"


def activity_state(
    activity: Activity, facts: dict[str, FactState], start_year: int, today: datetime.date
) -> ActivityState:
    return state_of(activity.deadline, activity.fact, activity.status, facts, start_year, today)


def state_of(
    deadline: str | None,
    fact_code: str | None,
    status: str,
    facts: dict[str, FactState],
    start_year: int,
    today: datetime.date,
) -> ActivityState:
    """The effective state of an activity from its fields (the lists of many organizations
    read the fields only, without building the model)."""
    due, next_, starts = _dates(deadline or "", start_year, today)
    fact = facts.get(fact_code) if fact_code else None
    auto = bool(fact and fact.true and status != Activity.Status.DONE)
    done = status == Activity.Status.DONE or auto
    return ActivityState(
        done=done,
        auto=auto,
        explanation=fact.explanation if fact else "",
        due=due,
        next=next_,
        overdue=not done and due is not None and due < today,
        starts=starts,
    )


@functools.lru_cache(maxsize=4096)
def _dates(
    deadline: str, start_year: int, today: datetime.date
) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None]:
    """The due date, the next occurrence and the start of a deadline text: the roadmaps of a
    region come from a few templates, so a page of 50 organizations reads some 30 distinct
    texts 1,200 times."""
    parsed = deadlines.parse_deadline(deadline)
    due = deadlines.due_date(parsed, start_year)
    return (
        due,
        deadlines.next_occurrence(parsed, start_year, today),
        deadlines.starts_on(parsed, start_year) or due,
    )


def roadmap_for(organization: Organization, year: AcademicYear) -> Roadmap | None:
    return (
        Roadmap.objects.filter(organization=organization, academic_year=year)
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=Stage.objects.prefetch_related(
                    Prefetch(
                        "activities",
                        queryset=Activity.objects.prefetch_related(
                            "responsible_people",
                            Prefetch(
                                "evidence", queryset=Evidence.objects.select_related("document")
                            ),
                        ),
                    )
                ),
            ),
            "risks",
        )
        .first()
    )


def roadmap_rows(roadmap: Roadmap, today: datetime.date) -> list[dict[str, Any]]:
    facts = facts_for([roadmap.organization_id], roadmap.academic_year)[roadmap.organization_id]
    start = roadmap.academic_year.start_year
    rows = []
    for stage in roadmap.stages.all():
        items = [
            {"activity": a, "state": activity_state(a, facts, start, today)}
            for a in stage.activities.all()
        ]
        rows.append({"stage": stage, "items": items})
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, int]:
    states = [item["state"] for row in rows for item in row["items"]]
    return {
        "total": len(states),
        "done": sum(1 for s in states if s.done),
        "overdue": sum(1 for s in states if s.overdue),
    }


def upcoming(
    organization: Organization, year: AcademicYear, today: datetime.date, days: int = 14
) -> dict[str, Any] | None:
    """Overdue activities and those due in the next `days` days, for the home page."""
    roadmap = roadmap_for(organization, year)
    if roadmap is None:
        return None
    horizon = today + datetime.timedelta(days=days)
    overdue, soon = [], []
    for row in roadmap_rows(roadmap, today):
        for item in row["items"]:
            state = item["state"]
            if state.overdue:
                overdue.append(item)
            elif not state.done and (
                (state.due and today <= state.due <= horizon)
                or (state.next and today <= state.next <= horizon)
            ):
                soon.append(item)
    return {"roadmap": roadmap, "overdue": overdue, "soon": soon}


def progress(
    organization_ids: list[int], year: AcademicYear, today: datetime.date
) -> dict[int, dict[str, int]]:
    """Done / overdue / total per organization, in a fixed number of queries."""
    facts = facts_for(organization_ids, year)
    activities = Activity.objects.filter(
        stage__roadmap__organization_id__in=organization_ids,
        stage__roadmap__academic_year=year,
    ).values("pk", "deadline", "fact", "status", "stage__roadmap__organization_id")
    result: dict[int, dict[str, int]] = {
        org_id: {"total": 0, "done": 0, "overdue": 0, "has_roadmap": 0}
        for org_id in organization_ids
    }
    for values in activities:
        org_id = values["stage__roadmap__organization_id"]
        state = state_of(
            values["deadline"],
            values["fact"],
            values["status"],
            facts[org_id],
            year.start_year,
            today,
        )
        counts = result[org_id]
        counts["has_roadmap"] = 1
        counts["total"] += 1
        counts["done"] += int(state.done)
        counts["overdue"] += int(state.overdue)
    return result


def roadmap_count(organization_ids: list[int], year: AcademicYear) -> int:
    return Roadmap.objects.filter(
        organization_id__in=organization_ids, academic_year=year
    ).aggregate(n=Count("pk", filter=Q(pk__isnull=False)))["n"]


def forms_in_use(organization: Organization, year: AcademicYear) -> list[tuple[str, str]]:
    """The forms of mentorship the organization uses this year (the program of its roadmap
    says which), as choices with the organization's names; every form of the catalog when the
    roadmap names none."""
    from nastavnik.documents.kinds.orders import MentorshipForm

    roadmap = Roadmap.objects.filter(organization=organization, academic_year=year).first()
    codes = [c for c in (roadmap.forms if roadmap else []) if c in MentorshipForm.values]
    return [(c, form_label(c, organization)) for c in (codes or MentorshipForm.values)]


def form_label(code: str, organization: Any) -> str:
    """The name of a form of mentorship as the organization says it: a college's teachers are
    «преподаватели» (seed 004: «преподаватель - преподаватель»)."""
    from django.utils.translation import gettext

    from nastavnik.documents.kinds.orders import MentorshipForm

    if code == MentorshipForm.TEACHER_TEACHER and organization.kind == Organization.Kind.COLLEGE:
        return gettext("lecturer – lecturer")
    labels = dict(MentorshipForm.choices)
    return str(labels.get(code, code))
