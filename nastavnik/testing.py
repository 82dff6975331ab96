"""The shared test world: people in several roles, organizations and municipalities.

Every name on side A contains «Альф», on side B «Бет», in the other region «Гамм», so that a
test can check that a page shows nothing of the other side by looking for the stem.
"""

from dataclasses import dataclass
from typing import Any

import factory
from django.test import TestCase

from nastavnik.accounts.models import Role, RoleAssignment, User, scope_field
from nastavnik.organizations.models import Municipality, Organization, Region
from nastavnik.staff.models import StaffMember

TEST_PASSWORD = "test-password-123"  # noqa: S105


class RegionFactory(factory.django.DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Область № {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Район № {n}")


class OrganizationFactory(factory.django.DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory)
    short_name = factory.Sequence(lambda n: f"МБОУ «СОШ № {n}»")
    full_name = factory.LazyAttribute(
        lambda o: f"Муниципальное бюджетное общеобразовательное учреждение {o.short_name}"
    )
    kind = Organization.Kind.SCHOOL
    head_last_name = "Горелова"
    head_first_name = "Наталья"
    head_patronymic = "Хамитовна"
    head_position = "Директор"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = "Иванова"
    first_name = "Мария"
    patronymic = "Петровна"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def saved(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            obj.save()


class StaffMemberFactory(factory.django.DjangoModelFactory[StaffMember]):
    class Meta:
        model = StaffMember

    organization = factory.SubFactory(OrganizationFactory)
    last_name = factory.Sequence(lambda n: f"Сотрудникова{n}")
    first_name = "Анна"
    patronymic = "Сергеевна"
    gender = StaffMember.Gender.FEMALE
    position = "Учитель математики"


def give_role(user: User, role: str, scope: Region | Municipality | Organization) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, **{scope_field(scope): scope})


@dataclass
class World:
    region: Region
    region2: Region
    m_a: Municipality
    m_b: Municipality
    m_c: Municipality
    org_a: Organization
    org_a2: Organization
    org_b: Organization
    org_c: Organization
    admin: User
    admin2: User
    regional: User
    municipal_a: User
    municipal_b: User
    director_a: User
    curator_a: User
    mentor_a: User
    mentee_a: User
    curator_b: User
    mentor_b: User
    curator_c: User
    multi: User
    nobody: User


def build_world() -> World:
    region = RegionFactory.create(name="Тестовая область")
    region2 = RegionFactory.create(name="Гаммская область")
    m_a = MunicipalityFactory.create(region=region, name="Альфинский район")
    m_b = MunicipalityFactory.create(region=region, name="Бетинский район")
    m_c = MunicipalityFactory.create(region=region2, name="Гаммский район")
    org_a = OrganizationFactory.create(municipality=m_a, short_name="Школа Альфа")
    org_a2 = OrganizationFactory.create(
        municipality=m_a, short_name="Колледж Альфа-2", kind=Organization.Kind.COLLEGE
    )
    org_b = OrganizationFactory.create(municipality=m_b, short_name="Школа Бета")
    org_c = OrganizationFactory.create(municipality=m_c, short_name="Школа Гамма")

    def person(username: str, last_name: str, region: Region, role: str, scope: Any) -> User:
        user = UserFactory.create(username=username, last_name=last_name, region=region)
        give_role(user, role, scope)
        return user

    w = World(
        region=region,
        region2=region2,
        m_a=m_a,
        m_b=m_b,
        m_c=m_c,
        org_a=org_a,
        org_a2=org_a2,
        org_b=org_b,
        org_c=org_c,
        admin=person("admin", "Админова", region, Role.ADMIN, region),
        admin2=person("admin2", "Гаммаадминова", region2, Role.ADMIN, region2),
        regional=person("regional", "Регионова", region, Role.REGIONAL_METHODOLOGIST, region),
        municipal_a=person(
            "municipal_a", "Альфметодистова", region, Role.MUNICIPAL_METHODOLOGIST, m_a
        ),
        municipal_b=person(
            "municipal_b", "Бетметодистова", region, Role.MUNICIPAL_METHODOLOGIST, m_b
        ),
        director_a=person("director_a", "Альфдиректорова", region, Role.DIRECTOR, org_a),
        curator_a=person("curator_a", "Альфкураторова", region, Role.CURATOR, org_a),
        mentor_a=person("mentor_a", "Альфнаставникова", region, Role.MENTOR, org_a),
        mentee_a=person("mentee_a", "Альфнаставляемова", region, Role.MENTEE, org_a),
        curator_b=person("curator_b", "Беткураторова", region, Role.CURATOR, org_b),
        mentor_b=person("mentor_b", "Бетнаставникова", region, Role.MENTOR, org_b),
        curator_c=person("curator_c", "Гаммкураторова", region2, Role.CURATOR, org_c),
        multi=person("multi", "Альфмногоролева", region, Role.MENTOR, org_a),
        nobody=UserFactory.create(username="nobody", last_name="Безролева", region=region),
    )
    give_role(w.multi, Role.CURATOR, org_a2)
    for org, stem in ((org_a, "Альф"), (org_a2, "Альф"), (org_b, "Бет"), (org_c, "Гамм")):
        for i in range(3):
            StaffMemberFactory.create(organization=org, last_name=f"{stem}сотрудникова{i}")
    return w


class BaseTestCase(TestCase):
    """A test case with the shared world `self.w` (built once per class)."""

    w: World

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def login(self, user: User) -> None:
        self.client.force_login(user)
