"""The Russian demo region that `manage.py seed_demo` builds (idempotent).

Later areas extend `demo_seed` with their own data so that every page has something real
to show. Everything here is fictional.
"""

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from nastavnik.accounts.models import Role, RoleAssignment, User, scope_field
from nastavnik.core.services import academic_years_ensure
from nastavnik.organizations.models import Municipality, Organization, Region
from nastavnik.staff.models import StaffMember

DEMO_PASSWORD = "nastavnik-demo"  # noqa: S105 (documented demo password)

# Male surnames; the female form is derived by `female_surname`.
SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Миронов",
    "Крылов",
    "Куликов",
    "Карпов",
    "Власов",
    "Мельников",
    "Денисов",
    "Гаврилов",
    "Тихонов",
    "Казаков",
    "Афанасьев",
    "Данилов",
    "Савельев",
    "Тимофеев",
    "Фомин",
    "Чернов",
    "Абрамов",
    "Высоцкий",
    "Покровский",
    "Заболоцкий",
    "Шевченко",
    "Бондаренко",
    "Ткаченко",
    "Коваленко",
    "Кравчук",
    "Полищук",
    "Мельник",
    "Ковальчук",
    "Гончаренко",
    "Литвиненко",
    "Черных",
]
MALE_NAMES = [
    ("Александр", "Александрович", "Александровна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Михаил", "Михайлович", "Михайловна"),
    ("Владимир", "Владимирович", "Владимировна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"),
    ("Игорь", "Игоревич", "Игоревна"),
    ("Павел", "Павлович", "Павловна"),
    ("Юрий", "Юрьевич", "Юрьевна"),
    ("Виктор", "Викторович", "Викторовна"),
    ("Олег", "Олегович", "Олеговна"),
    ("Илья", "Ильич", "Ильинична"),
    ("Пётр", "Петрович", "Петровна"),
    ("Никита", "Никитич", "Никитична"),
    ("Артём", "Артёмович", "Артёмовна"),
    ("Иван", "Иванович", "Ивановна"),
    ("Фёдор", "Фёдорович", "Фёдоровна"),
]
FEMALE_NAMES = [
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Ирина",
    "Татьяна",
    "Светлана",
    "Мария",
    "Юлия",
    "Екатерина",
    "Марина",
    "Людмила",
    "Галина",
    "Анастасия",
    "Дарья",
    "Ксения",
    "Надежда",
    "Валентина",
    "Алёна",
    "Виктория",
    "Полина",
    "Любовь",
    "Вера",
    "Софья",
    "Оксана",
]
SCHOOL_POSITIONS = [
    "Учитель начальных классов",
    "Учитель начальных классов",
    "Учитель начальных классов",
    "Учитель русского языка и литературы",
    "Учитель русского языка и литературы",
    "Учитель математики",
    "Учитель математики",
    "Учитель информатики",
    "Учитель физики",
    "Учитель химии",
    "Учитель биологии",
    "Учитель географии",
    "Учитель истории и обществознания",
    "Учитель английского языка",
    "Учитель английского языка",
    "Учитель немецкого языка",
    "Учитель физической культуры",
    "Учитель музыки",
    "Учитель изобразительного искусства",
    "Учитель технологии",
    "Учитель ОБЗР",
    "Педагог-психолог",
    "Учитель-логопед",
    "Социальный педагог",
    "Педагог-организатор",
    "Советник директора по воспитанию",
    "Педагог-библиотекарь",
    "Педагог дополнительного образования",
]
COLLEGE_POSITIONS = [
    "Преподаватель",
    "Преподаватель",
    "Преподаватель",
    "Преподаватель математики",
    "Преподаватель русского языка и литературы",
    "Преподаватель педагогики и психологии",
    "Преподаватель информатики",
    "Преподаватель иностранного языка",
    "Мастер производственного обучения",
    "Мастер производственного обучения",
    "Методист",
    "Педагог-психолог",
    "Социальный педагог",
    "Руководитель физического воспитания",
    "Педагог-организатор",
    "Педагог дополнительного образования",
]


def female_surname(surname: str) -> str:
    """The female form of a Russian surname; indeclinable ones (-ко, -ук, -их) stay as they are."""
    if surname.endswith(("ский", "цкий")):
        return surname[:-2] + "ая"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname


@dataclass(frozen=True)
class Person:
    last_name: str
    first_name: str
    patronymic: str
    gender: str


def random_person(rng: random.Random) -> Person:
    surname = rng.choice(SURNAMES)
    father = rng.choice(MALE_NAMES)
    if rng.random() < 0.75:  # Russian school staff are mostly women
        return Person(female_surname(surname), rng.choice(FEMALE_NAMES), father[2], "female")
    first = rng.choice([n for n in MALE_NAMES if n != father])[0]
    return Person(surname, first, father[1], "male")


REGION = "Демонстрационная область"
MUNICIPALITIES = [
    (
        "Городской округ Светлогорск",
        "Управление образования администрации городского округа Светлогорск",
    ),
    (
        "Озёрский муниципальный район",
        "Отдел образования администрации Озёрского муниципального района",
    ),
]


@dataclass(frozen=True)
class DemoOrganization:
    municipality: int  # index in MUNICIPALITIES
    full_name: str
    short_name: str
    kind: str
    address: str
    locality: str
    phone: str
    email: str
    website: str
    head: Person


ORGANIZATIONS = [
    DemoOrganization(
        municipality=0,
        full_name="Муниципальное бюджетное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 1» городского округа Светлогорск",
        short_name="МБОУ «СОШ № 1»",
        kind=Organization.Kind.SCHOOL,
        address="238560, Демонстрационная область, г. Светлогорск, ул. Школьная, д. 1",
        locality="г. Светлогорск",
        phone="8 (40153) 2-11-01",
        email="school1@svetlogorsk-edu.example",
        website="https://school1.svetlogorsk-edu.example",
        head=Person("Соколова", "Ирина", "Викторовна", "female"),
    ),
    DemoOrganization(
        municipality=0,
        full_name="Государственное бюджетное профессиональное образовательное учреждение "
        "Демонстрационной области «Светлогорский педагогический колледж»",
        short_name="ГБПОУ «Светлогорский педагогический колледж»",
        kind=Organization.Kind.COLLEGE,
        address="238561, Демонстрационная область, г. Светлогорск, ул. Учительская, д. 7",
        locality="г. Светлогорск",
        phone="8 (40153) 2-45-17",
        email="spk@svetlogorsk-edu.example",
        website="",
        head=Person("Петренко", "Андрей", "Иванович", "male"),
    ),
    DemoOrganization(
        municipality=1,
        full_name="Муниципальное казённое общеобразовательное учреждение «Озёрская средняя "
        "общеобразовательная школа» Озёрского муниципального района",
        short_name="МКОУ «Озёрская СОШ»",
        kind=Organization.Kind.SCHOOL,
        address="238700, Демонстрационная область, пгт Озёрный, ул. Ленина, д. 12",
        locality="пгт Озёрный",
        phone="8 (40162) 3-12-40",
        email="ozernaya-school@ozerny-edu.example",
        website="",
        head=Person("Кузнецова", "Ольга", "Николаевна", "female"),
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    person: Person
    position: str  # on the staff of a demo organization, if any
    description: str


ACCOUNTS = [
    DemoAccount(
        "admin", Person("Орлов", "Максим", "Сергеевич", "male"), "", "администратор региона"
    ),
    DemoAccount(
        "region",
        Person("Белова", "Светлана", "Андреевна", "female"),
        "",
        "методист регионального центра наставничества",
    ),
    DemoAccount(
        "municipality",
        Person("Захарова", "Татьяна", "Павловна", "female"),
        "",
        "методист муниципалитета (городской округ Светлогорск)",
    ),
    DemoAccount("director", ORGANIZATIONS[0].head, "Директор", "директор МБОУ «СОШ № 1»"),
    DemoAccount(
        "curator",
        Person("Морозова", "Елена", "Дмитриевна", "female"),
        "Заместитель директора по учебно-воспитательной работе",
        "куратор наставничества МБОУ «СОШ № 1»",
    ),
    DemoAccount(
        "mentor",
        Person("Лебедева", "Наталья", "Михайловна", "female"),
        "Учитель математики",
        "наставник в МБОУ «СОШ № 1» и куратор в педагогическом колледже",
    ),
    DemoAccount(
        "mentee",
        Person("Никитин", "Артём", "Игоревич", "male"),
        "Учитель истории и обществознания",
        "наставляемый (молодой педагог) МБОУ «СОШ № 1»",
    ),
    DemoAccount(
        "classteacher",
        Person("Соловьёва", "Ирина", "Викторовна", "female"),
        "Преподаватель",
        "куратор группы ПНК-11 в педагогическом колледже",
    ),
    DemoAccount(
        "curator2",
        Person("Полищук", "Марина", "Олеговна", "female"),
        "Заместитель директора по методической работе",
        "куратор наставничества МКОУ «Озёрская СОШ»",
    ),
]
STAFF_PER_ORGANIZATION = 40
StaffEntry = tuple[Person, str, User | None]


def _account(account: DemoAccount, region: Region) -> User:
    user = User.objects.filter(username=account.username).first()
    if user is None:
        user = User(username=account.username, region=region)
        user.set_password(DEMO_PASSWORD)
    person = account.person
    user.last_name, user.first_name, user.patronymic = (
        person.last_name,
        person.first_name,
        person.patronymic,
    )
    user.email = f"{account.username}@demo.nastavnik.example"
    user.region = region
    user.save()
    return user


def _role(user: User, role: str, scope: Region | Municipality | Organization) -> None:
    lookup: dict[str, Any] = {"user": user, "role": role, scope_field(scope): scope}
    RoleAssignment.objects.get_or_create(**lookup)


def _staff(organization: Organization, people: list[StaffEntry], seed: int) -> None:
    for person, position, user in people:
        StaffMember.objects.update_or_create(
            organization=organization,
            last_name=person.last_name,
            first_name=person.first_name,
            patronymic=person.patronymic,
            defaults={"gender": person.gender, "position": position, "user": user},
        )
    missing = STAFF_PER_ORGANIZATION - organization.staff.count()
    if missing <= 0:
        return
    rng = random.Random(seed)
    college = organization.kind == Organization.Kind.COLLEGE
    positions = COLLEGE_POSITIONS if college else SCHOOL_POSITIONS
    existing = set(organization.staff.values_list("last_name", "first_name", "patronymic"))
    new: list[StaffMember] = []
    while len(new) < missing:
        p = random_person(rng)
        key = (p.last_name, p.first_name, p.patronymic)
        if key in existing:
            continue
        existing.add(key)
        new.append(
            StaffMember(
                organization=organization,
                last_name=p.last_name,
                first_name=p.first_name,
                patronymic=p.patronymic,
                gender=p.gender,
                position=rng.choice(positions),
            )
        )
    StaffMember.objects.bulk_create(new)


SUBJECTS = {
    "Учитель математики": "Математика",
    "Учитель русского языка и литературы": "Русский язык, литература",
    "Учитель информатики": "Информатика",
    "Учитель физики": "Физика",
    "Учитель химии": "Химия",
    "Учитель биологии": "Биология",
    "Учитель географии": "География",
    "Учитель истории и обществознания": "История, обществознание",
    "Учитель английского языка": "Английский язык",
    "Учитель немецкого языка": "Немецкий язык",
    "Учитель начальных классов": "Начальные классы",
    "Учитель физической культуры": "Физическая культура",
    "Учитель музыки": "Музыка",
}
EDUCATION = [
    "Высшее, педагогический университет",
    "Высшее, классический университет",
    "Среднее профессиональное, педагогический колледж",
]
CATEGORIES = [
    StaffMember.Category.NONE,
    StaffMember.Category.CONFORMITY,
    StaffMember.Category.FIRST,
    StaffMember.Category.HIGHEST,
]


def _profile_details(organization: Organization, seed: int, young_share: float = 0.2) -> None:
    """Birth dates, experience, categories and subjects for the staff that have none yet."""
    rng = random.Random(seed * 101)
    today = datetime.date.today()  # noqa: DTZ011 (demo data, local day is fine)
    people = list(organization.staff.filter(birth_date__isnull=True).order_by("pk"))
    for person in people:
        young = (
            rng.random() < young_share
            or person.user is not None
            and person.user.username == "mentee"
        )
        if person.user is not None and person.user.username in ("mentor", "curator", "director"):
            young = False
        age = rng.randint(22, 29) if young else rng.randint(33, 62)
        experience = rng.randint(0, 3) if young else rng.randint(8, min(age - 22, 40))
        person.birth_date = datetime.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        person.experience_years = experience
        person.experience_as_of = today
        hired_years = rng.randint(0, 1) if young else rng.randint(2, min(experience, 25) or 2)
        person.hired_on = datetime.date(today.year - hired_years, 9, 1)
        if person.hired_on > today:
            person.hired_on = person.hired_on.replace(year=today.year - 1)
        person.category = StaffMember.Category.NONE if young else rng.choice(CATEGORIES[1:])
        person.subjects = SUBJECTS.get(person.position, "")
        person.education = rng.choice(EDUCATION[:2] if not young else EDUCATION)
        person.email = f"teacher{person.pk}@demo.nastavnik.example"
    StaffMember.objects.bulk_update(
        people,
        [
            "birth_date",
            "experience_years",
            "experience_as_of",
            "hired_on",
            "category",
            "subjects",
            "education",
            "email",
        ],
    )


# A one-page PDF standing in for a scanned signed paper in the demo.
DEMO_SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _documents(school: Organization, curator: User, people: dict[str, StaffMember]) -> None:
    """The demo school's register: the acts of stage 1 signed, the pair order a draft."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nastavnik.documents import services as documents
    from nastavnik.documents.kinds import get_kind
    from nastavnik.documents.kinds.regulation import regulation_markup

    if school.documents.exists():
        return
    year = academic_years_ensure()[1]
    start = year.starts_on
    from nastavnik.banks.models import Consent, MenteeProfile

    with_duties = list(
        school.staff.filter(
            user__isnull=True, consents__kind=Consent.Kind.DUTIES, consents__status="signed"
        ).order_by("pk")[:1]
    )
    waiting = list(
        MenteeProfile.objects.filter(organization=school, staff__user__isnull=True)
        .exclude(status=MenteeProfile.Status.EXCLUDED)
        .order_by("pk")
        .values_list("staff", flat=True)[:2]
    )

    def make(kind: str, number: str, day: datetime.date, data: dict[str, Any], sign: bool) -> None:
        document = documents.document_create(
            actor=curator,
            organization=school,
            kind=get_kind(kind),
            number=number,
            day=day,
            title=str(get_kind(kind).default_title),
            data=data,
        )
        if sign:
            documents.document_sign(
                actor=curator,
                document=document,
                scan=SimpleUploadedFile("scan.pdf", DEMO_SCAN),
                signed_at=day,
            )

    council = start.replace(day=28, month=8)
    make(
        "protocol",
        "1",
        council,
        {
            "extract": False,
            "chair": people["director"].pk,
            "secretary": people["curator"].pk,
            "present": 36,
            "absent": 4,
            "rows": [
                {
                    "topic": "О внедрении целевой модели наставничества педагогических работников",
                    "heard": "Морозову Е.Д., заместителя директора по УВР, о проекте Положения "
                    "о системе наставничества и дорожной карты на учебный год",
                    "spoke": "Лебедева Н.М., учитель математики",
                    "decided": "Принять Положение о системе наставничества педагогических "
                    "работников и рекомендовать его к утверждению.",
                    "votes_for": 36,
                    "votes_against": 0,
                    "votes_abstained": 0,
                }
            ],
        },
        sign=True,
    )
    make(
        "order_implementation",
        "112",
        start,
        {"start_date": start.isoformat(), "curator": people["curator"].pk, "controller": None},
        sign=True,
    )
    make(
        "regulation",
        "",
        start,
        {
            "council_number": "1",
            "council_date": council.isoformat(),
            "approval_number": "112",
            "approval_date": start.isoformat(),
            "text": regulation_markup(school),
        },
        sign=True,
    )
    make(
        "order_curator",
        "113",
        start,
        {
            "regulation_number": "112",
            "regulation_date": start.isoformat(),
            "rows": [{"person": people["curator"].pk, "direction": ""}],
        },
        sign=True,
    )
    pairs_day = start.replace(day=28)
    end = year.ends_on.replace(month=5, day=31)
    make(
        "order_pairs",
        "131",
        pairs_day,
        {
            "regulation_number": "112",
            "regulation_date": start.isoformat(),
            "programs_due": start.replace(month=10, day=28).isoformat(),
            "curator": people["curator"].pk,
            "rows": [
                {
                    "mentor": people["mentor"].pk,
                    "mentees": [people["mentee"].pk],
                    "form": "teacher_teacher",
                    "start": pairs_day.isoformat(),
                    "end": end.isoformat(),
                },
                {
                    "mentor": with_duties[0].pk,
                    "mentees": waiting,
                    "form": "teacher_teacher",
                    "start": pairs_day.isoformat(),
                    "end": end.isoformat(),
                },
            ],
        },
        sign=False,
    )


@transaction.atomic
def demo_seed() -> list[tuple[str, str]]:
    """Build or refresh the demo region; returns (login, description) of the demo accounts."""
    academic_years_ensure()
    region, _ = Region.objects.get_or_create(
        name=REGION,
        defaults={
            "center_name": "ГАУ ДПО «Региональный центр педагогического наставничества "
            "Демонстрационной области»"
        },
    )
    municipalities = [
        Municipality.objects.update_or_create(
            region=region, name=name, defaults={"authority_name": authority}
        )[0]
        for name, authority in MUNICIPALITIES
    ]
    organizations = []
    for data in ORGANIZATIONS:
        organization, _ = Organization.objects.update_or_create(
            municipality=municipalities[data.municipality],
            short_name=data.short_name,
            defaults={
                "full_name": data.full_name,
                "kind": data.kind,
                "address": data.address,
                "locality": data.locality,
                "phone": data.phone,
                "email": data.email,
                "website": data.website,
                "head_last_name": data.head.last_name,
                "head_first_name": data.head.first_name,
                "head_patronymic": data.head.patronymic,
                "head_position": "Директор",
            },
        )
        organizations.append(organization)
    school, college, school2 = organizations

    accounts = {a.username: a for a in ACCOUNTS}
    users = {a.username: _account(a, region) for a in ACCOUNTS}
    _role(users["admin"], Role.ADMIN, region)
    _role(users["region"], Role.REGIONAL_METHODOLOGIST, region)
    _role(users["municipality"], Role.MUNICIPAL_METHODOLOGIST, municipalities[0])
    _role(users["director"], Role.DIRECTOR, school)
    _role(users["curator"], Role.CURATOR, school)
    _role(users["mentor"], Role.MENTOR, school)
    _role(users["mentor"], Role.CURATOR, college)  # one person, two roles in two places
    _role(users["mentee"], Role.MENTEE, school)
    _role(users["curator2"], Role.CURATOR, school2)
    _role(users["classteacher"], Role.CLASS_TEACHER, college)

    def entry(username: str) -> StaffEntry:
        return (accounts[username].person, accounts[username].position, users[username])

    _staff(school, [entry(u) for u in ("director", "curator", "mentor", "mentee")], seed=1)
    _staff(college, [(ORGANIZATIONS[1].head, "Директор", None), entry("classteacher")], seed=2)
    _staff(school2, [(ORGANIZATIONS[2].head, "Директор", None), entry("curator2")], seed=3)
    people = {
        s.user.username: s
        for s in StaffMember.objects.filter(organization=school, user__isnull=False).select_related(
            "user"
        )
        if s.user is not None
    }
    for number, organization in enumerate(organizations, start=1):
        _profile_details(organization, seed=number)
    # The finished previous year first, so that year-against-year figures show something.
    from nastavnik.monitoring.demo import demo_previous_year

    demo_previous_year(school, users["curator"])
    from nastavnik.banks.demo import demo_banks

    demo_banks(school, users["curator"])
    _documents(school, users["curator"], people)
    from nastavnik.roadmaps.demo import demo_roadmap

    demo_roadmap(school, users["curator"])
    from nastavnik.mentorships.demo import demo_mentorships

    demo_mentorships(school, users["curator"])
    from nastavnik.mentorships.demo_completion import demo_completion

    demo_completion(school, users["curator"])
    from nastavnik.surveys.demo import demo_surveys

    demo_surveys(school, users["curator"])
    from nastavnik.matching.demo import demo_matching

    demo_matching(school, users["curator"])
    from nastavnik.practices.demo import demo_practices

    demo_practices(school, users["curator"])
    from nastavnik.api.demo import demo_api

    demo_api(school, users["curator"])
    from nastavnik.staff.demo import demo_college

    demo_college(
        college,
        users["mentor"],
        StaffMember.objects.get(organization=college, user=users["classteacher"]),
    )
    # Last: it freezes last year's figures into the accepted report of the year.
    from nastavnik.reports.demo import demo_reports

    demo_reports(school, users["curator"])
    return [(a.username, a.description) for a in ACCOUNTS]
