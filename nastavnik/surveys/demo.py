"""The demo school's surveys of the current year, answered as its teachers would: the mentee
and mentor questionnaires of September (closed, some answers moved into the banks), the
preferences after the group meeting, the self-assessment «before», and the anonymous interim
feedback that is open now with part of the answers in."""

import datetime
import random
from typing import Any

from django.core.mail import get_connection
from django.utils import timezone

from nastavnik.accounts.models import User
from nastavnik.banks.models import Competency, MenteeProfile, MentorProfile
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships.models import Mentorship
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import services
from nastavnik.surveys.models import Invitation, Question, Questionnaire, Survey

DAY = datetime.timedelta(days=1)

NEEDS_TEXTS = [
    "Как выстроить разговор с родителями о неуспеваемости ребёнка.",
    "Не хватает опыта в составлении рабочей программы и КТП по ФГОС.",
    "Трудно удерживать дисциплину в 6–7 классах, особенно после перемены.",
    "Хочу научиться формирующему оцениванию и работе с критериями.",
    "Нужна помощь в подготовке к аттестации на первую категорию.",
    "Как вести электронный журнал и документацию классного руководителя.",
]
EXPERIENCE_TEXTS = [
    "Методика формирующего оценивания, открытые уроки для района, подготовка к ОГЭ.",
    "Проектная и исследовательская деятельность, руководство школьным НОУ.",
    "Классное руководство, работа с родителями, профилактика конфликтов.",
    "Цифровые образовательные ресурсы, смешанное обучение, онлайн-курсы.",
]
INTERIM_TEXTS = [
    "Посещение уроков наставника и разбор после урока.",
    "Совместная подготовка урока с формирующим оцениванием.",
    "Разговор о родительском собрании, стало гораздо спокойнее.",
    "Разбор трудных ситуаций на уроке.",
]


def _answer(
    survey: Survey,
    invitation: Invitation,
    rnd: random.Random,
    today: datetime.date,
    *,
    people: dict[str, list[StaffMember]],
    competencies: list[Competency],
) -> None:
    """Answer the questionnaire as the person of the invitation would, by a link of his own."""
    token = services.issue_link(invitation)
    data: dict[int, list[str]] = {}
    for q in survey.questionnaire.questions.all():
        if q.kind == Question.Kind.SINGLE:
            # Mostly the first options (readiness «Да», help needed «Нет» for most).
            weights = [5, 3, 1, 1, 1, 1, 1, 1][: len(q.options)]
            if q.code == "need_help":
                weights = [1, 4]
            data[q.pk] = [rnd.choices(q.options, weights=weights)[0]]
        elif q.kind == Question.Kind.MULTIPLE:
            options = [o for o in q.options if o != "Трудностей нет"]
            data[q.pk] = rnd.sample(options, k=min(len(options), rnd.randint(1, 3)))
        elif q.kind == Question.Kind.SCALE5:
            data[q.pk] = [str(rnd.choices([2, 3, 4, 5], weights=[1, 3, 5, 3])[0])]
        elif q.kind == Question.Kind.SCALE10:
            data[q.pk] = [str(rnd.choices(range(5, 11), weights=[1, 1, 2, 4, 4, 3])[0])]
        elif q.kind == Question.Kind.NUMBER:
            data[q.pk] = [str(rnd.randint(1, 2) if q.code == "capacity" else rnd.randint(0, 3))]
        elif q.kind == Question.Kind.COMPETENCIES:
            data[q.pk] = [str(c.pk) for c in rnd.sample(competencies, k=rnd.randint(2, 4))]
        elif q.kind == Question.Kind.PEOPLE:
            side = "mentors" if q.code == "preferred_mentors" else "mentees"
            if (side == "mentors") != (invitation.group == Invitation.Group.MENTEE):
                continue
            pool = [p for p in people[side] if p.pk != invitation.staff_id]
            data[q.pk] = [str(p.pk) for p in rnd.sample(pool, k=min(len(pool), rnd.randint(1, 3)))]
        elif q.kind == Question.Kind.LONG_TEXT:
            texts = {
                "needs_text": NEEDS_TEXTS,
                "experience_text": EXPERIENCE_TEXTS,
                "difficulty_text": NEEDS_TEXTS[:1],
            }.get(q.code, INTERIM_TEXTS)
            if q.required or rnd.random() < 0.6:
                data[q.pk] = [rnd.choice(texts)]
    saved = services.save_answers(token, data, final=True, today=today)
    if not saved.ok:  # a demo answer the rules refuse is a bug of the demo
        raise RuntimeError(f"demo answer refused: {saved.errors}")


def demo_surveys(school: Organization, curator: User) -> None:
    year = academic_year_current()
    if Survey.objects.filter(organization=school, academic_year=year).exists():
        return
    region = school.municipality.region
    services.region_library(region)
    rnd = random.Random(2025)
    today = timezone.localdate()
    quiet = get_connection("django.core.mail.backends.dummy.EmailBackend")
    competencies = list(Competency.objects.filter(region=region, is_active=True))
    people = {
        "mentors": [
            p.staff
            for p in MentorProfile.objects.filter(organization=school, academic_year=year)
            .exclude(status=MentorProfile.Status.EXCLUDED)
            .select_related("staff")
            .order_by("pk")
        ],
        "mentees": [
            p.staff
            for p in MenteeProfile.objects.filter(organization=school, academic_year=year)
            .exclude(status=MenteeProfile.Status.EXCLUDED)
            .select_related("staff")
            .order_by("pk")
        ],
    }
    if len(people["mentors"]) < 2 or len(people["mentees"]) < 2:
        return
    start = min(year.starts_on + 7 * DAY, today - 40 * DAY)

    def run(
        kind: str,
        title: str,
        audience: str,
        opens: datetime.date,
        closes: datetime.date,
        share: float,
        *,
        anonymous: bool = False,
        **extra: Any,
    ) -> Survey:
        template = Questionnaire.objects.get(
            region=region, organization=None, is_template=True, kind=kind
        )
        survey = services.survey_create(
            actor=curator,
            organization=school,
            year=year,
            template=template,
            title=title,
            anonymous=anonymous,
            audience=audience,
            opens_on=opens,
            closes_on=closes,
            **extra,
        )
        services.survey_launch(actor=curator, survey=survey, connection=quiet)
        invitations = list(survey.invitations.select_related("staff").order_by("pk"))
        answering = invitations[: max(1, round(len(invitations) * share))]
        if survey.closes_on >= today:
            # The demo accounts still have the open survey waiting in «My questionnaires».
            answering = [i for i in answering if i.staff.user_id is None]
        for invitation in answering:
            _answer(
                survey,
                invitation,
                rnd,
                min(opens + 3 * DAY, closes),
                people=people,
                competencies=competencies,
            )
        return survey

    needs = run(
        "mentee_needs",
        "Анкета наставляемого: профессиональные запросы и затруднения",
        Survey.Audience.MENTEE_BANK,
        start,
        start + 14 * DAY,
        0.9,
    )
    # The curator moved most answers into the mentee bank; two still wait for confirmation.
    proposals = services.bank_proposals(needs)
    services.move_to_bank(
        actor=curator, survey=needs, response_ids=[p.response.pk for p in proposals[:-2]]
    )
    mentors = run(
        "mentor_potential",
        "Анкета потенциального наставника",
        Survey.Audience.MENTOR_BANK,
        start,
        start + 14 * DAY,
        1.0,
    )
    services.move_to_bank(
        actor=curator,
        survey=mentors,
        response_ids=[p.response.pk for p in services.bank_proposals(mentors)],
    )
    run(
        "preferences",
        "Анкета предпочтений после групповой встречи",
        Survey.Audience.BOTH_BANKS,
        start + 16 * DAY,
        start + 23 * DAY,
        0.85,
    )
    run(
        "growth",
        "Самооценка профессионального роста (начало программы)",
        Survey.Audience.MENTEE_BANK,
        start + 16 * DAY,
        start + 30 * DAY,
        0.8,
    )
    mentorships = list(
        Mentorship.objects.filter(organization=school, academic_year=year).prefetch_related(
            "mentees"
        )
    )
    if mentorships:
        run(
            "interim",
            "Промежуточная обратная связь",
            Survey.Audience.MENTORSHIPS,
            today - 5 * DAY,
            today + 9 * DAY,
            0.6,
            anonymous=True,
            mentorships=mentorships,
        )
    for survey in Survey.objects.filter(
        organization=school, academic_year=year, closes_on__lt=today
    ):
        services.survey_close(actor=curator, survey=survey)
