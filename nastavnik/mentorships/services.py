"""The rules of mentorships: forming a pair or group with consents and capacity, the program
and its versions, meetings, the portfolio, the early end."""

import datetime
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nastavnik.accounts.models import Role
from nastavnik.banks.models import MenteeProfile, MentorProfile
from nastavnik.core import uploads
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import audit
from nastavnik.documents import services as documents
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.kinds.orders import (
    MentorshipForm,
    check_pair_consents,
    mentee_kinds,
    mentor_kinds,
)
from nastavnik.documents.models import Document
from nastavnik.mentorships import selectors
from nastavnik.mentorships.models import (
    Meeting,
    Mentorship,
    PortfolioItem,
    Program,
    ProgramActivity,
    ProgramComment,
    ProgramVersion,
)
from nastavnik.organizations.models import Organization
from nastavnik.staff.logins import participant_role_grant
from nastavnik.staff.models import StaffMember

# The sequence of meetings of seed 002 and where each falls in the period (share of it).
MEETING_SEQUENCE = [
    (Meeting.Kind.ORGANIZATIONAL, 0.0),
    (Meeting.Kind.TRIAL, 0.05),
    (Meeting.Kind.PLANNING, 0.1),
    (Meeting.Kind.REGULAR, 0.4),
    (Meeting.Kind.MASTER_CLASS, 0.7),
    (Meeting.Kind.FINAL, 1.0),
]
NOTICE_WORKING_DAYS = 3


def _audit(actor: Any, action: str, target: Any, mentorship: Mentorship, **details: Any) -> None:
    organization = mentorship.organization
    audit(
        actor=actor,
        action=action,
        target=target,
        organization=organization,
        region=organization.municipality.region,
        mentorship=mentorship.pk,
        **details,
    )


def months_between(start: datetime.date, end: datetime.date) -> float:
    return (end - start).days / 30.44


def busy_mentees(
    mentees: list[StaffMember], year: AcademicYear, exclude: int | None = None
) -> list[str]:
    active = Mentorship.objects.filter(
        academic_year=year,
        status__in=[Mentorship.Status.FORMING, Mentorship.Status.ACTIVE],
        mentees__in=mentees,
    )
    if exclude:
        active = active.exclude(pk=exclude)
    taken = set(active.values_list("mentees", flat=True))
    return [m.full_name for m in mentees if m.pk in taken]


def check_form_participants(
    form: str, mentors: list[StaffMember], mentees: list[StaffMember]
) -> None:
    """The form of mentorship says which kinds of participant may be its mentor and mentees
    (a student mentors a student, an employer's representative mentors a student, …)."""
    label = MentorshipForm(form).label if form in MentorshipForm.values else form
    wrong_mentors = [m for m in mentors if m.kind not in mentor_kinds(form)]
    wrong_mentees = [m for m in mentees if m.kind not in mentee_kinds(form)]

    def named(people: list[StaffMember]) -> str:
        return ", ".join(f"{m.full_name} ({m.get_kind_display()})" for m in people)

    problems = []
    if wrong_mentors:
        problems.append(
            _("cannot be the mentor in the form «%(form)s»: %(people)s")
            % {
                "form": label,
                "people": ", ".join(
                    f"{m.full_name} ({m.get_kind_display()})" for m in wrong_mentors
                ),
            }
        )
    if wrong_mentees:
        problems.append(
            _("cannot be a mentee in the form «%(form)s»: %(people)s")
            % {
                "form": label,
                "people": ", ".join(
                    f"{m.full_name} ({m.get_kind_display()})" for m in wrong_mentees
                ),
            }
        )
    if problems:
        raise ValidationError(
            _("The participants do not fit the form of mentorship: %(problems)s.")
            % {"problems": "; ".join(problems)}
        )


@transaction.atomic
def mentorship_create(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    mentor: StaffMember,
    mentees: list[StaffMember],
    form: str,
    type: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    co_mentors: list[StaffMember] | None = None,
) -> Mentorship:
    """Form a pair (one mentee) or a group: written consents, the mentor's capacity, one
    mentorship per mentee at a time, a period of 3 to 12 months. A group may have co-mentors
    beside the mentor (each with the consents of a mentor)."""
    co_mentors = [p for p in (co_mentors or []) if p != mentor]
    if not mentees:
        raise ValidationError(_("Choose at least one mentee."))
    if mentor in mentees:
        raise ValidationError(_("The mentor cannot be his or her own mentee."))
    if set(co_mentors) & set(mentees):
        raise ValidationError(_("A co-mentor cannot be a mentee of the same group."))
    if ends_on <= starts_on:
        raise ValidationError(_("The end of mentorship must come after its start."))
    if not 2.9 <= months_between(starts_on, ends_on) <= 12.2:
        raise ValidationError(_("A personalized program lasts from 3 months to a year."))
    check_form_participants(form, [mentor, *co_mentors], mentees)
    check_pair_consents(
        [{"mentor": mentor, "mentees": mentees}]
        + [{"mentor": co, "mentees": mentees} for co in co_mentors]
    )
    busy = busy_mentees(mentees, year)
    if busy:
        raise ValidationError(
            _("Already in a pair or group this year: %(people)s.") % {"people": ", ".join(busy)}
        )
    profile = MentorProfile.objects.filter(staff=mentor, academic_year=year).first()
    if profile is not None:
        taken = Mentorship.objects.filter(
            mentor=mentor,
            academic_year=year,
            status__in=[Mentorship.Status.FORMING, Mentorship.Status.ACTIVE],
        ).values_list("mentees", flat=True)
        if len(set(taken)) + len(mentees) > profile.capacity:
            raise ValidationError(
                _("%(person)s takes at most %(count)s mentees; %(taken)s are already taken.")
                % {"person": mentor.full_name, "count": profile.capacity, "taken": len(set(taken))}
            )
    mentorship = Mentorship.objects.create(
        organization=organization,
        academic_year=year,
        mentor=mentor,
        form=form,
        type=type
        if (len(mentees) == 1 and not co_mentors) or type != Mentorship.Type.INDIVIDUAL
        else Mentorship.Type.GROUP,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    mentorship.mentees.set(mentees)
    mentorship.co_mentors.set(co_mentors)
    program = Program.objects.create(mentorship=mentorship)
    span = (ends_on - starts_on).days
    ProgramActivity.objects.bulk_create(
        ProgramActivity(
            program=program,
            order=order,
            title=str(Meeting.Kind(kind).label).capitalize(),
            kind=ProgramActivity.Kind.MEETING,
            due_on=starts_on + datetime.timedelta(days=round(span * share)),
            responsible=mentor.full_name,
        )
        for order, (kind, share) in enumerate(MEETING_SEQUENCE, start=1)
    )
    MenteeProfile.objects.filter(staff__in=mentees, academic_year=year).update(
        status=MenteeProfile.Status.PAIRED
    )
    MentorProfile.objects.filter(staff=mentor, academic_year=year).exclude(
        status=MentorProfile.Status.EXCLUDED
    ).update(status=MentorProfile.Status.ACTIVE)
    for person in [mentor, *co_mentors]:
        participant_role_grant(actor=actor, person=person, role=Role.MENTOR)
    for person in mentees:
        participant_role_grant(actor=actor, person=person, role=Role.MENTEE)
    _audit(actor, "mentorship_create", mentorship, mentorship, mentees=[m.pk for m in mentees])
    return mentorship


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    while count:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


@transaction.atomic
def mentorship_end_early(
    *,
    actor: Any,
    mentorship: Mentorship,
    ended_on: datetime.date,
    initiator: str,
    reason: str,
    notified_on: datetime.date | None = None,
) -> Mentorship:
    """End early with at least 3 working days' notice; the mentees wait for a mentor again."""
    if mentorship.status not in (Mentorship.Status.FORMING, Mentorship.Status.ACTIVE):
        raise ValidationError(_("This mentorship has already ended."))
    if not reason.strip():
        raise ValidationError(_("Write the reason of the early end."))
    earliest = add_working_days(notified_on or timezone.localdate(), NOTICE_WORKING_DAYS)
    if ended_on < earliest:
        raise ValidationError(
            _(
                "The other side is notified at least 3 working days before: the earliest end "
                "is %(date)s."
            )
            % {"date": earliest.strftime("%d.%m.%Y")}
        )
    mentorship.status = Mentorship.Status.ENDED_EARLY
    mentorship.ended_on, mentorship.end_initiator, mentorship.end_reason = (
        ended_on,
        initiator,
        reason,
    )
    mentorship.save()
    MenteeProfile.objects.filter(
        staff__in=mentorship.mentees.all(), academic_year=mentorship.academic_year
    ).update(status=MenteeProfile.Status.WAITING)
    _audit(actor, "mentorship_end", mentorship, mentorship, initiator=initiator, reason=reason)
    return mentorship


@transaction.atomic
def mentorship_complete(
    *, actor: Any, mentorship: Mentorship, completed_on: datetime.date, result: str = ""
) -> Mentorship:
    """The program is carried out to its end: the mentorship is completed and its mentees are
    marked as having completed the program (their result written where it is still empty)."""
    if mentorship.status not in (Mentorship.Status.FORMING, Mentorship.Status.ACTIVE):
        raise ValidationError(_("This mentorship has already ended."))
    if completed_on < mentorship.starts_on:
        raise ValidationError(_("A mentorship cannot be completed before it started."))
    if completed_on > timezone.localdate():
        raise ValidationError(_("The date of completion cannot be in the future."))
    mentorship.status = Mentorship.Status.COMPLETED
    mentorship.ended_on = completed_on
    mentorship.save(update_fields=["status", "ended_on"])
    profiles = MenteeProfile.objects.filter(
        staff__in=mentorship.mentees.all(), academic_year=mentorship.academic_year
    )
    profiles.update(status=MenteeProfile.Status.COMPLETED)
    if result.strip():
        profiles.filter(result="").update(result=result.strip())
    _audit(actor, "mentorship_complete", mentorship, mentorship)
    return mentorship


def _snapshot(program: Program) -> dict[str, Any]:
    return {
        "goal": program.goal,
        "tasks": program.tasks,
        "expected_results": program.expected_results,
        "development_plan": program.development_plan,
        "activities": [
            {
                "title": a.title,
                "kind": a.kind,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "responsible": a.responsible,
                "status": a.status,
            }
            for a in program.activities.all()
        ],
    }


@transaction.atomic
def program_update(
    *,
    actor: Any,
    program: Program,
    goal: str,
    tasks: str,
    expected_results: str,
    development_plan: str,
    activities: list[dict[str, Any]],
) -> Program:
    """Save the program; a change to an approved program keeps the approved text as a version
    and goes back to the curator for approval."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status == Program.Status.APPROVED:
        ProgramVersion.objects.create(
            program=program, number=program.version, snapshot=_snapshot(program)
        )
        program.version += 1
        program.status = Program.Status.DRAFT
        program.approved_at = None
    program.goal, program.tasks = goal, tasks
    program.expected_results, program.development_plan = expected_results, development_plan
    program.save()
    program.activities.all().delete()
    ProgramActivity.objects.bulk_create(
        ProgramActivity(program=program, order=order, **values)
        for order, values in enumerate(activities, start=1)
    )
    _audit(actor, "program_change", program, program.mentorship, version=program.version)
    return program


@transaction.atomic
def program_submit(*, actor: Any, program: Program) -> Program:
    if not program.goal.strip() or not program.activities.exists():
        raise ValidationError(_("Write the goal and at least one activity before submitting."))
    program.status = Program.Status.SUBMITTED
    program.save(update_fields=["status", "updated_at"])
    _audit(actor, "program_change", program, program.mentorship, submitted=True)
    return program


@transaction.atomic
def program_approve(*, actor: Any, program: Program) -> Program:
    if program.status != Program.Status.SUBMITTED:
        raise ValidationError(_("Only a program submitted by the mentor can be approved."))
    program.status = Program.Status.APPROVED
    program.approved_at = timezone.now()
    program.save(update_fields=["status", "approved_at", "updated_at"])
    _audit(actor, "program_approve", program, program.mentorship, version=program.version)
    return program


@transaction.atomic
def program_comment(*, actor: Any, program: Program, text: str) -> ProgramComment:
    if not text.strip():
        raise ValidationError(_("Write the comment."))
    return ProgramComment.objects.create(program=program, author=actor, text=text.strip())


def next_meeting_kind(mentorship: Mentorship) -> str:
    """The kind the sequence of seed 002 suggests next."""
    held = set(mentorship.meetings.values_list("kind", flat=True))
    for kind, _share in MEETING_SEQUENCE:
        if kind not in held or kind == Meeting.Kind.REGULAR:
            return kind
    return Meeting.Kind.REGULAR


@transaction.atomic
def meeting_log(
    *, actor: Any, mentorship: Mentorship, attended: list[StaffMember], **fields: Any
) -> Meeting:
    participants = {mentorship.mentor_id, *mentorship.mentees.values_list("pk", flat=True)}
    if any(p.pk not in participants for p in attended):
        raise ValidationError(_("Only the participants of the mentorship attend its meetings."))
    meeting = Meeting.objects.create(mentorship=mentorship, **fields)
    meeting.attended.set(attended)
    if meeting.held:
        # The program's activity of this kind of meeting is done by the meeting.
        label = str(Meeting.Kind(meeting.kind).label).capitalize()
        ProgramActivity.objects.filter(
            program__mentorship=mentorship, title=label, status=ProgramActivity.Status.PLANNED
        ).update(status=ProgramActivity.Status.DONE, done_on=meeting.date)
    _audit(actor, "meeting_log", meeting, mentorship, kind=meeting.kind)
    return meeting


@transaction.atomic
def portfolio_add(
    *,
    actor: Any,
    staff: StaffMember,
    mentorship: Mentorship | None,
    upload: UploadedFile | None = None,
    **fields: Any,
) -> PortfolioItem:
    item = PortfolioItem(staff=staff, mentorship=mentorship, **fields)
    if upload is not None:
        uploads.attach(item.file, upload)
    item.save()
    if mentorship is not None:
        _audit(actor, "portfolio_add", item, mentorship, kind=item.kind)
    return item


FORMAL_DAYS = 30  # the default; a region sets its own in the rules of the banks


def flags(
    mentorship: Mentorship,
    today: datetime.date,
    last_meeting: datetime.date | None,
    overdue: int,
    formal_days: int = FORMAL_DAYS,
    satisfaction: Any = None,
) -> list[str]:
    """Why a mentorship looks formal (seed 002: «формализованное наставничество»).
    `satisfaction` is the pair's latest surveyed satisfaction (surveys.selectors)."""
    reasons: list[str] = []
    if mentorship.status != Mentorship.Status.ACTIVE:
        return reasons
    since = last_meeting or mentorship.starts_on
    if (today - since).days > formal_days:
        reasons.append(_("no meeting for %(days)s days") % {"days": (today - since).days})
    if overdue:
        reasons.append(
            ngettext(
                "%(count)s program activity overdue",
                "%(count)s program activities overdue",
                overdue,
            )
            % {"count": overdue}
        )
    if satisfaction is not None and satisfaction.low:
        reasons.append(
            _("low satisfaction in the survey «%(title)s»: %(value)s of 100")
            % {"title": satisfaction.survey_title, "value": satisfaction.value}
        )
    return reasons


# --- the mentor's analytical report ----------------------------------------------------------


class NoteResult(NamedTuple):
    document: Document
    # "created" (the first one), "updated" (the draft in the registry made again) or
    # "new_version" (the one in the registry is signed and stays; a new document is added).
    outcome: str


@transaction.atomic
def analytical_note_make(
    *, actor: Any, mentorship: Mentorship, title: str, data: dict[str, Any]
) -> NoteResult:
    """Make the mentor's analytical report of a pair or group: once in the registry of the
    organization's documents; making it again updates that draft (the file and the data). A
    signed report is never changed: a new version is registered beside it."""
    # One generation at a time per pair, so that two clicks do not make two documents.
    Mentorship.objects.select_for_update().filter(pk=mentorship.pk).exists()
    kind = get_kind("analytical_note")
    today = timezone.localdate()
    current = selectors.analytical_note_of(mentorship)
    if current is not None and not current.is_frozen:
        document = documents.document_update(
            actor=actor, document=current, number=current.number, day=today, title=title, data=data
        )
        return NoteResult(document, "updated")
    document = documents.document_create(
        actor=actor,
        organization=mentorship.organization,
        kind=kind,
        number="",
        day=today,
        title=title,
        data=data,
    )
    return NoteResult(document, "created" if current is None else "new_version")
