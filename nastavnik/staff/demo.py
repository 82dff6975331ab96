"""The demo college's students, groups, an employer's mentor and the pairs of seed 004's
forms «работодатель – студент» and «студент – студент» (fictional)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.accounts.models import User
from nastavnik.banks import services as banks
from nastavnik.banks.models import Consent, MentorProfile
from nastavnik.core.demo import DEMO_SCAN
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships import services as mentorships
from nastavnik.mentorships.models import Mentorship
from nastavnik.organizations.models import Organization
from nastavnik.staff import people
from nastavnik.staff.models import PersonKind, StaffMember, StudyGroup

DAY = datetime.timedelta(days=1)

GROUPS = [
    ("ПНК-11", 1, "44.02.02 Преподавание в начальных классах"),
    ("ДО-21", 2, "44.02.01 Дошкольное образование"),
    ("ПНК-31", 3, "44.02.02 Преподавание в начальных классах"),
]
# (surname, first name, patronymic, gender, age in years, group, parent for a minor)
STUDENTS = [
    ("Ершова", "Дарья", "Алексеевна", "female", 16, "ПНК-11", "Ершова Ольга Николаевна"),
    ("Калинин", "Матвей", "Романович", "male", 16, "ПНК-11", "Калинина Светлана Юрьевна"),
    ("Гордеева", "Полина", "Сергеевна", "female", 17, "ПНК-11", "Гордеев Сергей Павлович"),
    ("Тихонова", "Алина", "Игоревна", "female", 16, "ПНК-11", "Тихонова Анна Викторовна"),
    ("Субботина", "Ксения", "Андреевна", "female", 17, "ДО-21", "Субботин Андрей Ильич"),
    ("Лаврентьева", "Виктория", "Олеговна", "female", 18, "ДО-21", ""),
    ("Миронова", "Екатерина", "Денисовна", "female", 19, "ПНК-31", ""),
    ("Шубин", "Кирилл", "Александрович", "male", 20, "ПНК-31", ""),
]
EXTERNAL = [
    (
        "Крылова",
        "Галина",
        "Петровна",
        "female",
        "Старший воспитатель",
        "МАДОУ «Детский сад № 5 „Солнышко“» г. Светлогорска",
        "Договор о сетевом взаимодействии № 7 от 01.09.2026",
    ),
    (
        "Осипов",
        "Виталий",
        "Николаевич",
        "male",
        "Учитель начальных классов",
        "МБОУ «Гимназия № 3» г. Светлогорска",
        "",
    ),
]


def _sign(person: StaffMember, kind: str, curator: User) -> None:
    consent = banks.consent_issue(actor=curator, staff=person, kind=kind)
    banks.consent_sign(
        actor=curator,
        consent=consent,
        scan=SimpleUploadedFile("scan.pdf", DEMO_SCAN),
        signed_at=timezone.localdate(),
    )


def _born(today: datetime.date, age: int, index: int) -> datetime.date:
    return today.replace(year=today.year - age - 1) + (40 + 23 * index) * DAY


def demo_college(college: Organization, curator: User, class_teacher: StaffMember) -> None:
    """Groups with a class teacher, students (minors with their parents), employers' mentors,
    and two pairs: «работодатель – студент» and «студент – студент»."""
    if StudyGroup.objects.filter(organization=college).exists():
        return
    today = timezone.localdate()
    year = academic_year_current()
    groups = {
        name: people.group_save(
            actor=curator,
            organization=college,
            group=None,
            name=name,
            course=course,
            specialty=specialty,
            class_teacher=class_teacher if course == 1 else None,
        )
        for name, course, specialty in GROUPS
    }
    students = {}
    for index, (last, first, patronymic, gender, age, group, parent) in enumerate(STUDENTS):
        students[last] = people.person_save(
            actor=curator,
            organization=college,
            kind=PersonKind.STUDENT,
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            gender=gender,
            birth_date=_born(today, age, index),
            study_group=groups[group],
            course=groups[group].course,
            specialty=groups[group].specialty,
            representative_name=parent,
            representative_phone=f"+7 900 555-10-{index:02d}" if parent else "",
        )
    external = []
    for last, first, patronymic, gender, position, employer, agreement in EXTERNAL:
        external.append(
            people.person_save(
                actor=curator,
                organization=college,
                kind=PersonKind.EXTERNAL,
                last_name=last,
                first_name=first,
                patronymic=patronymic,
                gender=gender,
                position=position,
                home_organization=employer,
                agreement=agreement,
                email=f"{last.lower()}@demo-employer.example" if agreement else "",
            )
        )
    # Consents: the parents of the minors in pairs, the adult students and the employer's
    # mentor signed; one first-year's parent has not yet returned the form.
    in_pairs = [
        students["Ершова"],
        students["Калинин"],
        students["Миронова"],
        students["Субботина"],
    ]
    for person in [*in_pairs, external[0], students["Шубин"]]:
        _sign(person, Consent.Kind.PERSONAL_DATA, curator)
    banks.consent_issue(actor=curator, staff=students["Гордеева"], kind=Consent.Kind.PERSONAL_DATA)
    for person in in_pairs:
        if person.pk != students["Миронова"].pk:
            banks.mentee_add(actor=curator, staff=person, year=year)
    for mentor, form in (
        (external[0], "employer_student"),
        (students["Миронова"], "student_student"),
    ):
        profile = banks.mentor_add(actor=curator, staff=mentor, year=year)
        banks.mentor_update(
            actor=curator,
            profile=profile,
            status=MentorProfile.Status.SELECTED,
            capacity=2,
            forms=[form],
            motivation="",
            experience_text="",
            result="",
            competencies=[],
        )
    start = today - 30 * DAY
    ends = max(min(start + 210 * DAY, year.ends_on), start + 100 * DAY)
    for mentor, mentees, form in (
        (external[0], [students["Субботина"]], "employer_student"),
        (students["Миронова"], [students["Ершова"]], "student_student"),
    ):
        mentorships.mentorship_create(
            actor=curator,
            organization=college,
            year=year,
            mentor=mentor,
            mentees=mentees,
            form=form,
            type=Mentorship.Type.INDIVIDUAL,
            starts_on=start,
            ends_on=ends,
        )
