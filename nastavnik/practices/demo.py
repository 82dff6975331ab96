"""The demo school's library and awards: last year's final round table with two practices
selected there (one published to the region with a PDF), an approved nomination included in
last year's reward order, and one proposed nomination this year."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from nastavnik.accounts.models import Role, User
from nastavnik.core.services import academic_years_ensure
from nastavnik.documents.kinds.orders import Award, MentorshipForm
from nastavnik.mentorships import events
from nastavnik.mentorships.models import OrganizationEvent
from nastavnik.organizations.models import Organization
from nastavnik.practices import services
from nastavnik.practices.models import Nomination, Practice
from nastavnik.staff.models import StaffMember

# A one-page PDF standing in for the materials of a practice.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

EVENT_TITLE = "Итоговый круглый стол «Наставничество: итоги учебного года»"
PRACTICES = [
    {
        "title": "Взаимопосещение уроков с листом наблюдения",
        "tags": "взаимопосещение, анализ урока, молодой педагог",
        "description": (
            "Наставник и молодой учитель посещают уроки друг друга раз в две недели и "
            "заполняют общий лист наблюдения: цель урока, приёмы активизации, обратная "
            "связь. После урока — разбор за 15 минут по трём вопросам."
        ),
        "published": True,
    },
    {
        "title": "Чек-лист адаптации молодого педагога в первые сто дней",
        "tags": "адаптация, молодой педагог, чек-лист",
        "description": (
            "Перечень шагов первых ста дней работы: документы, классное руководство, "
            "рабочая программа, родительское собрание, первый открытый урок — с отметками "
            "наставника и наставляемого."
        ),
        "published": False,
    },
]


def _person(school: Organization, role: str) -> StaffMember | None:
    """The staff record of the school's account holding `role` in the school."""
    return (
        StaffMember.objects.filter(
            organization=school,
            user__role_assignments__role=role,
            user__role_assignments__organization=school,
        )
        .order_by("pk")
        .first()
    )


def demo_practices(school: Organization, curator: User) -> None:
    previous, current = academic_years_ensure()[:2]
    mentor = _person(school, Role.MENTOR)
    mentee = _person(school, Role.MENTEE)
    staff_curator = StaffMember.objects.filter(organization=school, user=curator).first()
    people = [p for p in (mentor, mentee, staff_curator) if p is not None]

    event = OrganizationEvent.objects.filter(
        organization=school, academic_year=previous, kind=OrganizationEvent.Kind.ROUND_TABLE
    ).first()
    if event is None:
        event = events.event_save(
            actor=curator,
            organization=school,
            year=previous,
            participants=people,
            kind=OrganizationEvent.Kind.ROUND_TABLE,
            title=EVENT_TITLE,
            date=datetime.date(previous.start_year + 1, 5, 22),
            time=datetime.time(15, 0),
            duration=90,
            place="Актовый зал",
            description="Подведение итогов программ наставничества, отбор лучших практик.",
        )
        events.event_mark_held(actor=curator, event=event)

    for data in PRACTICES:
        if Practice.objects.filter(organization=school, title=data["title"]).exists():
            continue
        practice = services.practice_save(
            actor=curator,
            organization=school,
            year=previous,
            authors=[p for p in (mentor, mentee) if p is not None],
            tags=str(data["tags"]),
            event=event,
            title=str(data["title"]),
            form=MentorshipForm.TEACHER_TEACHER,
            description=str(data["description"]),
        )
        if data["published"]:
            services.practice_file_add(
                actor=curator,
                practice=practice,
                title="Лист наблюдения урока",
                upload=SimpleUploadedFile("list-nablyudeniya.pdf", DEMO_PDF),
            )
            services.practice_publish(actor=curator, practice=practice, published=True)

    if mentor is None:
        return
    if not Nomination.objects.filter(organization=school, academic_year=previous).exists():
        nomination = services.nomination_save(
            actor=curator,
            organization=school,
            year=previous,
            staff=mentor,
            kind=Award.DIPLOMA,
            reason="За успешное наставничество молодого педагога и подготовку открытого урока.",
        )
        services.nomination_approve(actor=curator, nomination=nomination)
        services.nominations_make_order(
            actor=curator,
            organization=school,
            year=previous,
            day=datetime.date(previous.start_year + 1, 5, 29),
        )
    if not Nomination.objects.filter(organization=school, academic_year=current).exists():
        services.nomination_save(
            actor=curator,
            organization=school,
            year=current,
            staff=mentor,
            kind=Award.LETTER,
            reason="За организацию взаимопосещения уроков молодых педагогов.",
        )
