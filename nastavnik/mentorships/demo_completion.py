"""The demo of the completion stage: in the current year a short situational pair of the demo
mentor near its end, his report submitted and the mentee's in draft; the completed
mentorships of earlier years (when another demo made them) get submitted reports."""

import datetime

from django.db import transaction
from django.utils import timezone

from nastavnik.accounts.models import User
from nastavnik.banks.models import MenteeProfile, MentorProfile
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships import completion, services
from nastavnik.mentorships.models import (
    Meeting,
    Mentorship,
    ParticipantReport,
    PortfolioItem,
    Program,
    ProgramActivity,
)
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember

DAY = datetime.timedelta(days=1)

MENTOR_REPORT = {
    "done": "Проведено 6 встреч, в том числе 2 посещения уроков наставляемого с анализом; "
    "совместно разработан урок с применением формирующего оценивания.",
    "results": "Цель программы достигнута: наставляемый освоил приёмы формирующего "
    "оценивания и провёл открытый урок. Задачи 1 и 2 выполнены полностью, задача 3 "
    "(родительские собрания) — частично.",
    "difficulties": "Совпадение расписания уроков наставника и наставляемого, мало времени "
    "на совместное планирование.",
    "self_assessment": 8,
    "to_continue": "Взаимопосещение уроков раз в месяц, совместную подготовку к конкурсу.",
    "suggestions": "Предусмотреть в расписании общее «окно» для пары.",
}
MENTEE_DRAFT = {
    "done": "Посетила 5 уроков наставника, провела открытый урок в 6 «А».",
    "useful_forms": "Разбор моих уроков сразу после посещения.",
}
PAST_MENTOR = {
    "done": "Программа выполнена полностью: встречи по плану, посещение уроков, открытый урок.",
    "results": "Наставляемый успешно прошёл адаптацию и остался в школе.",
    "self_assessment": 9,
    "to_continue": "Участие наставляемого в профессиональных конкурсах.",
}
PAST_MENTEE = {
    "done": "Провела открытый урок, подготовила методическую разработку.",
    "results": "Уверенно веду уроки и классное руководство.",
    "self_assessment": 8,
    "useful_forms": "Посещение уроков наставника и совместное планирование.",
    "recommends_mentor": True,
}


def _write(
    actor: User, mentorship: Mentorship, person: StaffMember, role: str, values: dict, submit: bool
) -> None:
    report = completion.report_for(mentorship, person, role)
    if report.pk:
        return
    completion.report_save(actor=actor, report=report, values=values, submit=submit)


def _near_end_pair(school: Organization, curator: User) -> Mentorship | None:
    """A situational pair of the demo mentor that ends in a week."""
    year = academic_year_current()
    today = timezone.localdate()
    mentor = (
        MentorProfile.objects.filter(
            organization=school, academic_year=year, staff__user__username="mentor"
        )
        .select_related("staff")
        .first()
    )
    busy = Mentorship.objects.filter(organization=school, academic_year=year).values_list(
        "mentees", flat=True
    )
    mentee = (
        MenteeProfile.objects.filter(organization=school, academic_year=year)
        .exclude(staff__in=busy)
        .select_related("staff")
        .order_by("pk")
        .first()
    )
    if mentor is None or mentee is None:
        return None
    start = max(today - 90 * DAY, year.starts_on)
    pair = Mentorship.objects.create(
        organization=school,
        academic_year=year,
        mentor=mentor.staff,
        type=Mentorship.Type.SITUATIONAL,
        starts_on=start,
        ends_on=today + 7 * DAY,
        created_by=curator,
    )
    pair.mentees.set([mentee.staff])
    MenteeProfile.objects.filter(pk=mentee.pk).update(status=MenteeProfile.Status.PAIRED)
    program = services.program_update(
        actor=curator,
        program=Program.objects.get_or_create(mentorship=pair)[0],
        goal="Освоение приёмов формирующего оценивания на уроках.",
        tasks="Освоить приёмы формирующего оценивания.\nПровести открытый урок.\n"
        "Научиться проводить родительские собрания.",
        expected_results="Открытый урок с формирующим оцениванием.",
        development_plan="",
        activities=[
            {
                "title": title,
                "kind": kind,
                "due_on": due,
                "responsible": "",
                "status": ProgramActivity.Status.DONE if done else ProgramActivity.Status.PLANNED,
                "done_on": due if done else None,
            }
            for title, kind, due, done in (
                ("Встреча-планирование", "meeting", start + 3 * DAY, True),
                ("Посещение уроков наставника", "lesson", start + 20 * DAY, True),
                ("Открытый урок наставляемого", "open_lesson", today - 10 * DAY, True),
                ("Родительское собрание с участием наставника", "event", today + 2 * DAY, False),
                ("Итоговая встреча", "meeting", today + 5 * DAY, False),
            )
        ],
    )
    services.program_submit(actor=curator, program=program)
    services.program_approve(actor=curator, program=program)
    for kind, day, topic in (
        (Meeting.Kind.ORGANIZATIONAL, start, "Знакомство, запрос наставляемого"),
        (Meeting.Kind.TRIAL, start + 1 * DAY, "Посещение урока наставляемого"),
        (Meeting.Kind.PLANNING, start + 3 * DAY, "План работы"),
        (Meeting.Kind.REGULAR, start + 30 * DAY, "Разбор посещённых уроков"),
        (Meeting.Kind.REGULAR, today - 12 * DAY, "Подготовка к открытому уроку"),
    ):
        Meeting.objects.create(mentorship=pair, kind=kind, date=day, topic=topic, held=True)
    PortfolioItem.objects.create(
        staff=mentee.staff,
        mentorship=pair,
        kind=PortfolioItem.Kind.OPEN_LESSON,
        date=today - 10 * DAY,
        title="Открытый урок с формирующим оцениванием, 6 «А»",
    )
    return pair


@transaction.atomic
def demo_completion(school: Organization, curator: User) -> None:
    """Idempotent: does nothing for what already has reports."""
    year = academic_year_current()
    if not ParticipantReport.objects.filter(
        mentorship__organization=school, mentorship__academic_year=year
    ).exists():
        pair = _near_end_pair(school, curator)
        if pair is not None:
            mentor_user = pair.mentor.user or curator
            _write(mentor_user, pair, pair.mentor, "mentor", MENTOR_REPORT, True)
            for mentee in pair.mentees.all():
                _write(mentee.user or curator, pair, mentee, "mentee", MENTEE_DRAFT, False)
    past = (
        Mentorship.objects.filter(
            organization=school,
            academic_year__start_year__lt=year.start_year,
            status=Mentorship.Status.COMPLETED,
        )
        .select_related("mentor")
        .prefetch_related("mentees", "co_mentors")
    )
    for m in past:
        for person, role in completion.authors(m):
            values = PAST_MENTOR if role == ParticipantReport.Role.MENTOR else PAST_MENTEE
            _write(person.user or curator, m, person, role, values, True)
