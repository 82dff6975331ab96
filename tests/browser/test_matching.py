"""Matching in a real browser: the curator runs matching for a school, opens the explanation
of a proposed pair, locks a pair, runs it again, accepts; the mentee left without a mentor goes
onto the support list."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.banks.models import (
    Competency,
    Consent,
    MenteeNeed,
    MenteeProfile,
    MentorCompetency,
    MentorProfile,
)
from nastavnik.core.services import academic_year_current
from nastavnik.matching.models import SupportRecord
from nastavnik.mentorships.models import Mentorship
from nastavnik.staff.models import StaffMember
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import DESKTOP, PHONE, login, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: Any) -> Any:
    return build_world()


def person(world: Any, last: str, first: str, patronymic: str, **kwargs: Any) -> StaffMember:
    staff = StaffMemberFactory.create(
        organization=world.org_a,
        last_name=last,
        first_name=first,
        patronymic=patronymic,
        **kwargs,
    )
    return staff  # type: ignore[no-any-return]


def sign(staff: StaffMember, *kinds: str) -> None:
    today = timezone.localdate()
    for kind in kinds:
        Consent.objects.create(
            organization=staff.organization,
            staff=staff,
            kind=kind,
            status=Consent.Status.SIGNED,
            version="1",
            issued_at=today,
            signed_at=today,
        )


class School:
    """Two mentors with one place each and three mentees: one mentee is left over."""

    def __init__(self, world: Any) -> None:
        year = academic_year_current()
        parents = Competency.objects.create(
            region=world.region, group="Родители", name="Работа с родителями"
        )
        exams = Competency.objects.create(
            region=world.region, group="Предмет", name="Подготовка к ОГЭ"
        )
        self.sokolova = person(
            world, "Соколова", "Анна", "Петровна", experience_years=25, subjects="история"
        )
        self.grachev = person(
            world, "Грачёв", "Илья", "Семёнович", experience_years=15, subjects="математика"
        )
        self.belova = person(
            world, "Белова", "Ирина", "Олеговна", experience_years=1, subjects="история"
        )
        self.lisin = person(
            world, "Лисин", "Олег", "Андреевич", experience_years=2, subjects="математика"
        )
        self.zueva = person(world, "Зуева", "Дарья", "Игоревна", experience_years=0)
        self.curator = person(world, "Альфкураторова", "Мария", "Ивановна", user=world.curator_a)
        for mentor, competency, text in (
            (self.sokolova, parents, "Провожу семинары по взаимодействию с родителями учеников."),
            (self.grachev, exams, "Готовлю учеников к ОГЭ по математике."),
        ):
            sign(mentor, Consent.Kind.PERSONAL_DATA, Consent.Kind.DUTIES)
            mentor_profile = MentorProfile.objects.create(
                organization=world.org_a,
                staff=mentor,
                academic_year=year,
                status=MentorProfile.Status.TRAINED,
                capacity=1,
                forms=["teacher_teacher"],
                experience_text=text,
            )
            MentorCompetency.objects.create(profile=mentor_profile, competency=competency, level=3)
        for mentee, need, text in (
            (self.belova, parents, "Хочу научиться работе с родителями."),
            (self.lisin, exams, "Нужна помощь с подготовкой к ОГЭ."),
            (self.zueva, None, ""),
        ):
            sign(mentee, Consent.Kind.PERSONAL_DATA)
            profile = MenteeProfile.objects.create(
                organization=world.org_a,
                staff=mentee,
                academic_year=year,
                category=MenteeProfile.Category.YOUNG,
                status=MenteeProfile.Status.WAITING,
                needs_text=text,
            )
            if need:
                MenteeNeed.objects.create(profile=profile, competency=need)


def fits_phone(page: Any) -> bool:
    """The page fits the phone width without sideways scrolling. (At 1366 px the director's
    and curator's menu is the shell's matter: it grows with every area.)"""
    page.set_viewport_size(PHONE)
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    main = page.evaluate(
        "document.querySelector('main').scrollWidth <= document.querySelector('main').clientWidth"
    )
    page.set_viewport_size(DESKTOP)
    return bool(fits and main)


def pair_item(page: Any, mentee: StaffMember) -> Any:
    return page.locator(f'#pairs li.pair[data-mentee="{mentee.pk}"]')


def test_the_curator_matches_locks_reruns_accepts_and_supports(page: Any, world: Any) -> None:
    school = School(world)
    login(page, "curator_a", TEST_PASSWORD)
    page.goto(reverse("matching:proposal", args=[world.org_a.pk]))
    assert page.locator("#matched").inner_text().startswith("2")
    belova = pair_item(page, school.belova)
    assert "Соколова Анна Петровна" in belova.inner_text()

    # The explanation of the score: the need met by the competency, the subject, the text.
    belova.locator("details.explanation summary").click()
    explanation = belova.locator("details.explanation table").inner_text()
    assert "Работа с родителями" in explanation
    assert "история" in explanation
    screenshot(page, "matching-proposal")

    # Lock Lisin's pair and run the matching again: the pair stays, marked as locked.
    lisin = pair_item(page, school.lisin)
    assert "Грачёв Илья Семёнович" in lisin.inner_text()
    lisin.locator('[data-test="lock"]').click()
    page.wait_for_load_state()
    page.locator("#run-again").click()
    page.wait_for_load_state()
    lisin = pair_item(page, school.lisin)
    assert "Грачёв Илья Семёнович" in lisin.inner_text()
    assert lisin.locator(".locked").count() == 1
    assert "Зуева Дарья Игоревна" in page.locator("#unmatched").inner_text()
    assert fits_phone(page)

    # Accept: two mentorships, links to the list of pairs and to the order.
    page.locator("#accept-button").click()
    page.wait_for_load_state()
    accepted = page.locator("#accepted")
    assert accepted.count() == 1
    assert accepted.locator(
        f'a[href="{reverse("documents:document_create", args=[world.org_a.pk, "order_pairs"])}"]'
    ).count()
    assert Mentorship.objects.filter(organization=world.org_a).count() == 2
    assert page.locator("#pairs li.pair").count() == 0
    screenshot(page, "matching-accepted")

    # The mentee left over goes onto the support list; the curator writes the offer.
    page.locator('#unmatched [data-test="to-support"]').click()
    page.wait_for_load_state()
    row = page.locator(f'#support li[data-mentee="{school.zueva.pk}"]')
    assert "Зуева Дарья Игоревна" in row.inner_text()
    assert "Альфкураторова Мария Ивановна" in row.locator(".supporter").inner_text()
    row.locator("details.edit-support summary").click()
    row.locator("textarea").fill("Консультации куратора, методическое объединение")
    row.locator("details.edit-support button").click()
    page.wait_for_load_state()
    row = page.locator(f'#support li[data-mentee="{school.zueva.pk}"]')
    assert "методическое объединение" in row.locator(".offered").inner_text()
    record = SupportRecord.objects.get(profile__staff=school.zueva)
    assert record.supporter == school.curator
    assert fits_phone(page)
    screenshot(page, "matching-support")
    assert page.errors.errors == []  # type: ignore[attr-defined]


def test_the_municipal_methodologist_matches_across_schools(page: Any, world: Any) -> None:
    school = School(world)
    # A mentee of the college of the same municipality, with no mentor in the college.
    college = StaffMemberFactory.create(
        organization=world.org_a2,
        last_name="Колесова",
        first_name="Вера",
        patronymic="Андреевна",
        experience_years=1,
        subjects="история",
    )
    sign(college, Consent.Kind.PERSONAL_DATA)
    MentorProfile.objects.filter(staff=school.sokolova).update(capacity=2)
    profile = MenteeProfile.objects.create(
        organization=world.org_a2,
        staff=college,
        academic_year=academic_year_current(),
        category=MenteeProfile.Category.YOUNG,
        status=MenteeProfile.Status.WAITING,
        needs_text="Хочу научиться проводить родительские собрания.",
    )
    parents = Competency.objects.get(name="Работа с родителями")
    MenteeNeed.objects.create(profile=profile, competency=parents)
    login(page, "municipal_a", TEST_PASSWORD)
    page.goto(reverse("matching:network", args=[world.m_a.pk]))
    text = page.locator("#pairs").inner_text()
    assert world.org_a2.short_name in text
    assert page.locator("#matched").inner_text().startswith("3")
    kolesova = pair_item(page, college)
    assert "Соколова Анна Петровна" in kolesova.inner_text()
    assert "Зуева Дарья Игоревна" in page.locator("#unmatched").inner_text()
    assert fits_phone(page)
    screenshot(page, "matching-network")
    page.locator("#accept-button").click()
    page.wait_for_load_state()
    assert page.locator("#accepted").count() == 1
    assert Mentorship.objects.count() == 3
    across = Mentorship.objects.get(mentees=college)
    assert (across.organization, across.mentor) == (world.org_a2, school.sokolova)
    assert page.errors.errors == []  # type: ignore[attr-defined]
