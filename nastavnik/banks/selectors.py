"""Reads of the banks: rules, taxonomy, consents and the history of a person."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from nastavnik.banks.models import (
    BankSettings,
    Competency,
    Consent,
    MenteeNeed,
    MenteeProfile,
    MentorCompetency,
    MentorProfile,
)
from nastavnik.banks.taxonomy import DEFAULT_COMPETENCIES
from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization, Region
from nastavnik.staff.models import StaffMember, full_years


def rules_for(region: Region | int) -> BankSettings:
    region_id = region if isinstance(region, int) else region.pk
    rules, _created = BankSettings.objects.get_or_create(region_id=region_id)
    return rules


def competencies_for(region: Region, *, active_only: bool = True) -> QuerySet[Competency]:
    """The region's taxonomy; the shipped default is copied in on first use."""
    if not Competency.objects.filter(region=region).exists():
        order = 0
        items = []
        for group, names in DEFAULT_COMPETENCIES:
            for name in names:
                order += 10
                items.append(Competency(region=region, group=group, name=name, order=order))
        Competency.objects.bulk_create(items, ignore_conflicts=True)
    qs = Competency.objects.filter(region=region)
    return qs.filter(is_active=True) if active_only else qs


@dataclass(frozen=True)
class Badges:
    young: bool
    new_employee: bool


def badges(staff: StaffMember, rules: BankSettings, today: datetime.date) -> Badges:
    """«Young specialist» and «new employee» by the region's rules."""
    age = staff.age_on(today)
    experience = staff.experience_on(today)
    young = (
        age is not None
        and age < rules.young_max_age
        and experience is not None
        and experience <= rules.young_max_experience
    )
    new_employee = False
    if staff.hired_on is not None:
        months = (today.year - staff.hired_on.year) * 12 + today.month - staff.hired_on.month
        if today.day < staff.hired_on.day:
            months -= 1
        new_employee = 0 <= months < rules.new_employee_months
    return Badges(young=young, new_employee=new_employee)


def current_consents(staff_ids: list[int]) -> dict[int, dict[str, Consent]]:
    """The current (not revoked) consent of each person by kind, in one query."""
    result: dict[int, dict[str, Consent]] = {}
    for consent in Consent.objects.filter(staff_id__in=staff_ids).exclude(
        status=Consent.Status.REVOKED
    ):
        result.setdefault(consent.staff_id, {})[consent.kind] = consent
    return result


def has_signed(staff: StaffMember, kind: str, *, by_representative: bool = False) -> bool:
    signed = Consent.objects.filter(staff=staff, kind=kind, status=Consent.Status.SIGNED)
    if by_representative:
        signed = signed.exclude(representative_name="")
    return signed.exists()


def mentee_bank(*, organization: Organization, year: AcademicYear) -> QuerySet[MenteeProfile]:
    return (
        MenteeProfile.objects.filter(organization=organization, academic_year=year)
        .select_related("staff")
        .prefetch_related(
            Prefetch("needs", queryset=MenteeNeed.objects.select_related("competency"))
        )
        .order_by("staff__last_name", "staff__first_name", "staff__patronymic")
    )


def mentor_bank(*, organization: Organization, year: AcademicYear) -> QuerySet[MentorProfile]:
    return (
        MentorProfile.objects.filter(organization=organization, academic_year=year)
        .select_related("staff")
        .prefetch_related(
            Prefetch(
                "competencies", queryset=MentorCompetency.objects.select_related("competency")
            ),
            "trainings",
        )
        .order_by("staff__last_name", "staff__first_name", "staff__patronymic")
    )


def person_history(staff: StaffMember) -> list[dict[str, Any]]:
    """The information base of stage 8: the person's roles and results, year after year."""
    years: dict[int, dict[str, Any]] = {}
    for profile in MenteeProfile.objects.filter(staff=staff).select_related("academic_year"):
        years.setdefault(profile.academic_year.start_year, {"year": profile.academic_year})[
            "mentee"
        ] = profile
    for mentor in MentorProfile.objects.filter(staff=staff).select_related("academic_year"):
        years.setdefault(mentor.academic_year.start_year, {"year": mentor.academic_year})[
            "mentor"
        ] = mentor
    return [years[k] for k in sorted(years, reverse=True)]


def age_and_experience(staff: StaffMember, today: datetime.date) -> tuple[int | None, int | None]:
    age = full_years(staff.birth_date, today) if staff.birth_date else None
    return age, staff.experience_on(today)
