"""The demo school's mentorships: the demo mentor and mentee work by an approved program with
meetings held and a portfolio started; a group waits for the curator's approval of its
program; one pair has not met for two months and is flagged as formal."""

import datetime
from typing import Any

from django.utils import timezone

from nastavnik.accounts.models import User
from nastavnik.banks.models import Consent, MenteeProfile, MentorProfile
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships import services
from nastavnik.mentorships.models import Meeting, Mentorship, PortfolioItem, ProgramActivity
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember

DAY = datetime.timedelta(days=1)


def _activities(
    start: datetime.date, today: datetime.date, mentor: str, mentee: str
) -> list[dict[str, Any]]:
    """A personalized program in the shape of seed 002: meetings, lesson visits both ways,
    an open lesson and a methodological product."""
    rows = [
        ("Организационная встреча: знакомство, ожидания", "meeting", start, mentor),
        ("Пробная рабочая встреча", "meeting", start + 5 * DAY, mentor),
        ("Встреча-планирование: цели и план работы", "meeting", start + 10 * DAY, mentor),
        ("Посещение уроков наставника", "lesson", start + 20 * DAY, mentee),
        ("Посещение уроков наставляемого с анализом", "lesson", start + 40 * DAY, mentor),
        ("Изучение рабочей программы и КТП по предмету", "study", start + 45 * DAY, mentee),
        (
            "Совместная разработка урока с формирующим оцениванием",
            "project",
            today + 20 * DAY,
            mentee,
        ),
        ("Открытый урок наставляемого", "open_lesson", today + 60 * DAY, mentee),
        ("Мастер-класс наставляемого для молодых педагогов", "event", today + 110 * DAY, mentee),
        ("Итоговая встреча: результаты, самооценка", "meeting", today + 160 * DAY, mentor),
    ]
    return [
        {
            "title": title,
            "kind": kind,
            "due_on": due,
            "responsible": responsible,
            "status": ProgramActivity.Status.DONE
            if due < today
            else ProgramActivity.Status.PLANNED,
            "done_on": due if due < today else None,
        }
        for title, kind, due, responsible in rows
    ]


def _meetings(
    curator: User, mentorship: Mentorship, people: list[StaffMember], meetings: list[tuple]
) -> None:
    for kind, day, topic, notes in meetings:
        services.meeting_log(
            actor=curator,
            mentorship=mentorship,
            attended=people,
            kind=kind,
            date=day,
            time=datetime.time(15, 30),
            duration=45,
            place="Кабинет 21",
            topic=topic,
            notes=notes,
            held=True,
        )


def demo_mentorships(school: Organization, curator: User) -> None:
    year = academic_year_current()
    if Mentorship.objects.filter(organization=school, academic_year=year).exists():
        return
    today = timezone.localdate()
    start = today - 60 * DAY
    ends = max(min(start + 240 * DAY, year.ends_on), start + 100 * DAY)
    with_duties = set(
        Consent.objects.filter(
            kind=Consent.Kind.DUTIES, status=Consent.Status.SIGNED, staff__organization=school
        ).values_list("staff", flat=True)
    )
    mentors = [
        p.staff
        for p in MentorProfile.objects.filter(organization=school, academic_year=year)
        .select_related("staff", "staff__user")
        .order_by("pk")
        if p.staff_id in with_duties
    ]
    mentees = [
        p.staff
        for p in MenteeProfile.objects.filter(organization=school, academic_year=year)
        .select_related("staff", "staff__user")
        .order_by("pk")
    ]
    if len(mentors) < 3 or len(mentees) < 4:
        return
    # The demo mentee was marked as paired by the banks demo; the pair is formed here.
    MenteeProfile.objects.filter(staff=mentees[0], academic_year=year).update(
        status=MenteeProfile.Status.WAITING
    )

    def form(mentor: StaffMember, group: list[StaffMember], type: str) -> Mentorship:
        return services.mentorship_create(
            actor=curator,
            organization=school,
            year=year,
            mentor=mentor,
            mentees=group,
            form="teacher_teacher",
            type=type,
            starts_on=start,
            ends_on=ends,
        )

    # 1. The demo accounts' pair: an approved program, meetings held, portfolio started.
    pair = form(mentors[0], [mentees[0]], Mentorship.Type.INDIVIDUAL)
    program = services.program_update(
        actor=curator,
        program=pair.program,
        goal="Успешная адаптация молодого педагога в коллективе и развитие его "
        "профессиональных компетенций в преподавании предмета.",
        tasks="Освоить требования ФГОС к уроку и рабочей программе.\n"
        "Научиться применять формирующее оценивание.\n"
        "Выстроить конструктивное общение с родителями обучающихся.",
        expected_results="Проведён открытый урок, разработан урок с формирующим оцениванием, "
        "наставляемый уверенно проводит родительские собрания.",
        development_plan="Курсы повышения квалификации «Формирующее оценивание» (36 ч) — "
        "до декабря; участие в муниципальном конкурсе «Педагогический дебют» — в марте.",
        activities=_activities(start, today, mentors[0].full_name, mentees[0].full_name),
    )
    services.program_submit(actor=curator, program=program)
    services.program_approve(actor=curator, program=program)
    services.program_comment(
        actor=curator,
        program=program,
        text="Программа утверждена. Прошу к открытому уроку подготовить технологическую карту.",
    )
    _meetings(
        curator,
        pair,
        [mentors[0], mentees[0]],
        [
            (
                Meeting.Kind.ORGANIZATIONAL,
                start,
                "Знакомство, ожидания от наставничества",
                "Обсудили трудности первых недель, договорились о встречах по средам.",
            ),
            (
                Meeting.Kind.TRIAL,
                start + 5 * DAY,
                "Разбор урока в 7 «Б»",
                "Посетили урок, наметили приёмы удержания дисциплины.",
            ),
            (
                Meeting.Kind.PLANNING,
                start + 10 * DAY,
                "План работы на полугодие",
                "Составили персонализированную программу.",
            ),
            (
                Meeting.Kind.REGULAR,
                today - 12 * DAY,
                "Формирующее оценивание на уроке",
                "Разобрали критерии оценивания и листы самооценки.",
            ),
        ],
    )
    services.meeting_log(
        actor=curator,
        mentorship=pair,
        attended=[],
        kind=Meeting.Kind.REGULAR,
        date=today + 3 * DAY,
        time=datetime.time(15, 30),
        duration=45,
        place="Кабинет 21",
        topic="Подготовка к открытому уроку",
        held=False,
    )
    services.portfolio_add(
        actor=curator,
        staff=mentees[0],
        mentorship=pair,
        kind=PortfolioItem.Kind.COURSE,
        date=start + 30 * DAY,
        title="Курсы «Формирующее оценивание в основной школе», 36 ч",
        description="Удостоверение о повышении квалификации.",
    )

    # 2. A group whose program the mentor submitted and the curator has to approve.
    group = form(mentors[1], mentees[1:3], Mentorship.Type.GROUP)
    group_program = services.program_update(
        actor=curator,
        program=group.program,
        goal="Адаптация молодых специалистов к работе классного руководителя.",
        tasks="Освоить документацию классного руководителя.\nНаучиться проводить "
        "родительские собрания.",
        expected_results="Каждый наставляемый самостоятельно провёл родительское собрание.",
        development_plan="",
        activities=_activities(
            start, today, mentors[1].full_name, ", ".join(m.full_name for m in mentees[1:3])
        ),
    )
    services.program_submit(actor=curator, program=group_program)
    _meetings(
        curator,
        group,
        [mentors[1], *mentees[1:3]],
        [
            (
                Meeting.Kind.ORGANIZATIONAL,
                start,
                "Знакомство группы",
                "Договорились о встречах раз в две недели.",
            ),
            (
                Meeting.Kind.PLANNING,
                today - 9 * DAY,
                "Документация классного руководителя",
                "Разобрали план воспитательной работы.",
            ),
        ],
    )

    # 3. A pair that met once two months ago and left its program undone: flagged as formal.
    formal = form(mentors[2], [mentees[3]], Mentorship.Type.INDIVIDUAL)
    ProgramActivity.objects.filter(program__mentorship=formal).update(
        responsible=mentors[2].full_name
    )
    _meetings(
        curator,
        formal,
        [mentors[2], mentees[3]],
        [(Meeting.Kind.ORGANIZATIONAL, start, "Знакомство", "")],
    )

    # Events of the school: the installation session held, the general meeting ahead.
    from nastavnik.mentorships import events

    session = events.event_save(
        actor=curator,
        organization=school,
        year=year,
        participants=mentors,
        kind="installation",
        title="Установочная сессия наставников",
        date=start - 7 * DAY,
        time=datetime.time(14, 0),
        duration=90,
        place="Актовый зал",
        online_url="",
        description="Цели и задачи наставничества в школе, формы работы, персонализированная "
        "программа, журнал встреч.",
    )
    events.event_mark_held(actor=curator, event=session)
    events.material_add(
        actor=curator,
        event=session,
        title="Презентация установочной сессии",
        url="https://example.org/nastavnichestvo/ustanovochnaya-sessiya",
        upload=None,
    )
    events.event_save(
        actor=curator,
        organization=school,
        year=year,
        participants=[*mentors, *mentees],
        kind="general_meeting",
        title="Общая встреча наставников и наставляемых: итоги полугодия",
        date=today + 10 * DAY,
        time=datetime.time(15, 0),
        duration=60,
        place="Кабинет 12",
        online_url="",
        description="",
    )
