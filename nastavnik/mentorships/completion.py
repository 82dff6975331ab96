"""The completion of programs (stage 6 of seed 002 and stage 8 of the roadmaps): the reports
of the mentor and the mentees, the facts of the mentor's analytical report, and the history of
a person's mentorships year by year (the information base of participants)."""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.core.models import AcademicYear
from nastavnik.mentorships.models import (
    Meeting,
    Mentorship,
    ParticipantReport,
    PortfolioItem,
    ProgramActivity,
)
from nastavnik.mentorships.services import _audit
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember

TEXT_FIELDS = ("done", "results", "difficulties", "to_continue", "suggestions", "useful_forms")
MENTEE_ONLY = ("useful_forms", "recommends_mentor")
ENDED = (Mentorship.Status.COMPLETED, Mentorship.Status.ENDED_EARLY)


# --- who writes what -------------------------------------------------------------------------


@dataclass
class Entry:
    """One expected report of a mentorship: the person, the role, the report if started."""

    person: StaffMember
    role: str
    report: ParticipantReport | None

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""

    @property
    def submitted(self) -> bool:
        return self.status == ParticipantReport.Status.SUBMITTED


def authors(mentorship: Mentorship) -> list[tuple[StaffMember, str]]:
    """The people who write a report: the mentor, the co-mentors, each mentee (uses the
    prefetched co-mentors and mentees when there are)."""
    people: list[tuple[StaffMember, str]] = [(mentorship.mentor, ParticipantReport.Role.MENTOR)]
    people += [(p, ParticipantReport.Role.MENTOR) for p in mentorship.co_mentors.all()]
    people += [(p, ParticipantReport.Role.MENTEE) for p in mentorship.mentees.all()]
    return people


def entries(mentorship: Mentorship) -> list[Entry]:
    """The expected reports with those written so far (uses prefetched `reports`)."""
    found = {r.author_id: r for r in mentorship.reports.all()}
    return [Entry(person, role, found.get(person.pk)) for person, role in authors(mentorship)]


def author_in(user: Any, mentorship: Mentorship) -> tuple[StaffMember, str] | None:
    """The user's own place in the mentorship as an author of a report, or None."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return None
    for person, role in authors(mentorship):
        if person.user_id == pk:
            return person, role
    return None


def readable(
    own: tuple[StaffMember, str] | None, observer: bool, manager: bool, report: ParticipantReport
) -> bool:
    """Who reads a report: its author always; the managers of the organization every report,
    drafts too; the observers, the mentors of the pair every submitted or returned report; a
    mentee the mentors' reports besides her own (not another mentee's)."""
    if own is not None and own[0].pk == report.author_id:
        return True
    if manager:
        return True
    if report.status == ParticipantReport.Status.DRAFT:
        return False
    if observer:
        return True
    if own is None:
        return False
    return own[1] == ParticipantReport.Role.MENTOR or report.role == ParticipantReport.Role.MENTOR


def can_read(user: Any, report: ParticipantReport) -> bool:
    organization = report.mentorship.organization
    return readable(
        author_in(user, report.mentorship),
        access.can(user, access.OBSERVER_ROLES, organization),
        access.can(user, access.MANAGER_ROLES, organization),
        report,
    )


def can_edit(report: ParticipantReport) -> bool:
    return report.status in (ParticipantReport.Status.DRAFT, ParticipantReport.Status.RETURNED)


# --- services --------------------------------------------------------------------------------


def report_for(mentorship: Mentorship, person: StaffMember, role: str) -> ParticipantReport:
    """The person's report, or a new unsaved draft."""
    report = ParticipantReport.objects.filter(mentorship=mentorship, author=person).first()
    return report or ParticipantReport(mentorship=mentorship, author=person, role=role)


def _check_complete(report: ParticipantReport) -> None:
    missing = []
    if not report.done.strip():
        missing.append(_("what was done"))
    if not report.results.strip():
        missing.append(_("results achieved against the goal and tasks of the program"))
    if report.self_assessment is None:
        missing.append(_("self-assessment, 1–10"))
    if report.role == ParticipantReport.Role.MENTEE:
        if not report.useful_forms.strip():
            missing.append(_("the most useful forms of work"))
        if report.recommends_mentor is None:
            missing.append(_("would recommend the mentor"))
    if missing:
        raise ValidationError(
            _("To submit the report, fill in: %(fields)s.") % {"fields": ", ".join(missing)}
        )


@transaction.atomic
def report_save(
    *, actor: Any, report: ParticipantReport, values: dict[str, Any], submit: bool = False
) -> ParticipantReport:
    """Save the author's draft (a returned report stays returned until it is submitted
    again); with `submit` check that the essential parts are filled and submit it."""
    if report.pk and not can_edit(report):
        raise ValidationError(
            _("The report is already submitted; the curator can return it for rework.")
        )
    score = values.get("self_assessment")
    if score is not None and not 1 <= int(score) <= 10:
        raise ValidationError(_("The self-assessment is a whole number from 1 to 10."))
    for name in (*TEXT_FIELDS, "self_assessment", "recommends_mentor"):
        if name in values:
            value = values[name]
            setattr(report, name, value.strip() if isinstance(value, str) else value)
    if report.role != ParticipantReport.Role.MENTEE:
        report.useful_forms, report.recommends_mentor = "", None
    if submit:
        _check_complete(report)
        report.status = ParticipantReport.Status.SUBMITTED
        report.submitted_at = timezone.now()
    report.save()
    _audit(
        actor,
        "report_submit" if submit else "report_save",
        report,
        report.mentorship,
        role=report.role,
    )
    return report


@transaction.atomic
def report_return(*, actor: Any, report: ParticipantReport, comment: str) -> ParticipantReport:
    """The curator returns a submitted report to its author for rework, saying why."""
    if report.status != ParticipantReport.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned for rework."))
    if not comment.strip():
        raise ValidationError(_("Write what to rework in the report."))
    report.status = ParticipantReport.Status.RETURNED
    report.return_comment = comment.strip()
    report.returned_at = timezone.now()
    report.save(update_fields=["status", "return_comment", "returned_at", "updated_at"])
    _audit(actor, "report_return", report, report.mentorship, role=report.role)
    return report


# --- selectors -------------------------------------------------------------------------------


def with_reports(queryset: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    return queryset.select_related("mentor", "academic_year").prefetch_related(
        "mentees",
        "co_mentors",
        Prefetch("reports", queryset=ParticipantReport.objects.order_by("pk")),
    )


def overview(organization: Organization, year: AcademicYear) -> dict[str, Any]:
    """The page «Reports of participants»: per mentorship of the organization and year who has
    and has not submitted; four queries whatever the number of mentorships."""
    mentorships = list(
        with_reports(
            Mentorship.objects.filter(organization=organization, academic_year=year)
        ).order_by("mentor__last_name", "pk")
    )
    rows = []
    expected = submitted = 0
    for m in mentorships:
        items = entries(m)
        expected += len(items)
        done = sum(1 for e in items if e.submitted)
        submitted += done
        rows.append({"mentorship": m, "entries": items, "submitted": done, "total": len(items)})
    return {"rows": rows, "expected": expected, "submitted": submitted}


def analytical_facts(mentorship: Mentorship, today: datetime.date) -> dict[str, Any]:
    """What the system knows about a pair or group for the analytical report: activities done
    and overdue, meetings held by kind, the mentees' portfolio, satisfaction, the reports."""
    from nastavnik.surveys.selectors import satisfaction

    mentorship = with_reports(Mentorship.objects.filter(pk=mentorship.pk)).get()
    activities = list(ProgramActivity.objects.filter(program__mentorship=mentorship))
    done = [a for a in activities if a.status == ProgramActivity.Status.DONE]
    overdue = [
        a
        for a in activities
        if a.status == ProgramActivity.Status.PLANNED and a.due_on and a.due_on < today
    ]
    held = Counter(
        Meeting.objects.filter(mentorship=mentorship, held=True).values_list("kind", flat=True)
    )
    labels = dict(Meeting.Kind.choices)
    portfolio = list(PortfolioItem.objects.filter(mentorship=mentorship).select_related("staff"))
    return {
        "mentorship": mentorship,
        "activities": activities,
        "done": done,
        "overdue": overdue,
        "meetings": [(str(labels[k]), held[k]) for k in labels if held.get(k)],
        "meetings_total": sum(held.values()),
        "portfolio": portfolio,
        "satisfaction": satisfaction([mentorship]).get(mentorship.pk),
        "entries": entries(mentorship),
    }


def person_mentorships(staff: StaffMember) -> list[dict[str, Any]]:
    """Stage 8, the information base of participants: the mentorships the person took part in
    (as mentor, co-mentor or mentee), year by year, with the status, the period, the share of
    the program done, the person's report, the satisfaction and the portfolio count. A fixed
    number of queries."""
    from nastavnik.surveys.selectors import satisfaction

    mentorships = list(
        Mentorship.objects.filter(Q(mentor=staff) | Q(co_mentors=staff) | Q(mentees=staff))
        .distinct()
        .select_related("mentor", "academic_year", "organization")
        .prefetch_related(
            "mentees",
            "co_mentors",
            Prefetch(
                "reports",
                queryset=ParticipantReport.objects.filter(author=staff),
                to_attr="own_reports",
            ),
        )
        .annotate(
            activities_total=Count("program__activities", distinct=True),
            activities_done=Count(
                "program__activities",
                filter=Q(program__activities__status=ProgramActivity.Status.DONE),
                distinct=True,
            ),
            portfolio_count=Count("portfolio", filter=Q(portfolio__staff=staff), distinct=True),
        )
        .order_by("-academic_year__start_year", "starts_on", "pk")
    )
    surveyed = satisfaction(mentorships)
    years: dict[int, dict[str, Any]] = {}
    for m in mentorships:
        if m.mentor_id == staff.pk:
            role, label = "mentor", _("mentor")
        elif any(p.pk == staff.pk for p in m.co_mentors.all()):
            role, label = "co_mentor", _("co-mentor")
        else:
            role, label = "mentee", _("mentee")
        total = getattr(m, "activities_total", 0)
        own = m.own_reports[0] if getattr(m, "own_reports", None) else None  # type: ignore[attr-defined]
        entry = years.setdefault(
            m.academic_year.start_year, {"year": m.academic_year, "mentorships": []}
        )
        entry["mentorships"].append(
            {
                "mentorship": m,
                "role": role,
                "role_label": label,
                "others": (
                    [p.full_name for p in m.mentees.all()]
                    if role != "mentee"
                    else [m.mentor.full_name]
                ),
                "percent": round(100 * m.activities_done / total) if total else None,  # type: ignore[attr-defined]
                "report": own,
                "satisfaction": surveyed.get(m.pk),
                "portfolio": m.portfolio_count,  # type: ignore[attr-defined]
            }
        )
    return [years[k] for k in sorted(years, reverse=True)]
