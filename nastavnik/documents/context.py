"""What every document template can use: the organization's requisites, dates in official
style, people with their names and positions in every case the sentence needs."""

import copy
import datetime
from functools import lru_cache
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.declension import (
    Case,
    decline_name,
    decline_position,
    decline_short_name,
    initials_name,
)
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember

CASES = {
    "gent": Case.GENITIVE,
    "datv": Case.DATIVE,
    "accs": Case.ACCUSATIVE,
    "ablt": Case.INSTRUMENTAL,
    "loct": Case.PREPOSITIONAL,
}


def long_date(day: datetime.date | None) -> str:
    """«01 октября 2025 г.» (ГОСТ Р 7.0.97-2016, the verbal-numeric form)."""
    if day is None:
        return ""
    with translation.override("ru"):
        return gettext("%(date)s y.") % {"date": formats.date_format(day, "d E Y")}


def quoted_date(day: datetime.date | None) -> str:
    """«01» октября 2025 г., as in approval blocks."""
    if day is None:
        return "«___» ____________ 20___ г."
    with translation.override("ru"):
        return gettext("«%(day)s» %(month_year)s y.") % {
            "day": day.strftime("%d"),
            "month_year": formats.date_format(day, "E Y"),
        }


def short_date(day: datetime.date | None) -> str:
    """01.10.2025."""
    return day.strftime("%d.%m.%Y") if day else ""


def in_sentence(text: str) -> str:
    """A position inside a sentence starts with a small letter («…, учитель математики»),
    unless it starts with an abbreviation («ОБЗР»)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


class Person(dict[str, Any]):
    """A person in a template: `p.full_name`, `p.position`, and on demand `p.name_datv`,
    `p.short_name_gent`, `p.position_accs`… (declined only when a template asks for them)."""

    def __init__(
        self,
        *,
        last_name: str,
        first_name: str,
        patronymic: str,
        gender: str | None,
        position: str,
    ) -> None:
        super().__init__(
            full_name=" ".join(x for x in (last_name, first_name, patronymic) if x),
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            initials_name=initials_name(
                last_name=last_name, first_name=first_name, patronymic=patronymic
            ),
            position=in_sentence(position),
            position_title=position[:1].upper() + position[1:],
        )
        self._gender = gender or None
        self._position = position

    def extended(self, **extra: Any) -> "Person":
        """A copy with more fields (a curator's direction, a bonus amount…)."""
        other = copy.copy(self)
        other.update(extra)
        return other

    def __missing__(self, key: str) -> str:
        what, _sep, suffix = key.rpartition("_")
        case = CASES.get(suffix) if what else None
        if key == "short_name":
            what, case = "short_name", Case.NOMINATIVE
        if case is None or what not in ("name", "short_name", "position"):
            raise KeyError(key)
        if what == "position":
            value = in_sentence(_position(self._position, case)) if self._position else ""
        else:
            decline = decline_name if what == "name" else decline_short_name
            value = decline(
                last_name=self["last_name"],
                first_name=self["first_name"],
                patronymic=self["patronymic"],
                case=case,
                gender=self._gender,
            )
        self[key] = value
        return value


@lru_cache(maxsize=2048)
def _position(position: str, case: Case) -> str:
    return decline_position(position, case)


def person_context(
    *, last_name: str, first_name: str, patronymic: str, gender: str | None, position: str
) -> Person:
    """A person in every form a document needs: `p.full_name`, `p.name_datv`, `p.position_gent`…"""
    return Person(
        last_name=last_name,
        first_name=first_name,
        patronymic=patronymic,
        gender=gender,
        position=position,
    )


def staff_context(staff: StaffMember) -> Person:
    return person_context(
        last_name=staff.last_name,
        first_name=staff.first_name,
        patronymic=staff.patronymic,
        gender=staff.gender,
        position=staff.position,
    )


# A blank to fill by hand where a name is not recorded.
BLANK_PERSON = {"full_name": "_" * 40, "name_gent": "_" * 40, "initials_name": "_" * 20}


def learner_context(staff: StaffMember, today: datetime.date) -> dict[str, Any]:
    """The variables of a student's consent: the parent of a minor (a blank when not recorded)
    and the group, date of birth and school. Empty for staff and employers' mentors."""
    representative: Any = None
    if staff.is_learner and staff.is_minor_on(today):
        name = staff.representative_name.split()
        if name:
            parts = (name + ["", "", ""])[:3]
            representative = person_context(
                last_name=parts[0],
                first_name=parts[1],
                patronymic=parts[2],
                gender=None,
                position="",
            )
        else:
            representative = BLANK_PERSON
    group = staff.study_group.name if staff.study_group_id and staff.study_group else ""
    return {
        "representative": representative,
        "learner": {
            "birth_date": short_date(staff.birth_date) if staff.birth_date else "",
            "group": group,
            "school": staff.home_organization if staff.kind == "schoolchild" else "",
        },
    }


def organization_context(organization: Organization) -> dict[str, Any]:
    municipality = organization.municipality
    head = person_context(
        last_name=organization.head_last_name,
        first_name=organization.head_first_name,
        patronymic=organization.head_patronymic,
        gender=None,
        position=organization.head_position,
    )
    return {
        "organization": {
            "full_name": organization.full_name,
            "short_name": organization.short_name,
            "address": organization.address,
            "locality": organization.locality,
            "phone": organization.phone,
            "email": organization.email,
            "website": organization.website,
        },
        "head": head,
        "municipality": {
            "name": municipality.name,
            "authority_name": municipality.authority_name,
        },
        "region": {
            "name": municipality.region.name,
            "center_name": municipality.region.center_name,
        },
    }


# The variables every template may use, with what they hold (listed on the templates page).
COMMON_VARIABLES: list[tuple[str, Any]] = [
    ("organization.full_name", _("full name of the organization")),
    ("organization.short_name", _("short name of the organization")),
    ("organization.address", _("address")),
    ("organization.locality", _("place of issue, e.g. «г. Светлогорск»")),
    ("organization.phone, .email, .website", _("contacts")),
    ("head.full_name", _("the head: surname, first name, patronymic")),
    ("head.initials_name", _("the head in a signature block: «Н.Х. Горелова»")),
    ("head.position_title", _("the head's position with a capital letter, for a signature")),
    ("municipality.name, .authority_name", _("the municipality and its education authority")),
    ("region.name, .center_name", _("the region and its mentorship centre")),
    ("document.number", _("registration number")),
    ("document.date", _("date as 01.10.2025")),
    ("document.date_long", _("date as «01 октября 2025 г.»")),
    ("document.date_quoted", _("date as «01» октября 2025 г.")),
    ("document.title", _("title, «О …»")),
    ("document.place", _("place of issue")),
]
# Every person in a context (head, curator, mentor, p in pairs…) has these fields.
PERSON_VARIABLES: list[tuple[str, Any]] = [
    ("full_name", _("«Иванова Мария Петровна»")),
    (
        "name_gent, name_datv, name_accs, name_ablt",
        _("the name in the genitive, dative, accusative, instrumental: «Ивановой Марии Петровне»…"),
    ),
    ("short_name, short_name_datv, …", _("«Иванова М.П.», «Ивановой М.П.»…")),
    ("initials_name", _("«М.П. Иванова»")),
    (
        "position, position_gent, position_datv, position_accs, position_ablt",
        _("the position inside a sentence, also declined: «учителю математики»"),
    ),
    ("position_title", _("the position with a capital letter: «Учитель математики»")),
]
