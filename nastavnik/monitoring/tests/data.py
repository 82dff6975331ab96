"""A small dataset of the school «Школа Альфа» (org_a) for 2024/2025 whose every figure is
counted by hand in the comments; judged on 01.03.2025 with the default rules of the region
(young: younger than 35 and at most 3 years of experience; formal: no meeting for 30 days)."""

import datetime
from typing import Any

from nastavnik.banks.models import MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear
from nastavnik.mentorships.models import (
    Meeting,
    Mentorship,
    PortfolioItem,
    Program,
    ProgramActivity,
)
from nastavnik.staff.models import StaffMember
from nastavnik.surveys.models import Answer, Question, Questionnaire, Response, Survey
from nastavnik.testing import StaffMemberFactory, World

D = datetime.date
TODAY = D(2025, 3, 1)


def years() -> dict[int, AcademicYear]:
    return {y: AcademicYear.objects.get_or_create(start_year=y)[0] for y in (2022, 2023, 2024)}


def person(w: World, name: str, birth: datetime.date | None, exp: int | None, **kw: Any) -> Any:
    return StaffMemberFactory.create(
        organization=kw.pop("organization", w.org_a),
        last_name=name,
        birth_date=birth,
        experience_years=exp,
        **kw,
    )


def _survey(w: World, year: AcademicYear, kind: str, opens: datetime.date, n: int) -> Survey:
    q = Questionnaire.objects.create(
        region=w.region, organization=w.org_a, kind=kind, title=f"{kind} {n}", is_template=False
    )
    return Survey.objects.create(
        organization=w.org_a,
        academic_year=year,
        questionnaire=q,
        title=f"{kind} {n}",
        audience=Survey.Audience.BOTH_BANKS,
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=10),
    )


def _answers(survey: Survey, question: Question, values: list[Any], submitted: bool = True) -> None:
    for value in values:
        r = Response.objects.create(
            survey=survey, organization=survey.organization, group="mentee", submitted=submitted
        )
        Answer.objects.create(response=r, question=question, value=value)


def build(w: World) -> dict[str, Any]:
    y = years()
    year = y[2024]
    mentor1 = person(w, "Наставникова1", D(1970, 1, 1), 25)
    mentor2 = person(w, "Наставникова2", D(1975, 1, 1), 20)
    y1 = person(w, "Молодая1", D(1998, 5, 5), 1, experience_as_of=D(2024, 9, 1))  # young
    y2 = person(w, "Молодая2", D(1999, 1, 1), 2)  # young
    y3 = person(w, "Молодая3", D(2000, 1, 1), 0)  # young, no mentor
    y4 = person(w, "Опытная4", D(1999, 1, 1), 3, experience_as_of=D(2023, 1, 1))  # 5 years now
    y5 = person(w, "Старшая5", D(1985, 1, 1), 1)  # 40 years old: not young
    person(w, "Ушедшая6", D(2000, 1, 1), 0, is_active=False)  # left: not on the staff
    # Young on the staff: y1, y2, y3 = 3; with a mentor: y1, y2 = 2 → 67 %.

    # Banks: mentors 2 (the excluded one not counted); mentees 4 (waiting 1, support 1).
    MentorProfile.objects.create(organization=w.org_a, staff=mentor1, academic_year=year)
    MentorProfile.objects.create(organization=w.org_a, staff=mentor2, academic_year=year)
    MentorProfile.objects.create(
        organization=w.org_a, staff=y5, academic_year=year, status=MentorProfile.Status.EXCLUDED
    )
    for staff, status in (
        (y1, "paired"),
        (y2, "paired"),
        (y3, "waiting"),
        (y4, "support"),
        (y5, "excluded"),
    ):
        MenteeProfile.objects.create(
            organization=w.org_a, staff=staff, academic_year=year, category="young", status=status
        )
    # The college of the same municipality: one mentee waiting.
    other = person(w, "Колледжева", D(1990, 1, 1), 10, organization=w.org_a2)
    MenteeProfile.objects.create(
        organization=w.org_a2, staff=other, academic_year=year, category="new", status="waiting"
    )

    def pair(mentor: StaffMember, mentees: list[StaffMember], **kw: Any) -> Mentorship:
        m = Mentorship.objects.create(
            organization=w.org_a,
            academic_year=year,
            mentor=mentor,
            starts_on=D(2024, 10, 1),
            ends_on=D(2025, 5, 31),
            **kw,
        )
        m.mentees.set(mentees)
        return m

    # M1: individual, active, met on 20.02 (within 30 days), activity due later: on time.
    m1 = pair(mentor1, [y1], form="teacher_teacher", type="individual", status="active")
    Meeting.objects.create(mentorship=m1, kind="regular", date=D(2025, 2, 20), topic="a", held=True)
    Meeting.objects.create(mentorship=m1, kind="regular", date=D(2025, 3, 20), topic="b")
    ProgramActivity.objects.create(
        program=Program.objects.create(mentorship=m1), title="x", due_on=D(2025, 4, 1)
    )
    # M2: group, active, last met 01.11 and an activity overdue: late and flagged.
    m2 = pair(mentor2, [y2, y4], form="teacher_teacher", type="group", status="active")
    Meeting.objects.create(mentorship=m2, kind="regular", date=D(2024, 11, 1), topic="c", held=True)
    ProgramActivity.objects.create(
        program=Program.objects.create(mentorship=m2), title="y", due_on=D(2025, 1, 15)
    )
    # M3: completed, two meetings held.  M4: ended early.
    m3 = pair(mentor1, [y5], form="director_teacher", type="individual", status="completed")
    for day in (D(2024, 10, 10), D(2024, 12, 10)):
        Meeting.objects.create(mentorship=m3, kind="regular", date=day, topic="d", held=True)
    pair(mentor2, [y5], form="teacher_teacher", type="individual", status="ended_early")
    # Mentorships 4: pairs 3, groups 1; on time 1, late 1, completed 1, ended early 1,
    # flagged 1; meetings planned 5, held 4.

    # Satisfaction: mentees 8 and 6 (and an unsubmitted 1) → 7.0; mentors 9 → 9.0.
    s = _survey(w, year, Questionnaire.Kind.SATISFACTION_MENTEE, D(2025, 2, 1), 1)
    q = Question.objects.create(
        questionnaire=s.questionnaire, code="satisfaction", kind="scale10", text="?"
    )
    _answers(s, q, [8, 6])
    _answers(s, q, [1], submitted=False)
    s = _survey(w, year, Questionnaire.Kind.SATISFACTION_MENTOR, D(2025, 2, 1), 2)
    q = Question.objects.create(
        questionnaire=s.questionnaire, code="satisfaction", kind="scale10", text="?"
    )
    _answers(s, q, [9])
    s = _survey(w, y[2023], Questionnaire.Kind.SATISFACTION_MENTOR, D(2024, 2, 1), 3)
    q = Question.objects.create(
        questionnaire=s.questionnaire, code="satisfaction", kind="scale10", text="?"
    )
    _answers(s, q, [2])  # another year

    # Growth: «plan» 2.5 → 4.0 (+1.5), «talk» 3.0 → 3.5 (+0.5): the mean change is +1.0.
    for n, opens, plan, talk in (
        (4, D(2024, 10, 1), [2, 3], [3]),
        (5, D(2025, 2, 1), [4, 4], [3, 4]),
    ):
        s = _survey(w, year, Questionnaire.Kind.GROWTH, opens, n)
        qp = Question.objects.create(
            questionnaire=s.questionnaire, code="plan", kind="scale5", text="p"
        )
        qt = Question.objects.create(
            questionnaire=s.questionnaire, code="talk", kind="scale5", text="t"
        )
        _answers(s, qp, plan)
        _answers(s, qt, talk)

    # Retention: mentees of 2023/24 — 2 of 3 still on the staff (67 %); of 2022/23 — 1 of 1.
    left = person(w, "Ушедшая7", D(1999, 1, 1), 0, is_active=False)
    for staff in (y1, y2, left):
        MenteeProfile.objects.create(
            organization=w.org_a, staff=staff, academic_year=y[2023], category="young"
        )
    MenteeProfile.objects.create(
        organization=w.org_a, staff=mentor1, academic_year=y[2022], category="attestation"
    )

    # Portfolio of the year: an open lesson and an attestation result; one item of last year.
    PortfolioItem.objects.create(
        staff=y1, mentorship=m1, kind="open_lesson", date=D(2024, 12, 1), title="o"
    )
    PortfolioItem.objects.create(
        staff=y1, mentorship=m1, kind="attestation", date=D(2025, 2, 1), title="a"
    )
    PortfolioItem.objects.create(staff=y1, kind="course", date=D(2024, 5, 1), title="c")
    return {"year": year, "years": y, "m1": m1, "m2": m2, "m3": m3}


EXPECTED = {
    "mentors": 2,
    "mentees": 4,
    "waiting": 1,
    "support": 1,
    "young": 3,
    "young_with_mentor": 2,
    "young_share": 67,
    "mentorships": 4,
    "pairs": 3,
    "groups": 1,
    "flagged": 1,
    "on_time": 1,
    "late": 1,
    "completed": 1,
    "ended_early": 1,
    "meetings_held": 4,
    "meetings_planned": 5,
    "satisfaction_mentor": 9.0,
    "satisfaction_mentee": 7.0,
    "growth": 1.0,
    "retention_1": 67,
    "retention_2": 100,
    "portfolio": 1,
    "attestation": 1,
    "awards": 0,
}
