"""The region of the load benchmark (`manage.py seed_bench`, issue 10).

At `scale=1` a whole region: 60 municipalities, 1,500 organizations, 60,000 staff, 15,000
pairs and groups with their programs, 100,000 meetings, 500,000 answers of questionnaires
(a closed survey of all staff in every organization), the banks with signed consents, a
roadmap per organization, and the accounts of a curator, a mentor and a mentee of each
organization and of the methodologists, so that the load scenario (`bench/locustfile.py`)
can log in as any of them. A smaller `scale` keeps the proportions (the tests use 0.002).

Everything is written with `bulk_create` in batches; every bench account has the same
password, hashed once (hashing 4,500 passwords one by one would take half an hour).
"""

import datetime
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from nastavnik.accounts.models import Role, RoleAssignment, User
from nastavnik.banks.models import Consent, MenteeProfile, MentorProfile
from nastavnik.banks.selectors import competencies_for, rules_for
from nastavnik.banks.services import CONSENT_VERSIONS
from nastavnik.core.demo import (
    FEMALE_NAMES,
    MALE_NAMES,
    SCHOOL_POSITIONS,
    SUBJECTS,
    SURNAMES,
    female_surname,
)
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_years_ensure
from nastavnik.mentorships.models import Meeting, Mentorship, Program, ProgramActivity
from nastavnik.organizations.models import Municipality, Organization, Region
from nastavnik.roadmaps import services as roadmaps
from nastavnik.roadmaps.models import Activity, ExpectedResult, Risk, Roadmap, Stage
from nastavnik.staff.models import StaffMember
from nastavnik.surveys.models import Answer, Invitation, Question, Questionnaire, Response, Survey

REGION = "Бенчмарочная область"
PASSWORD = "nastavnik-bench"  # noqa: S105 (documented password of the throwaway bench region)

# At scale 1.
MUNICIPALITIES = 60
ORGANIZATIONS = 1500
MEETINGS = 100_000
ANSWERS = 500_000
# Per organization, whatever the scale.
STAFF = 40
MENTORSHIPS = 10  # nine pairs and one group of two
QUESTIONS = 10
CURATOR, MENTORS, MENTEES = 0, range(2, 12), range(12, 23)
BATCH = 5000
DAY = datetime.timedelta(days=1)

T = TypeVar("T", bound=models.Model)


@dataclass(frozen=True)
class Plan:
    """How many of each thing a region of this scale has."""

    municipalities: int
    organizations: int
    meetings: int
    answers: int

    @classmethod
    def of(cls, scale: float) -> "Plan":
        organizations = max(1, round(ORGANIZATIONS * scale))
        return cls(
            municipalities=max(1, min(organizations, round(MUNICIPALITIES * scale))),
            organizations=organizations,
            meetings=max(organizations * MENTORSHIPS, round(MEETINGS * scale)),
            answers=max(organizations * QUESTIONS, round(ANSWERS * scale)),
        )

    @property
    def staff(self) -> int:
        return self.organizations * STAFF

    @property
    def mentorships(self) -> int:
        return self.organizations * MENTORSHIPS

    @property
    def responses(self) -> int:
        return self.answers // QUESTIONS


def _batches(items: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def _create(model: type[T], items: Iterable[T], *, keep: bool = True) -> list[T]:
    """bulk_create in batches; the created objects (with their keys) if `keep`."""
    created: list[T] = []
    for batch in _batches(items):
        done = model.objects.bulk_create(batch)  # type: ignore[attr-defined]
        if keep:
            created.extend(done)
    return created


def username(role: str, number: int) -> str:
    """The login of a bench account: bench-curator-1, bench-mentor-1, bench-region, …"""
    return f"bench-{role}-{number}" if number else f"bench-{role}"


def _person(rng: random.Random, number: int) -> dict[str, Any]:
    surname = SURNAMES[number % len(SURNAMES)]
    father = MALE_NAMES[(number // 7) % len(MALE_NAMES)]
    if rng.random() < 0.75:
        return {
            "last_name": female_surname(surname),
            "first_name": FEMALE_NAMES[number % len(FEMALE_NAMES)],
            "patronymic": father[2],
            "gender": StaffMember.Gender.FEMALE,
        }
    first = MALE_NAMES[(number + 3) % len(MALE_NAMES)][0]
    return {
        "last_name": surname,
        "first_name": first,
        "patronymic": father[1],
        "gender": StaffMember.Gender.MALE,
    }


def _staff_member(
    organization: Organization, k: int, rng: random.Random, today: datetime.date
) -> StaffMember:
    young = k in MENTEES or (k >= 23 and rng.random() < 0.1)
    age = rng.randint(22, 29) if young else rng.randint(35, 60)
    experience = rng.randint(0, 3) if young else rng.randint(10, age - 23)
    if k == CURATOR:
        position = "Заместитель директора по учебно-воспитательной работе"
    elif k == 1:
        position = "Директор"
    else:
        position = SCHOOL_POSITIONS[k % len(SCHOOL_POSITIONS)]
    return StaffMember(
        organization=organization,
        position=position,
        birth_date=datetime.date(today.year - age, 1 + k % 12, 1 + k % 28),
        experience_years=experience,
        experience_as_of=today,
        hired_on=datetime.date(today.year - (1 if young else 8), 9, 1),
        category=StaffMember.Category.NONE if young else StaffMember.Category.FIRST,
        subjects=SUBJECTS.get(position, ""),
        email=f"teacher{organization.pk}-{k}@bench.nastavnik.example",
        **_person(rng, organization.pk * STAFF + k),
    )


def _roadmaps(organizations: list[Organization], year: AcademicYear) -> int:
    """The standard roadmap of the first organization made by the service, copied to the others
    row for row (the service makes one in a dozen queries; 1,500 would take minutes)."""
    template = roadmaps.roadmap_create(actor=None, organization=organizations[0], year=year)
    others = _create(
        Roadmap,
        (
            Roadmap(
                organization=o,
                academic_year=year,
                title=roadmaps.roadmap_title(o, year),
                normative_basis=template.normative_basis,
                goal=template.goal,
                tasks=template.tasks,
                forms_intro=template.forms_intro,
                forms=template.forms,
                forms_note=template.forms_note,
                control=template.control,
            )
            for o in organizations[1:]
        ),
    )
    for stage in template.stages.prefetch_related("activities"):
        stages = _create(
            Stage,
            (Stage(roadmap=r, order=stage.order, title=stage.title) for r in others),
        )
        for activity in stage.activities.all():
            _create(
                Activity,
                (
                    Activity(
                        stage=s,
                        order=activity.order,
                        title=activity.title,
                        content=activity.content,
                        deadline=activity.deadline,
                        responsible_roles=activity.responsible_roles,
                        fact=activity.fact,
                    )
                    for s in stages
                ),
                keep=False,
            )
    for risk in template.risks.all():
        _create(
            Risk,
            (
                Risk(
                    roadmap=r,
                    order=risk.order,
                    title=risk.title,
                    mitigation=risk.mitigation,
                    formalism=risk.formalism,
                )
                for r in others
            ),
            keep=False,
        )
    for result in template.expected_results.all():
        _create(
            ExpectedResult,
            (
                ExpectedResult(
                    roadmap=r,
                    group=result.group,
                    order=result.order,
                    text=result.text,
                    indicator=result.indicator,
                    target=result.target,
                )
                for r in others
            ),
            keep=False,
        )
    return len(others) + 1


SURVEY_QUESTIONS: list[tuple[str, str, list[str]]] = [
    ("scale10", "Насколько вы удовлетворены работой в программе наставничества?", []),
    ("scale5", "Насколько понятны цели программы?", []),
    ("scale5", "Насколько полезны встречи с наставником или наставляемым?", []),
    ("single", "Хватает ли времени на встречи?", ["Да", "Скорее да", "Скорее нет", "Нет"]),
    ("scale5", "Как вы оцениваете поддержку куратора?", []),
    ("single", "Готовы ли вы участвовать в программе в следующем году?", ["Да", "Нет"]),
    ("scale10", "Как изменилась ваша уверенность в работе?", []),
    ("scale5", "Насколько удобна система «Наставник»?", []),
    ("single", "Чего не хватает больше всего?", ["Времени", "Материалов", "Обратной связи"]),
    ("scale10", "Порекомендуете ли вы программу коллегам?", []),
]


def _answer_value(kind: str, options: list[str], rng: random.Random) -> Any:
    if kind == "single":
        return rng.choice(options)
    return rng.randint(3, 10) if kind == "scale10" else rng.randint(2, 5)


def seed_bench(scale: float = 1.0, *, say: Callable[[str], None] = print) -> dict[str, int]:
    """Build the bench region; returns the number of rows of each kind. Refuses to build it
    twice (drop the database to start again)."""
    if Region.objects.filter(name=REGION).exists():
        raise ValueError(f"the region «{REGION}» already exists")
    plan = Plan.of(scale)
    rng = random.Random(10)
    today = timezone.localdate()
    now = timezone.now()
    started = time.perf_counter()
    step_started = started

    def step(what: str) -> None:
        nonlocal step_started
        moment = time.perf_counter()
        say(f"  {what}: {moment - step_started:.1f} s")
        step_started = moment

    with transaction.atomic():
        year = academic_years_ensure()[1]
        region = Region.objects.create(
            name=REGION, center_name="Региональный центр наставничества (нагрузочный тест)"
        )
        rules_for(region)
        competencies_for(region)
        municipalities = _create(
            Municipality,
            (
                Municipality(
                    region=region,
                    name=f"Муниципальный район № {m + 1}",
                    authority_name=f"Управление образования района № {m + 1}",
                )
                for m in range(plan.municipalities)
            ),
        )
        organizations = _create(
            Organization,
            (
                Organization(
                    municipality=municipalities[i % plan.municipalities],
                    full_name=f"Муниципальное бюджетное общеобразовательное учреждение "
                    f"«Средняя общеобразовательная школа № {i + 1}»",
                    short_name=f"МБОУ «СОШ № {i + 1}»",
                    locality="г. Бенчмарск",
                    head_last_name="Директорова",
                    head_first_name="Ирина",
                    head_patronymic="Петровна",
                    head_position="Директор",
                )
                for i in range(plan.organizations)
            ),
        )
        step(f"{plan.municipalities} municipalities, {plan.organizations} organizations")

        staff = _create(
            StaffMember,
            (_staff_member(o, k, rng, today) for o in organizations for k in range(STAFF)),
        )
        by_org = [staff[i * STAFF : (i + 1) * STAFF] for i in range(plan.organizations)]
        step(f"{len(staff)} staff")

        password = make_password(PASSWORD)
        accounts: list[tuple[User, Role, Any]] = [
            (User(username=username("admin", 0)), Role.ADMIN, region),
            (User(username=username("region", 0)), Role.REGIONAL_METHODOLOGIST, region),
        ]
        for m, municipality in enumerate(municipalities, start=1):
            accounts.append(
                (
                    User(username=username("municipality", m)),
                    Role.MUNICIPAL_METHODOLOGIST,
                    municipality,
                )
            )
        people: list[tuple[int, StaffMember]] = []
        for n, (organization, members) in enumerate(zip(organizations, by_org, strict=True), 1):
            for role, k in (
                (Role.CURATOR, CURATOR),
                (Role.MENTOR, MENTORS[0]),
                (Role.MENTEE, MENTEES[0]),
            ):
                accounts.append((User(username=username(role, n)), role, organization))
                people.append((len(accounts) - 1, members[k]))
        for user, _role, _scope in accounts:
            user.password = password
            user.region = region
            user.last_name, user.first_name = "Тестов", "Бенч"
        users = _create(User, (user for user, _role, _scope in accounts))
        assignments = []
        for user, (_unsaved, role, scope) in zip(users, accounts, strict=True):
            assignment = RoleAssignment(user=user, role=role)
            if isinstance(scope, Region):
                assignment.region = scope
            elif isinstance(scope, Municipality):
                assignment.municipality = scope
            else:
                assignment.organization = scope
            assignments.append(assignment)
        _create(RoleAssignment, assignments, keep=False)
        linked = []
        for index, member in people:
            member.user = users[index]
            linked.append(member)
        StaffMember.objects.bulk_update(linked, ["user"], batch_size=BATCH)
        step(f"{len(users)} accounts")

        starts = year.starts_on
        consents: list[Consent] = []
        mentors: list[MentorProfile] = []
        mentees: list[MenteeProfile] = []
        for organization, members in zip(organizations, by_org, strict=True):
            for k in [*MENTORS, *MENTEES]:
                kinds = [Consent.Kind.PERSONAL_DATA]
                if k in MENTORS:
                    kinds.append(Consent.Kind.DUTIES)
                    mentors.append(
                        MentorProfile(
                            organization=organization,
                            staff=members[k],
                            academic_year=year,
                            status=MentorProfile.Status.ACTIVE,
                            capacity=2,
                            forms=["teacher_teacher"],
                        )
                    )
                else:
                    mentees.append(
                        MenteeProfile(
                            organization=organization,
                            staff=members[k],
                            academic_year=year,
                            category=MenteeProfile.Category.YOUNG,
                            status=MenteeProfile.Status.PAIRED,
                        )
                    )
                consents.extend(
                    Consent(
                        organization=organization,
                        staff=members[k],
                        kind=kind,
                        status=Consent.Status.SIGNED,
                        version=CONSENT_VERSIONS[kind],
                        issued_at=starts + 5 * DAY,
                        signed_at=starts + 7 * DAY,
                    )
                    for kind in kinds
                )
        _create(Consent, consents, keep=False)
        _create(MentorProfile, mentors, keep=False)
        _create(MenteeProfile, mentees, keep=False)
        step(f"banks: {len(mentors)} mentors, {len(mentees)} mentees, {len(consents)} consents")

        mentorships = _create(
            Mentorship,
            (
                Mentorship(
                    organization=organization,
                    academic_year=year,
                    mentor=members[MENTORS[j]],
                    type=Mentorship.Type.GROUP
                    if j == MENTORSHIPS - 1
                    else Mentorship.Type.INDIVIDUAL,
                    starts_on=starts + 28 * DAY,
                    ends_on=year.ends_on - 90 * DAY,
                    status=Mentorship.Status.ACTIVE,
                )
                for organization, members in zip(organizations, by_org, strict=True)
                for j in range(MENTORSHIPS)
            ),
        )
        through = Mentorship.mentees.through
        _create(
            through,
            (
                through(mentorship_id=m.pk, staffmember_id=by_org[i // MENTORSHIPS][k].pk)
                for i, m in enumerate(mentorships)
                for k in (
                    MENTEES[i % MENTORSHIPS : i % MENTORSHIPS + 2]
                    if i % MENTORSHIPS == MENTORSHIPS - 1
                    else [MENTEES[i % MENTORSHIPS]]
                )
            ),
            keep=False,
        )
        programs = _create(
            Program,
            (
                Program(
                    mentorship=m,
                    goal="Адаптация молодого педагога и развитие его профессиональных компетенций",
                    tasks="Освоить рабочую программу\nПровести открытый урок",
                    status=Program.Status.APPROVED,
                    approved_at=now,
                )
                for m in mentorships
            ),
        )
        _create(
            ProgramActivity,
            (
                ProgramActivity(
                    program=p,
                    order=k,
                    title=title,
                    due_on=starts + (45 + 60 * k) * DAY,
                )
                for p in programs
                for k, title in enumerate(
                    ["Посещение уроков наставника", "Разработка урока", "Открытый урок"]
                )
            ),
            keep=False,
        )
        step(f"{len(mentorships)} mentorships with programs")

        count = len(mentorships)
        _create(
            Meeting,
            (
                Meeting(
                    mentorship=mentorships[i % count],
                    kind=Meeting.Kind.ORGANIZATIONAL if i < count else Meeting.Kind.REGULAR,
                    date=(day := starts + (30 + 14 * (i // count)) * DAY),
                    topic="Разбор урока и планирование" if i >= count else "Знакомство",
                    held=day < today,
                )
                for i in range(plan.meetings)
            ),
            keep=False,
        )
        step(f"{plan.meetings} meetings")

        opens = starts + 40 * DAY
        questionnaires = _create(
            Questionnaire,
            (
                Questionnaire(
                    region=region,
                    organization=o,
                    kind=Questionnaire.Kind.INTERIM,
                    title="Промежуточная обратная связь",
                    is_template=False,
                )
                for o in organizations
            ),
        )
        questions = _create(
            Question,
            (
                Question(questionnaire=q, order=k, kind=kind, text=text, options=options)
                for q in questionnaires
                for k, (kind, text, options) in enumerate(SURVEY_QUESTIONS)
            ),
        )
        surveys = _create(
            Survey,
            (
                Survey(
                    organization=o,
                    academic_year=year,
                    questionnaire=q,
                    title="Промежуточная обратная связь",
                    audience=Survey.Audience.ALL_STAFF,
                    opens_on=opens,
                    closes_on=opens + 14 * DAY,
                    launched_at=now,
                    closed_at=now,
                )
                for o, q in zip(organizations, questionnaires, strict=True)
            ),
        )
        # The responses spread over the organizations as evenly as the total allows.
        per_org = [
            plan.responses // plan.organizations
            + (1 if i < plan.responses % plan.organizations else 0)
            for i in range(plan.organizations)
        ]
        invitations = _create(
            Invitation,
            (
                Invitation(
                    survey=s,
                    staff=member,
                    group=Invitation.Group.MENTOR
                    if k in MENTORS
                    else Invitation.Group.MENTEE
                    if k in MENTEES
                    else Invitation.Group.STAFF,
                    answered=k < per_org[i],
                )
                for i, (s, members) in enumerate(zip(surveys, by_org, strict=True))
                for k, member in enumerate(members)
            ),
        )
        responses = _create(
            Response,
            (
                Response(
                    survey_id=invitation.survey_id,
                    organization_id=by_org[i // STAFF][0].organization_id,
                    group=invitation.group,
                    invitation=invitation,
                    submitted=True,
                    submitted_at=now,
                )
                for i, invitation in enumerate(invitations)
                if invitation.answered
            ),
        )
        step(f"{len(surveys)} surveys, {len(invitations)} invitations, {len(responses)} responses")
        survey_index = {s.pk: i for i, s in enumerate(surveys)}
        _create(
            Answer,
            (
                Answer(
                    response=r,
                    question=q,
                    value=_answer_value(q.kind, q.options, rng),
                )
                for r in responses
                for q in questions[
                    survey_index[r.survey_id] * QUESTIONS : (survey_index[r.survey_id] + 1)
                    * QUESTIONS
                ]
            ),
            keep=False,
        )
        step(f"{len(responses) * QUESTIONS} answers")

        made = _roadmaps(organizations, year)
        step(f"{made} roadmaps")
    say(f"  total: {time.perf_counter() - started:.1f} s")
    return {
        "municipalities": plan.municipalities,
        "organizations": plan.organizations,
        "staff": len(staff),
        "users": len(users),
        "mentorships": len(mentorships),
        "meetings": plan.meetings,
        "responses": len(responses),
        "answers": len(responses) * QUESTIONS,
        "roadmaps": made,
    }
