"""A finished previous academic year for the demo school, so that «this year against last
year» shows something: last year's banks, completed pairs and groups with held meetings and
portfolio outputs, answered satisfaction surveys, and two young teachers of last year who have
left the staff (retention below 100 %). Also the control points of the current year."""

import datetime
import random

from django.core.mail import get_connection
from django.db import transaction

from nastavnik.accounts.models import User
from nastavnik.banks.models import Competency, MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_current
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.mentorships.models import (
    Meeting,
    Mentorship,
    PortfolioItem,
    Program,
    ProgramActivity,
)
from nastavnik.monitoring import control
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import services as surveys
from nastavnik.surveys.models import Question, Questionnaire, Survey

DAY = datetime.timedelta(days=1)

LEAVERS = [
    ("Сорокина", "Алина", "Игоревна", StaffMember.Gender.FEMALE, "Учитель английского языка"),
    ("Зайцев", "Денис", "Олегович", StaffMember.Gender.MALE, "Учитель информатики"),
]
TOPICS = [
    "Знакомство, ожидания и план работы",
    "Рабочая программа и КТП по ФГОС",
    "Посещение урока наставника, разбор",
    "Формирующее оценивание на уроке",
    "Подготовка к родительскому собранию",
    "Открытый урок наставляемого",
    "Итоговая встреча: результаты и планы",
]
PORTFOLIO = [
    (PortfolioItem.Kind.OPEN_LESSON, "Открытый урок для методического объединения"),
    (PortfolioItem.Kind.DEVELOPMENT, "Технологическая карта урока с формирующим оцениванием"),
    (PortfolioItem.Kind.COURSE, "Курсы повышения квалификации «Современный урок», 36 ч"),
    (PortfolioItem.Kind.CONTEST, "Муниципальный конкурс «Педагогический дебют», участие"),
    (PortfolioItem.Kind.PUBLICATION, "Статья в сборнике материалов педагогических чтений"),
]


def _young(school: Organization, today: datetime.date) -> list[StaffMember]:
    return list(
        school.staff.filter(
            is_active=True,
            experience_years__lte=3,
            birth_date__gt=today.replace(year=today.year - 35),
        )
        .exclude(user__username__in=["director", "curator", "mentor"])
        .order_by("pk")
    )


def _leavers(school: Organization, last: AcademicYear) -> list[StaffMember]:
    """Two young teachers who worked last year and left in the summer."""
    people = []
    for i, (last_name, first_name, patronymic, gender, position) in enumerate(LEAVERS):
        person, _created = StaffMember.objects.get_or_create(
            organization=school,
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            defaults={
                "gender": gender,
                "position": position,
                "birth_date": datetime.date(last.start_year - 24 - i, 3 + i, 11),
                "experience_years": 1,
                "experience_as_of": last.starts_on,
                "hired_on": datetime.date(last.start_year - 1, 9, 1),
                "category": StaffMember.Category.NONE,
                "is_active": False,
            },
        )
        people.append(person)
    return people


def demo_previous_year(school: Organization, curator: User) -> None:
    year = academic_year_current()
    last, _created = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)
    control.schedule(school, year, actor=curator)
    control.schedule(school, last, actor=curator)
    if Mentorship.objects.filter(organization=school, academic_year=last).exists():
        return
    rnd = random.Random(2024)
    today = year.starts_on - DAY  # the year is seen as it was on its last day
    mentors = list(
        school.staff.filter(is_active=True, experience_years__gte=8)
        .exclude(user__username__in=["director", "curator"])
        .order_by("-user_id", "pk")[:4]
    )
    mentees = _young(school, year.starts_on)[:5] + _leavers(school, last)
    if len(mentors) < 4 or len(mentees) < 6:
        return
    with transaction.atomic():
        _year(school, curator, last, mentors, mentees, rnd, today)
    _surveys(school, curator, last, rnd)


def _year(
    school: Organization,
    curator: User,
    last: AcademicYear,
    mentors: list[StaffMember],
    mentees: list[StaffMember],
    rnd: random.Random,
    today: datetime.date,
) -> None:
    MentorProfile.objects.bulk_create(
        MentorProfile(
            organization=school,
            staff=m,
            academic_year=last,
            status=MentorProfile.Status.ACTIVE,
            capacity=2,
            forms=[MentorshipForm.TEACHER_TEACHER],
            result="Программа наставничества реализована полностью.",
        )
        for m in mentors
    )
    MenteeProfile.objects.bulk_create(
        MenteeProfile(
            organization=school,
            staff=p,
            academic_year=last,
            category=MenteeProfile.Category.YOUNG,
            status=MenteeProfile.Status.COMPLETED,
            result="Освоены навыки планирования урока и формирующего оценивания.",
        )
        for p in mentees
    )
    starts = datetime.date(last.start_year, 10, 1)
    ends = datetime.date(last.start_year + 1, 5, 29)
    plan = [
        # mentor index, mentee indexes, type, form, status
        (0, [0], Mentorship.Type.INDIVIDUAL, MentorshipForm.TEACHER_TEACHER, "completed"),
        (1, [1, 5], Mentorship.Type.GROUP, MentorshipForm.TEACHER_TEACHER, "completed"),
        (2, [2, 6], Mentorship.Type.GROUP, MentorshipForm.TEACHER_TEACHER, "completed"),
        (3, [3], Mentorship.Type.INDIVIDUAL, MentorshipForm.DIRECTOR_TEACHER, "completed"),
        (0, [4], Mentorship.Type.INDIVIDUAL, MentorshipForm.TEACHER_TEACHER, "ended_early"),
    ]
    for mentor_i, mentee_is, kind, form, status in plan:
        early = status == "ended_early"
        ended = datetime.date(last.start_year + 1, 2, 14) if early else ends
        m = Mentorship.objects.create(
            organization=school,
            academic_year=last,
            mentor=mentors[mentor_i],
            form=form,
            type=kind,
            starts_on=starts,
            ends_on=ends,
            status=status,
            ended_on=ended,
            end_initiator=Mentorship.Initiator.MENTEE if early else "",
            end_reason="Переход на другую должность" if early else "",
            created_by=curator,
        )
        m.mentees.set([mentees[i] for i in mentee_is])
        program = Program.objects.create(
            mentorship=m,
            goal="Успешная адаптация молодого педагога в образовательной организации.",
            status=Program.Status.APPROVED,
        )
        ProgramActivity.objects.bulk_create(
            ProgramActivity(
                program=program,
                order=n,
                title=topic,
                due_on=starts + 30 * n * DAY,
                status=ProgramActivity.Status.DONE,
                done_on=starts + (30 * n + 2) * DAY,
            )
            for n, topic in enumerate(TOPICS)
            if starts + 30 * n * DAY <= ended
        )
        held = [d for d in (starts + (30 * n + 2) * DAY for n in range(8)) if d <= ended]
        meetings = Meeting.objects.bulk_create(
            Meeting(
                mentorship=m,
                kind=Meeting.Kind.REGULAR if 0 < n < len(held) - 1 else Meeting.Kind.FINAL,
                date=d,
                topic=TOPICS[min(n, len(TOPICS) - 1)],
                held=not (n == 3 and mentor_i == 2),  # one meeting fell through
            )
            for n, d in enumerate(held)
        )
        for meeting in meetings:
            meeting.attended.set([mentors[mentor_i], *(mentees[i] for i in mentee_is)])
        for i in mentee_is:
            for kind_, title in rnd.sample(PORTFOLIO, k=2 if early else 3):
                PortfolioItem.objects.create(
                    staff=mentees[i],
                    mentorship=m,
                    kind=kind_,
                    date=starts + rnd.randint(40, 200) * DAY,
                    title=title,
                )
            if not early and i in (0, 1):
                PortfolioItem.objects.create(
                    staff=mentees[i],
                    mentorship=m,
                    kind=PortfolioItem.Kind.ATTESTATION,
                    date=ends - 10 * DAY,
                    title="Аттестация на соответствие занимаемой должности: пройдена",
                )


def _surveys(school: Organization, curator: User, last: AcademicYear, rnd: random.Random) -> None:
    """The satisfaction surveys of last May, identified, answered by most."""
    from nastavnik.surveys.demo import _answer

    region = school.municipality.region
    surveys.region_library(region)
    quiet = get_connection("django.core.mail.backends.dummy.EmailBackend")
    competencies = list(Competency.objects.filter(region=region, is_active=True))
    opens = datetime.date(last.start_year + 1, 5, 12)
    closes = opens + 10 * DAY
    for kind, title, audience in (
        (
            Questionnaire.Kind.SATISFACTION_MENTEE,
            "Удовлетворённость наставляемых программой наставничества",
            Survey.Audience.MENTEE_BANK,
        ),
        (
            Questionnaire.Kind.SATISFACTION_MENTOR,
            "Удовлетворённость наставников программой наставничества",
            Survey.Audience.MENTOR_BANK,
        ),
    ):
        template = Questionnaire.objects.filter(
            region=region, organization=None, is_template=True, kind=kind
        ).first()
        if template is None:
            continue
        survey = surveys.survey_create(
            actor=curator,
            organization=school,
            year=last,
            template=template,
            title=title,
            anonymous=False,
            audience=audience,
            opens_on=opens,
            closes_on=closes,
        )
        surveys.survey_launch(actor=curator, survey=survey, connection=quiet)
        invitations = list(survey.invitations.select_related("staff").order_by("pk"))
        for invitation in invitations[: max(1, len(invitations) - 1)]:
            _answer(
                survey,
                invitation,
                rnd,
                opens + 2 * DAY,
                people={"mentors": [], "mentees": []},
                competencies=competencies,
            )
        surveys.survey_close(actor=curator, survey=survey)
    _growth(school, curator, last, rnd, quiet)


def _growth(
    school: Organization, curator: User, last: AcademicYear, rnd: random.Random, quiet: object
) -> None:
    """The self-assessment at the start and at the end of last year: the marks grew."""
    template = Questionnaire.objects.filter(
        region=school.municipality.region,
        organization=None,
        is_template=True,
        kind=Questionnaire.Kind.GROWTH,
    ).first()
    if template is None:
        return
    for title, opens, marks in (
        (
            "Самооценка профессионального роста (начало программы)",
            datetime.date(last.start_year, 10, 5),
            [2, 2, 3, 3, 4],
        ),
        (
            "Самооценка профессионального роста (конец программы)",
            datetime.date(last.start_year + 1, 5, 12),
            [3, 4, 4, 4, 5],
        ),
    ):
        survey = surveys.survey_create(
            actor=curator,
            organization=school,
            year=last,
            template=template,
            title=title,
            anonymous=False,
            audience=Survey.Audience.MENTEE_BANK,
            opens_on=opens,
            closes_on=opens + 10 * DAY,
        )
        surveys.survey_launch(actor=curator, survey=survey, connection=quiet)
        questions = [
            q
            for q in survey.questionnaire.questions.all()
            if q.kind in (Question.Kind.SCALE5, Question.Kind.SCALE10)
        ]
        for invitation in survey.invitations.order_by("pk"):
            token = surveys.issue_link(invitation)
            answers = {q.pk: [str(rnd.choice(marks))] for q in questions}
            saved = surveys.save_answers(token, answers, final=True, today=opens + 2 * DAY)
            if not saved.ok:
                raise RuntimeError(f"demo answer refused: {saved.errors}")
        surveys.survey_close(actor=curator, survey=survey)
