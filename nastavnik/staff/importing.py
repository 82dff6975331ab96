"""Import of a list of people of an organization from an XLSX or CSV file (the engine).

The staff list (`STAFF`), and in a college also the lists of students, of schoolchildren of
partner schools and of employers' mentors (`STUDENTS`, `SCHOOLCHILDREN`, `EXTERNAL`, seed 004):
a `Schema` per kind holds its columns, its template and its rules (a student under 18 needs a
parent; a group not yet in the organization is created on `apply`). The functions take the
schema and default to the staff list.

The steps a view goes through: `read_table` (the file as header + rows, or `ImportFileError`
naming what is wrong with the file), `guess_mapping` (which column of the file holds which
field; the user may correct it), `validate` (every row parsed and checked, matched against the
people already on the list: nothing is written) and, when the preview is clean, `apply` (one
transaction, a few bulk queries, one audit row).

Re-importing a file updates the people it names instead of adding them again: a row is the
same person as a stored record of the same kind when the full names agree (case-, space- and
«ё»-insensitive) and, when both sides have it, the date of birth. An empty cell never erases
a stored value.
"""

import csv
import datetime
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.core.services import audit
from nastavnik.core.text import normalize_name
from nastavnik.documents.declension import detect_gender
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import ADULT_AGE, PersonKind, StaffMember, StudyGroup, full_years

MAX_ROWS = 20000
# A sheet formatted down to row 1,048,576 would take minutes to scan: reading stops after this
# many empty rows in a row (no staff list has such a gap).
MAX_EMPTY_RUN = 10000
# The header is the first row with at least two known column names among the first few rows
# (a title above the table is common); else the first non-empty row.
HEADER_SEARCH_ROWS = 10
BATCH_SIZE = 1000

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"


class ImportFileError(Exception):
    """A problem with the file as a whole; the message (Russian) names what to fix."""


# Columns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A field of `StaffMember` a column of the file may hold.

    `synonyms` are lower-case header variants (Russian and English); `guess_mapping` compares
    them after dropping case, «ё», punctuation and spaces. `hint` tells what to write.
    """

    field: str
    label: Promise
    required: bool
    synonyms: tuple[str, ...]
    hint: Promise | None = None
    width: int = 18


# The accepted words of each category, the first one is shown to the user; compared after
# `_word_key` (case, «ё», punctuation and the words «категория», «квалификационная» dropped).
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    StaffMember.Category.NONE: ("без категории", "без", "нет", "нет категории", "none"),
    StaffMember.Category.CONFORMITY: (
        "соответствие занимаемой должности",
        "сзд",
        "соответствие",
        "соответствие должности",
        "conformity",
    ),
    StaffMember.Category.FIRST: ("первая", "1", "i", "first"),
    StaffMember.Category.HIGHEST: ("высшая", "highest"),
    StaffMember.Category.MENTOR: ("педагог-наставник", "наставник", "mentor"),
    StaffMember.Category.METHODIST: ("педагог-методист", "методист", "methodist"),
}
GENDER_WORDS: dict[str, tuple[str, ...]] = {
    StaffMember.Gender.MALE: ("м", "муж", "мужской", "мужчина", "m", "male"),
    StaffMember.Gender.FEMALE: ("ж", "жен", "женский", "женщина", "f", "female"),
}


def _category_words_text() -> str:
    """«без категории», «соответствие занимаемой должности» («СЗД»), «первая», …"""
    shown = []
    for words in CATEGORY_WORDS.values():
        text = f"«{words[0]}»"
        if "сзд" in words:
            text += " («СЗД»)"
        shown.append(text)
    return ", ".join(shown)


def _synonyms(text: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split("|"))


COLUMNS: tuple[Column, ...] = (
    Column(
        field="last_name",
        label=gettext_lazy("Surname"),
        required=True,
        synonyms=_synonyms("фамилия | фамилия сотрудника | surname | last name | family name"),
        hint=gettext_lazy("The surname as in the passport: «Иванова»."),
    ),
    Column(
        field="first_name",
        label=gettext_lazy("First name"),
        required=True,
        synonyms=_synonyms("имя | first name | given name | name"),
        hint=gettext_lazy("The first name in full: «Мария», not «М.»."),
        width=14,
    ),
    Column(
        field="patronymic",
        label=gettext_lazy("Patronymic"),
        required=False,
        synonyms=_synonyms("отчество | отч | patronymic | middle name"),
        hint=gettext_lazy("The patronymic, if the person has one: «Петровна»."),
        width=16,
    ),
    Column(
        field="gender",
        label=gettext_lazy("Gender"),
        required=False,
        synonyms=_synonyms("пол | м/ж | gender | sex"),
        hint=gettext_lazy(
            "«м» or «ж». Leave the cell empty to take the gender from the patronymic; documents "
            "decline the name by it."
        ),
        width=8,
    ),
    Column(
        field="birth_date",
        label=gettext_lazy("Date of birth"),
        required=False,
        synonyms=_synonyms(
            "дата рождения | др | д р | дата рожд | день рождения | date of birth | birth date "
            "| birthday | dob"
        ),
        hint=gettext_lazy(
            "As 01.09.1990. It tells namesakes apart when the list is uploaded again."
        ),
        width=14,
    ),
    Column(
        field="position",
        label=gettext_lazy("Position"),
        required=True,
        synonyms=_synonyms("должность | занимаемая должность | position | job title | post"),
        hint=gettext_lazy("As in the staff schedule: «Учитель математики»."),
        width=28,
    ),
    Column(
        field="subjects",
        label=gettext_lazy("Subjects taught"),
        required=False,
        synonyms=_synonyms(
            "предметы | предмет | преподаваемые предметы | преподаваемый предмет | дисциплины "
            "| преподаваемые дисциплины | subjects | subject | subjects taught"
        ),
        hint=gettext_lazy("Separated by commas: «Математика, информатика»."),
        width=28,
    ),
    Column(
        field="category",
        label=gettext_lazy("Qualification category"),
        required=False,
        synonyms=_synonyms(
            "категория | квалификационная категория | кв категория | квалиф категория "
            "| category | qualification category"
        ),
        # The words themselves are filled in by `column_hint`.
        hint=gettext_lazy("One of: %(words)s. An empty cell means no category."),
        width=22,
    ),
    Column(
        field="experience_years",
        label=gettext_lazy("Pedagogical experience, years"),
        required=False,
        synonyms=_synonyms(
            "педагогический стаж | педагогический стаж лет | пед стаж | педстаж | стаж "
            "| стаж лет | стаж работы | стаж педагогической работы | experience "
            "| pedagogical experience | pedagogical experience years | teaching experience "
            "| years of experience"
        ),
        hint=gettext_lazy(
            "Whole years of pedagogical experience on the day of the upload, from 0 to 70: «12»."
        ),
        width=14,
    ),
    Column(
        field="hired_on",
        label=gettext_lazy("Date of hire"),
        required=False,
        synonyms=_synonyms(
            "дата приема | дата приема на работу | дата поступления на работу "
            "| дата трудоустройства | принят | принята | date of hire | hire date | hired on "
            "| hired"
        ),
        hint=gettext_lazy("The day the person was hired by this organization, as 01.09.2015."),
        width=14,
    ),
    Column(
        field="education",
        label=gettext_lazy("Education"),
        required=False,
        synonyms=_synonyms(
            "образование | уровень образования | сведения об образовании | education"
        ),
        hint=gettext_lazy(
            "Level, institution, year, speciality: «Высшее, ВГПУ, 2007, учитель математики»."
        ),
        width=36,
    ),
    Column(
        field="email",
        label=gettext_lazy("E-mail"),
        required=False,
        synonyms=_synonyms(
            "email | e-mail | e mail | mail | эл почта | электронная почта "
            "| адрес электронной почты | почта"
        ),
        hint=gettext_lazy("A work or personal address: «ivanova@example.ru»."),
        width=26,
    ),
    Column(
        field="phone",
        label=gettext_lazy("Phone"),
        required=False,
        synonyms=_synonyms(
            "телефон | тел | номер телефона | контактный телефон | мобильный телефон "
            "| моб телефон | сотовый телефон | phone | telephone | mobile"
        ),
        hint=gettext_lazy("In any form: «+7 900 123-45-67»."),
    ),
)
COLUMN_BY_FIELD: dict[str, Column] = {c.field: c for c in COLUMNS}
REQUIRED_FIELDS = tuple(c.field for c in COLUMNS if c.required)
_NAME_FIELDS = ("last_name", "first_name", "patronymic")
_TEXT_FIELDS = ("last_name", "first_name", "patronymic", "position", "subjects", "education")
# The columns of students, schoolchildren and employers' mentors stored as written.
_PEOPLE_TEXT_FIELDS = (
    "study_group",
    "specialty",
    "representative_name",
    "representative_phone",
    "home_organization",
    "agreement",
)
# The columns stored as written, with the length the model allows.
_MAX_LENGTHS: dict[str, int] = {
    name: getattr(StaffMember._meta.get_field(name), "max_length", None) or 0
    for name in (*_TEXT_FIELDS, *_PEOPLE_TEXT_FIELDS, "email", "phone", "representative_email")
    if name != "study_group"
} | {"study_group": StudyGroup._meta.get_field("name").max_length or 0}
_EMAIL_FIELDS = ("email", "representative_email")

# The columns of the other kinds of participants (seed 004). The name and contact columns are
# the staff ones; a field may have a column of its own per kind when its hint differs.
_BY_FIELD = COLUMN_BY_FIELD
LEARNER_BIRTH_DATE = Column(
    field="birth_date",
    label=gettext_lazy("Date of birth"),
    required=True,
    synonyms=_BY_FIELD["birth_date"].synonyms,
    hint=gettext_lazy(
        "As 01.09.2008. It tells who is a minor: a student under 18 needs a parent or legal "
        "representative who signs the consents."
    ),
    width=14,
)
STUDY_GROUP = Column(
    field="study_group",
    label=gettext_lazy("Group or class"),
    required=True,
    synonyms=_synonyms(
        "группа | учебная группа | номер группы | группа класс | класс | класс группа "
        "| group | study group | class | form"
    ),
    hint=gettext_lazy(
        "As the organization calls it: «ТМ-21», «9А». A group not yet in the system is created "
        "with the course and specialty of its first row."
    ),
    width=12,
)
COURSE = Column(
    field="course",
    label=gettext_lazy("Course or year of study"),
    required=False,
    synonyms=_synonyms(
        "курс | год обучения | курс обучения | course | year | year of study | параллель"
    ),
    hint=gettext_lazy("The course of a college student, from 1 to 6: «2»."),
    width=10,
)
SCHOOL_YEAR = Column(
    field="course",
    label=gettext_lazy("Year of study"),
    required=False,
    synonyms=_synonyms("год обучения | параллель | класс цифрой | курс | year | year of study"),
    hint=gettext_lazy("The year of school, from 1 to 11: «9» for a pupil of «9А»."),
    width=10,
)
SPECIALTY = Column(
    field="specialty",
    label=gettext_lazy("Specialty or profile"),
    required=False,
    synonyms=_synonyms(
        "специальность | профессия | специальность профессия | специальность или профессия "
        "| направление подготовки | профиль | профиль обучения | специальность или профиль "
        "| specialty | speciality | profile"
    ),
    hint=gettext_lazy("The code and name, or the profile: «15.02.16 Технология машиностроения»."),
    width=30,
)
REPRESENTATIVE_NAME = Column(
    field="representative_name",
    label=gettext_lazy("Parent or legal representative"),
    required=False,
    synonyms=_synonyms(
        "родитель | законный представитель | родитель законный представитель "
        "| родитель или законный представитель | фио родителя | фио законного представителя "
        "| фио родителя законного представителя | представитель | parent | legal representative "
        "| guardian"
    ),
    hint=gettext_lazy(
        "The full name of the parent or legal representative: «Петрова Ольга Ивановна». "
        "Required for a student under 18 on the day of the upload."
    ),
    width=30,
)
REPRESENTATIVE_PHONE = Column(
    field="representative_phone",
    label=gettext_lazy("Phone of the representative"),
    required=False,
    synonyms=_synonyms(
        "телефон родителя | телефон законного представителя | телефон представителя "
        "| тел родителя | телефон родителя законного представителя | parent phone "
        "| phone of the representative | representative phone"
    ),
    hint=gettext_lazy("In any form: «+7 900 123-45-67»."),
)
REPRESENTATIVE_EMAIL = Column(
    field="representative_email",
    label=gettext_lazy("E-mail of the representative"),
    required=False,
    synonyms=_synonyms(
        "email родителя | e-mail родителя | почта родителя | эл почта родителя "
        "| электронная почта родителя | email законного представителя "
        "| email представителя | e-mail представителя | parent email "
        "| e-mail of the representative | representative email"
    ),
    hint=gettext_lazy("The address the parent reads: «petrova@example.ru»."),
    width=26,
)
SCHOOL = Column(
    field="home_organization",
    label=gettext_lazy("School"),
    required=False,
    synonyms=_synonyms(
        "школа | образовательная организация | общеобразовательная организация | оо "
        "| школа партнер | school"
    ),
    hint=gettext_lazy("The school the pupil studies at: «МБОУ СОШ № 5»."),
    width=28,
)
EMPLOYER = Column(
    field="home_organization",
    label=gettext_lazy("Employer"),
    required=True,
    synonyms=_synonyms(
        "работодатель | организация работодатель | предприятие | место работы "
        "| организация | наименование организации | компания | employer | company "
        "| organization"
    ),
    hint=gettext_lazy("The organization the mentor works at: «АО «Завод «Прибор»»."),
    width=30,
)
EXTERNAL_POSITION = Column(
    field="position",
    label=gettext_lazy("Position"),
    required=True,
    synonyms=_BY_FIELD["position"].synonyms,
    hint=gettext_lazy("The position at the employer: «Главный технолог»."),
    width=28,
)
AGREEMENT = Column(
    field="agreement",
    label=gettext_lazy("Agreement with the employer"),
    required=False,
    synonyms=_synonyms(
        "договор | соглашение | договор с работодателем | соглашение с работодателем "
        "| договор о сетевом взаимодействии | договор о практической подготовке "
        "| agreement | contract"
    ),
    hint=gettext_lazy(
        "The agreement under which the mentor works with the students: «Договор о сетевом "
        "взаимодействии № 12 от 01.09.2025»."
    ),
    width=36,
)


def column_hint(column: Column) -> str:
    """What to write in the column, in the active language."""
    if column.hint is None:
        return ""
    if column.field == "category":
        return str(column.hint) % {"words": _category_words_text()}
    return str(column.hint)


# The template ------------------------------------------------------------------------------

_EXAMPLE: dict[str, Any] = {
    "last_name": "Иванова",
    "first_name": "Мария",
    "patronymic": "Петровна",
    "gender": "ж",
    "birth_date": datetime.date(1985, 3, 14),
    "position": "Учитель математики",
    "subjects": "Математика, информатика",
    "category": "первая",
    "experience_years": 15,
    "hired_on": datetime.date(2010, 9, 1),
    "education": "Высшее, ВГПУ, 2007, учитель математики",
    "email": "ivanova@example.ru",
    "phone": "+7 900 123-45-67",
}
_TEMPLATE_ROWS = 2000  # the drop-down lists reach this far


# Kinds of lists ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    """What the list of one kind of participants holds (seed 004): its columns, the example
    row and the instructions of the template, the ages it accepts, the messages that name the
    list and the action of the audit row. `STAFF` is the staff list; the others hold
    students, schoolchildren of partner schools and employers' mentors."""

    kind: str
    columns: tuple[Column, ...]
    example: dict[str, Any]
    sheet_title: Promise
    guide_title: Promise
    audit_action: str
    instructions: tuple[Promise, ...] = ()
    min_age: int = 16
    max_age: int = 100
    max_course: int = 0
    ambiguous: Promise = gettext_lazy(
        "The list already has several people named %(name)s: add the date of birth to tell "
        "which one this is."
    )
    both_rows: Promise = gettext_lazy(
        "This row and row %(row)s are both %(name)s of the list: add the dates of birth to "
        "tell them apart."
    )
    list_changed: Promise = gettext_lazy(
        "The list changed while the file was being checked: upload the file again."
    )

    @property
    def column_by_field(self) -> dict[str, Column]:
        return {c.field: c for c in self.columns}

    @property
    def required_fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns if c.required)

    @property
    def learners(self) -> bool:
        """Students or schoolchildren: a minor among them needs a parent."""
        return self.kind in (PersonKind.STUDENT, PersonKind.SCHOOLCHILD)


STAFF = Schema(
    kind=PersonKind.STAFF,
    columns=COLUMNS,
    example=_EXAMPLE,
    sheet_title=gettext_lazy("Teachers"),
    guide_title=gettext_lazy("How to fill in the staff list"),
    audit_action="staff_import",
    ambiguous=gettext_lazy(
        "The staff list already has several people named %(name)s: add the date of birth to "
        "tell which one this is."
    ),
    both_rows=gettext_lazy(
        "This row and row %(row)s are both %(name)s of the staff list: add the dates of birth "
        "to tell them apart."
    ),
    list_changed=gettext_lazy(
        "The staff list changed while the file was being checked: upload the file again."
    ),
)
_NAMES = (_BY_FIELD["last_name"], _BY_FIELD["first_name"], _BY_FIELD["patronymic"])
_CONTACTS = (_BY_FIELD["email"], _BY_FIELD["phone"])
_REPRESENTATIVE = (REPRESENTATIVE_NAME, REPRESENTATIVE_PHONE, REPRESENTATIVE_EMAIL)
_MINORS_INSTRUCTION = gettext_lazy(
    "A student under 18 on the day of the upload needs a parent or legal representative: fill "
    "in the full name and the phone. The parent signs the consents to the processing of "
    "personal data."
)
_GROUPS_INSTRUCTION = gettext_lazy(
    "A group or class not yet in the system is created on upload with the course and the "
    "specialty of its first row; its class teacher is chosen later on the page of the groups."
)
STUDENTS = Schema(
    kind=PersonKind.STUDENT,
    columns=(
        *_NAMES,
        _BY_FIELD["gender"],
        LEARNER_BIRTH_DATE,
        STUDY_GROUP,
        COURSE,
        SPECIALTY,
        *_CONTACTS,
        *_REPRESENTATIVE,
    ),
    example={
        "last_name": "Смирнов",
        "first_name": "Кирилл",
        "patronymic": "Андреевич",
        "gender": "м",
        "birth_date": datetime.date(2009, 5, 20),
        "study_group": "ТМ-21",
        "course": 2,
        "specialty": "15.02.16 Технология машиностроения",
        "email": "smirnov.k@example.ru",
        "phone": "+7 900 765-43-21",
        "representative_name": "Смирнова Елена Викторовна",
        "representative_phone": "+7 900 111-22-33",
        "representative_email": "smirnova@example.ru",
    },
    sheet_title=gettext_lazy("Students"),
    guide_title=gettext_lazy("How to fill in the list of students"),
    audit_action="people_import",
    instructions=(_MINORS_INSTRUCTION, _GROUPS_INSTRUCTION),
    min_age=6,
    max_age=60,
    max_course=6,
)
SCHOOLCHILDREN = Schema(
    kind=PersonKind.SCHOOLCHILD,
    columns=(
        *_NAMES,
        _BY_FIELD["gender"],
        LEARNER_BIRTH_DATE,
        STUDY_GROUP,
        SCHOOL_YEAR,
        SPECIALTY,
        SCHOOL,
        *_CONTACTS,
        *_REPRESENTATIVE,
    ),
    example={
        "last_name": "Кузнецова",
        "first_name": "Дарья",
        "patronymic": "Олеговна",
        "gender": "ж",
        "birth_date": datetime.date(2011, 2, 11),
        "study_group": "9А",
        "course": 9,
        "specialty": "Инженерный профиль",
        "home_organization": "МБОУ СОШ № 5",
        "phone": "+7 900 222-33-44",
        "representative_name": "Кузнецов Олег Павлович",
        "representative_phone": "+7 900 333-44-55",
        "representative_email": "kuznetsov@example.ru",
    },
    sheet_title=gettext_lazy("Schoolchildren"),
    guide_title=gettext_lazy("How to fill in the list of schoolchildren"),
    audit_action="people_import",
    instructions=(_MINORS_INSTRUCTION, _GROUPS_INSTRUCTION),
    min_age=6,
    max_age=60,
    max_course=11,
)
EXTERNAL = Schema(
    kind=PersonKind.EXTERNAL,
    columns=(
        *_NAMES,
        _BY_FIELD["gender"],
        _BY_FIELD["birth_date"],
        EMPLOYER,
        EXTERNAL_POSITION,
        AGREEMENT,
        *_CONTACTS,
    ),
    example={
        "last_name": "Волков",
        "first_name": "Сергей",
        "patronymic": "Николаевич",
        "gender": "м",
        "birth_date": datetime.date(1978, 11, 2),
        "home_organization": "АО «Завод «Прибор»»",
        "position": "Главный технолог",
        "agreement": "Договор о сетевом взаимодействии № 12 от 01.09.2025",
        "email": "volkov@example.ru",
        "phone": "+7 900 444-55-66",
    },
    sheet_title=gettext_lazy("Mentors"),
    guide_title=gettext_lazy("How to fill in the list of employers' mentors"),
    audit_action="people_import",
    instructions=(
        gettext_lazy(
            "One row per representative of an employer who mentors students; the employer and "
            "the position are required."
        ),
    ),
    min_age=18,
    max_age=100,
)
SCHEMAS: dict[str, Schema] = {s.kind: s for s in (STAFF, STUDENTS, SCHOOLCHILDREN, EXTERNAL)}


def template_xlsx(schema: Schema = STAFF) -> bytes:
    """The blank list to fill in: the columns, an example row and the instructions.

    Labels and instructions are in the active language: call it under
    `translation.override("ru")` outside a request.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(schema.sheet_title)[:31]
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    example_font = Font(italic=True, color="808080")
    for index, column in enumerate(schema.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=str(column.label))
        header.font = bold
        header.alignment = Alignment(wrap_text=True, vertical="top")
        if column.required:
            header.fill = required_fill
        sheet.column_dimensions[letter].width = column.width
        cell = sheet.cell(row=2, column=index, value=schema.example.get(column.field))
        cell.font = example_font
        if column.field in ("birth_date", "hired_on"):
            number_format = "DD.MM.YYYY"
        elif column.field in ("phone", "representative_phone"):
            number_format = "@"  # text: keeps «+7» and leading zeros
        else:
            continue
        cell.number_format = number_format
        sheet.column_dimensions[letter].number_format = number_format  # for the rows to come
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 30
    fields = [c.field for c in schema.columns]
    for field_name, words in (
        ("gender", ("м", "ж")),
        ("category", tuple(w[0] for w in CATEGORY_WORDS.values())),
    ):
        if field_name not in fields:
            continue
        letter = get_column_letter(fields.index(field_name) + 1)
        # A drop-down as a hint only: other accepted words («СЗД») may still be typed.
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(words) + '"',
            allow_blank=True,
            showErrorMessage=False,
        )
        validation.add(f"{letter}2:{letter}{_TEMPLATE_ROWS}")
        sheet.add_data_validation(validation)

    guide = workbook.create_sheet(_("How to fill in")[:31])
    guide.column_dimensions["A"].width = 30
    guide.column_dimensions["B"].width = 14
    guide.column_dimensions["C"].width = 100
    lines = [
        str(schema.guide_title),
        _(
            "One person per row, from row 2 of the sheet «%(sheet)s». Row 1 holds the column "
            "names: keep them. The columns may go in any order; other columns are ignored."
        )
        % {"sheet": sheet.title},
        _("Row 2 is an example: replace it with a real person or delete it."),
        _("Do not merge cells. Dates are written as 01.09.1990 (Excel date cells are fine too)."),
        _(
            "Uploading the list again updates the people already on it (found by the full name "
            "and the date of birth) instead of adding them twice; an empty cell keeps what is "
            "stored."
        ),
        *(str(line) for line in schema.instructions),
    ]
    for row, text in enumerate(lines, start=1):
        guide.cell(row=row, column=1, value=text)
    guide.cell(row=1, column=1).font = Font(bold=True, size=13)
    top = len(lines) + 2
    for index, text in enumerate((_("Column"), _("Required"), _("What to write")), start=1):
        guide.cell(row=top, column=index, value=text).font = bold
    for offset, column in enumerate(schema.columns, start=1):
        guide.cell(row=top + offset, column=1, value=str(column.label))
        guide.cell(row=top + offset, column=2, value=_("yes") if column.required else "")
        hint = guide.cell(row=top + offset, column=3, value=column_hint(column))
        hint.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Reading the file --------------------------------------------------------------------------


@dataclass
class Table:
    """The file as read: the header row and the non-empty rows below it.

    Each row is (the row number the user sees in the spreadsheet or the line number of the CSV,
    the cell values, as many as headers).
    """

    headers: list[str]
    rows: list[tuple[int, list[Any]]]


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"Rar!",
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"{\\rtf",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)"')


def read_table(content: bytes, filename: str, schema: "Schema | None" = None) -> Table:
    """Read the first sheet of an XLSX workbook, or a CSV file, into a `Table`.

    The format is told by the content, not the name. Raises `ImportFileError` for a file that
    is not a table, an old .xls, merged cells, an empty sheet, a header without people and
    more than `MAX_ROWS` people. The header row is looked for with the column names of
    `schema` (the staff list by default).
    """
    schema = schema or STAFF
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    if content.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in content:
            raise ImportFileError(
                _(
                    "The workbook is protected by a password: remove the password in Excel "
                    "(File → Info → Protect Workbook), save it and upload it again."
                )
            )
        raise ImportFileError(
            _(
                "This is a workbook of the old Excel format (.xls): open it in Excel and save it "
                "as .xlsx («Excel Workbook»), then upload it again."
            )
        )
    if content.startswith(_ZIP):
        return _read_xlsx(content, filename, schema)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(
            _(
                "The file «%(name)s» is named as an Excel workbook but is not one (it may be "
                "damaged or renamed). Open it in Excel, save it as .xlsx and upload it again."
            )
            % {"name": filename}
        )
    if content.startswith(_BINARY_SIGNATURES):
        raise _not_a_table(filename)
    return _table(_csv_rows(_decode(content, filename)), schema)


def _not_a_table(filename: str) -> ImportFileError:
    return ImportFileError(
        _(
            "The file «%(name)s» is not a table: upload an Excel workbook (.xlsx) or a CSV file "
            "with one person per row."
        )
        % {"name": filename}
    )


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than %(limit)s rows of people: split it into files of at most "
            "%(limit)s rows and upload them one by one."
        )
        % {"limit": formats.number_format(MAX_ROWS, force_grouping=True)}
    )


def _empty_sheet() -> ImportFileError:
    return ImportFileError(
        _("The sheet is empty: put the column names in row 1 and one person per row below them.")
    )


def _damaged(filename: str) -> ImportFileError:
    return ImportFileError(
        _(
            "The workbook «%(name)s» cannot be read: it may be damaged. Open it in Excel, save "
            "it as .xlsx and upload it again."
        )
        % {"name": filename}
    )


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _table(rows: Iterable[tuple[int, list[Any]]], schema: "Schema") -> Table:
    """Pick the header among the first rows, drop empty rows, cut rows to the header width.

    Stops early on too many people, and after `MAX_EMPTY_RUN` empty rows below the data.
    """
    kept: list[tuple[int, list[Any]]] = []
    empty_run = 0
    for number, values in rows:
        if all(_is_empty(v) for v in values):
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        kept.append((number, values))
        if len(kept) > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise _too_many_rows()
    if not kept:
        raise _empty_sheet()
    header_at = 0
    for index, (_number, values) in enumerate(kept[:HEADER_SEARCH_ROWS]):
        if len(guess_mapping([_header_text(v) for v in values], schema)) >= 2:
            header_at = index
            break
    headers = [_header_text(v) for v in kept[header_at][1]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    data = []
    for number, values in kept[header_at + 1 :]:
        values = (values + [None] * (width - len(values)))[:width]
        if not all(_is_empty(v) for v in values):
            data.append((number, values))
    if not data:
        raise ImportFileError(
            _(
                "The file has the column names (row %(row)s) but no people: fill in one person "
                "per row below the names."
            )
            % {"row": kept[header_at][0]}
        )
    if len(data) > MAX_ROWS:
        raise _too_many_rows()
    return Table(headers=headers, rows=data)


def _read_xlsx(content: bytes, filename: str, schema: "Schema") -> Table:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _damaged(filename) from exc
    if "xl/workbook.xml" not in names:
        if "content.xml" in names and "mimetype" in names:
            raise ImportFileError(
                _(
                    "This is an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel "
                    "Workbook) and upload it again."
                )
            )
        raise _not_a_table(filename)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about the extensions it drops
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises assorted errors on broken packages
        raise _damaged(filename) from exc
    try:
        sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        if not sheets:
            raise _empty_sheet()
        sheet = sheets[0]
        merged = _first_merged_range(archive, getattr(sheet, "_worksheet_path", ""))
        if merged:
            raise ImportFileError(
                _(
                    "Merged cells %(range)s on the sheet «%(sheet)s»: unmerge them so that each "
                    "value has a cell of its own, and upload the file again."
                )
                % {"range": merged, "sheet": sheet.title}
            )
        sheet.reset_dimensions()  # the stored size is often wrong: read what is there
        try:
            rows = (
                (number, list(values))
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            )
            return _table(rows, schema)
        except ImportFileError:
            raise
        except Exception as exc:  # a broken sheet XML
            raise _damaged(filename) from exc
    finally:
        workbook.close()


def _first_merged_range(archive: zipfile.ZipFile, path: str) -> str | None:
    """The first «A1:C1» of the sheet's <mergeCell ref=…>, read from the XML as a stream."""
    path = path.lstrip("/")
    if not path:
        return None
    try:
        with archive.open(path) as source:
            tail = b""
            while chunk := source.read(1 << 20):
                found = _MERGE_CELL.search(tail + chunk)
                if found:
                    return found.group(1).decode("ascii").upper()
                tail = chunk[-512:]
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    return None


def _decode(content: bytes, filename: str) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1251."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1251"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise _not_a_table(filename)
    if _CONTROL.search(text[:65536]):
        raise _not_a_table(filename)
    start = text.lstrip()[:200].lower()
    if start.startswith(("<html", "<!doctype", "<?xml", "<table")):
        raise ImportFileError(
            _(
                "The file «%(name)s» is a web page, not a table: open it in Excel, save it as "
                ".xlsx and upload it again."
            )
            % {"name": filename}
        )
    return text


def _sniff_delimiter(text: str) -> str:
    """The delimiter among «;», «,» and tab that splits the first lines most consistently."""
    sample = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ";", (0, 0)
    for delimiter in (";", "\t", ","):
        widths = Counter(len(row) for row in csv.reader(sample, delimiter=delimiter))
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    line = 0
    try:
        for values in reader:
            yield line + 1, values
            line = reader.line_num
    except csv.Error as exc:
        raise ImportFileError(
            _("Line %(line)s of the CSV file cannot be read: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc


# Columns of the file -> fields -------------------------------------------------------------

_NOT_WORD = re.compile(r"[\W_]+")
_PARENTHESES = re.compile(r"\([^)]*\)")
_MIN_PREFIX = 4


def _header_key(text: str) -> str:
    return _NOT_WORD.sub("", text.casefold().replace("ё", "е"))


def guess_mapping(headers: list[str], schema: "Schema | None" = None) -> dict[int, str]:
    """Column index -> field for the headers that name a known column.

    Exact matches (after dropping case, «ё», punctuation, spaces and, on a second try, a part
    in parentheses) come first; then a header that starts with a known name («Фамилия
    сотрудника») or abbreviates one («Дата рожд.»). A field is given to one column only.
    """
    known: dict[str, str] = {}
    for column in (schema or STAFF).columns:
        for text in (*column.synonyms, str(column.label), column.field.replace("_", " ")):
            known.setdefault(_header_key(text), column.field)
    keys = [
        (_header_key(str(h or "")), _header_key(_PARENTHESES.sub("", str(h or ""))))
        for h in headers
    ]
    mapping: dict[int, str] = {}
    taken: set[str] = set()

    def take(index: int, field_name: str | None) -> None:
        if field_name and field_name not in taken and index not in mapping:
            mapping[index] = field_name
            taken.add(field_name)

    for index, (key, bare) in enumerate(keys):
        take(index, known.get(key) or known.get(bare))
    for index, (key, bare) in enumerate(keys):
        if index in mapping or not key:
            continue
        take(index, _prefix_match(key, known) or _prefix_match(bare, known))
    return mapping


def _prefix_match(key: str, known: dict[str, str]) -> str | None:
    if len(key) < _MIN_PREFIX:
        return None
    longer = [(len(k), f) for k, f in known.items() if len(k) >= _MIN_PREFIX and key.startswith(k)]
    if longer:
        return max(longer)[1]
    shorter = {f for k, f in known.items() if len(key) > _MIN_PREFIX and k.startswith(key)}
    return shorter.pop() if len(shorter) == 1 else None


# Validation --------------------------------------------------------------------------------


@dataclass
class Problem:
    """What is wrong in a row: `column` is the label shown to the user, "" for the whole row."""

    column: str
    message: str


@dataclass
class RowResult:
    """One row of the file, parsed and checked.

    `values` holds the parsed non-empty cells, ready for the model (plus the gender taken from
    the patronymic and `experience_as_of`); `action` is "create", "update" or "unchanged" (the
    person is on the list and the file changes nothing); `changes` names the fields an update
    writes; `match_id` is the stored person it updates.
    """

    number: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    action: str = CREATE
    match_id: int | None = None
    full_name: str = ""
    changes: list[str] = field(default_factory=list)


@dataclass
class Preview:
    """The outcome of `validate`: the rows and the problems of the file as a whole."""

    rows: list[RowResult]
    errors: list[str] = field(default_factory=list)
    schema: Schema = STAFF
    # The groups or classes the rows name that the organization does not have yet: `apply`
    # creates them.
    new_groups: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.action == CREATE and not r.problems)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.action == UPDATE and not r.problems)

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if r.action == UNCHANGED and not r.problems)

    @property
    def problem_rows(self) -> int:
        return sum(1 for r in self.rows if r.problems)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows) and not self.problem_rows


class _Invalid(Exception):
    """A cell that cannot be parsed; the message is for the user."""


_EMAIL = EmailValidator()
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:\s*г(?:ода?)?\.?)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_TIME = re.compile(r"^(\S+)\s+\d{1,2}:\d{2}(?::\d{2})?$")
_YEARS = re.compile(r"^(\d{1,3})(?:[.,]\d+)?(?:\s*[^\d\s.,].*)?$")
_MAX_EXPERIENCE = 70


def _text(value: Any) -> str:
    """A cell as one line of text: spaces collapsed, numbers without «.0», dates as 01.09.1990."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def _word_key(value: str) -> str:
    words = _NOT_WORD.sub(" ", value.casefold().replace("ё", "е")).split()
    dropped = {"категория", "категории", "квалификационная", "кв", "квалиф", "category"}
    return " ".join(w for w in words if w not in dropped)


def _parse_date(value: Any, *, today: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # An Excel serial number (up to 31.12.9999); 1900…2100 is a year alone, not a date.
        if 1 <= value < 2958466 and not 1900 <= value <= 2100:
            return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise _Invalid
    text = _text(value)
    if found := _DMY_TIME.match(text):
        text = found.group(1)
    try:
        if found := _DMY.match(text):
            day, month, year = (int(g) for g in found.groups())
            if len(found.group(3)) == 2:
                year += 2000 if 2000 + year <= today.year else 1900
            return datetime.date(year, month, day)
        if found := _YMD.match(text):
            year, month, day = (int(g) for g in found.groups())
            return datetime.date(year, month, day)
    except ValueError as exc:
        raise _Invalid from exc
    raise _Invalid


def _date_shown(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def _parse_years(value: Any) -> int:
    if isinstance(value, bool):
        raise _Invalid
    if isinstance(value, int | float):
        years = int(value)
    else:
        found = _YEARS.match(_text(value))
        if not found:
            raise _Invalid
        years = int(found.group(1))
    return years


class _RowParser:
    """Parses the cells of one row into `values` and `problems`."""

    def __init__(self, today: datetime.date, schema: Schema | None = None) -> None:
        self.today = today
        self.schema = schema or STAFF
        self.labels = {c.field: str(c.label) for c in self.schema.columns}  # the active language
        self._gender_words = {
            _word_key(w): str(g) for g, words in GENDER_WORDS.items() for w in words
        } | {_word_key(str(label)): str(g) for g, label in StaffMember.Gender.choices}
        self._category_words = {
            _word_key(w): str(c) for c, words in CATEGORY_WORDS.items() for w in words
        } | {_word_key(str(label)): str(c) for c, label in StaffMember.Category.choices}

    def parse(self, number: int, cells: list[Any], columns: list[tuple[int, Column]]) -> RowResult:
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for index, column in columns:
            raw = cells[index] if index < len(cells) else None
            try:
                value = self._parse(column.field, raw)
            except _Invalid as exc:
                message = str(exc) or self._invalid(column, raw)
                problems.append(Problem(self.labels[column.field], message))
                continue
            if value is None or value == "":
                continue
            values[column.field] = value
        for name in self.schema.required_fields:
            if not values.get(name) and not any(p.column == self.labels[name] for p in problems):
                problems.append(Problem(self.labels[name], _required(name, self.schema)))
        self._check_dates(values, problems)
        if "experience_years" in values:
            values["experience_as_of"] = self.today
        full_name = " ".join(
            values.get(n, "") for n in ("last_name", "first_name", "patronymic") if values.get(n)
        )
        return RowResult(number=number, values=values, problems=problems, full_name=full_name)

    def _parse(self, name: str, raw: Any) -> Any:
        if name in ("birth_date", "hired_on"):
            return None if _is_empty(raw) else _parse_date(raw, today=self.today)
        text = _text(raw)
        limit = _MAX_LENGTHS.get(name)
        if limit and len(text) > limit:
            raise _Invalid(
                _("Too long: %(count)s characters, at most %(limit)s.")
                % {"count": len(text), "limit": limit}
            )
        if not text or name in _TEXT_FIELDS or name in _PEOPLE_TEXT_FIELDS or name == "phone":
            return text
        if name == "gender":
            if gender := self._gender_words.get(_word_key(text)):
                return gender
            raise _Invalid(
                _(
                    "«%(value)s» is not a gender: write «м» or «ж», or leave the cell empty to "
                    "take it from the patronymic."
                )
                % {"value": text}
            )
        if name == "category":
            if category := self._category_words.get(_word_key(text)):
                return category
            raise _Invalid(
                _("«%(value)s» is not a qualification category: write one of %(words)s.")
                % {"value": text, "words": _category_words_text()}
            )
        if name == "experience_years":
            years = _parse_years(raw)
            if not 0 <= years <= _MAX_EXPERIENCE:
                raise _Invalid(
                    _("%(value)s years of experience is not possible: write from 0 to %(max)s.")
                    % {"value": text, "max": _MAX_EXPERIENCE}
                )
            return years
        if name == "course":
            try:
                course = _parse_years(raw)
            except _Invalid:
                course = 0
            if not 1 <= course <= self.schema.max_course:
                raise _Invalid(
                    _(
                        "«%(value)s» is not a course or year of study: write a number from 1 to "
                        "%(max)s."
                    )
                    % {"value": text, "max": self.schema.max_course}
                )
            return course
        if name in _EMAIL_FIELDS:
            try:
                _EMAIL(text)
            except ValidationError as exc:
                raise _Invalid(
                    _("«%(value)s» is not an e-mail address.") % {"value": text}
                ) from exc
            return text
        raise ValueError(f"no parser for the field {name!r}")

    @staticmethod
    def _invalid(column: Column, raw: Any) -> str:
        text = _text(raw)
        if column.field == "experience_years":
            return _("«%(value)s» is not a number of years: write a whole number such as 5.") % {
                "value": text
            }
        return _("«%(value)s» is not a date: write it as 01.09.1990.") % {"value": text}

    def _check_dates(self, values: dict[str, Any], problems: list[Problem]) -> None:
        birth = values.get("birth_date")
        if birth is not None:
            label = self.labels["birth_date"]
            age = full_years(birth, self.today)
            if age < self.schema.min_age:
                problems.append(
                    Problem(
                        label,
                        _(
                            "Date of birth %(date)s: the person would be younger than "
                            "%(age)s. Check the year."
                        )
                        % {"date": _date_shown(birth), "age": self.schema.min_age},
                    )
                )
                del values["birth_date"]
            elif age > self.schema.max_age:
                problems.append(
                    Problem(
                        label,
                        _(
                            "Date of birth %(date)s: the person would be older than %(age)s. "
                            "Check the year."
                        )
                        % {"date": _date_shown(birth), "age": self.schema.max_age},
                    )
                )
                del values["birth_date"]
        hired = values.get("hired_on")
        if hired is not None:
            label = self.labels["hired_on"]
            if hired > self.today:
                problems.append(
                    Problem(
                        label,
                        _("Date of hire %(date)s is in the future.") % {"date": _date_shown(hired)},
                    )
                )
            elif full_years(hired, self.today) > _MAX_EXPERIENCE:
                problems.append(
                    Problem(
                        label,
                        _("Date of hire %(date)s is more than %(years)s years ago.")
                        % {"date": _date_shown(hired), "years": _MAX_EXPERIENCE},
                    )
                )
            elif values.get("birth_date") and hired <= values["birth_date"]:
                problems.append(
                    Problem(
                        label,
                        _("Date of hire %(date)s is before the date of birth.")
                        % {"date": _date_shown(hired)},
                    )
                )


def _required(name: str, schema: Schema) -> str:
    if name == "last_name":
        return _("Fill in the surname.")
    if name == "first_name":
        return _("Fill in the first name.")
    if name == "birth_date":
        return _("Fill in the date of birth: it tells whether the student is a minor.")
    if name == "study_group":
        return _("Fill in the group or class.")
    if name == "home_organization":
        return _("Fill in the employer.")
    if name == "position":
        return _("Fill in the position.")
    return _("Fill in «%(label)s».") % {"label": schema.column_by_field[name].label}


def name_key(last_name: str, first_name: str, patronymic: str) -> str:
    """The comparison key of a full name («ё», case and spaces do not matter)."""
    return normalize_name(f"{last_name} {first_name} {patronymic}")


def _mapping_errors(table: Table, mapping: dict[int, str], schema: Schema) -> list[str]:
    errors = []
    by_field: dict[str, list[int]] = {}
    column_by_field = schema.column_by_field
    for index, name in sorted(mapping.items()):
        if not name:
            continue
        if name not in column_by_field:
            raise ValueError(f"unknown field {name!r}")
        if not 0 <= index < len(table.headers):
            raise ValueError(f"no column {index}")
        by_field.setdefault(name, []).append(index)
    missing = [str(column_by_field[n].label) for n in schema.required_fields if n not in by_field]
    if missing:
        errors.append(
            _(
                "Required columns are not found: %(columns)s. Name them as in the template or "
                "choose them for the columns of the file."
            )
            % {"columns": ", ".join(f"«{label}»" for label in missing)}
        )
    for name, indexes in by_field.items():
        if len(indexes) > 1:
            headers = ", ".join(f"«{table.headers[i] or _column_letter(i)}»" for i in indexes)
            errors.append(
                _("Several columns are chosen as «%(label)s»: %(headers)s. Leave one.")
                % {"label": column_by_field[name].label, "headers": headers}
            )
    return errors


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _stored_fields(schema: Schema) -> tuple[str, ...]:
    """The model fields `validate` reads of the stored people to compare with the rows (the
    group is read by its name)."""
    names = [c.field for c in schema.columns if c.field != "study_group"]
    if schema.learners:
        names.append("representative_name")
    return tuple(dict.fromkeys((*names, "birth_date", "experience_as_of", "is_active")))


def group_key(name: str) -> str:
    """The comparison key of a group or class name: «тм-21», «ТМ 21» and «ТМ-21» are one."""
    return _NOT_WORD.sub("", name.casefold().replace("ё", "е"))


def validate(
    table: Table,
    mapping: dict[int, str],
    *,
    organization: Organization,
    today: datetime.date,
    schema: Schema | None = None,
) -> Preview:
    """Parse and check every row and match it with the people on the list; writes nothing.

    `mapping` is column index -> field ("" skips a column). When the mapping misses a required
    field or gives a field to two columns, the preview has `errors` and no rows; an unknown
    field or a column the table does not have is a bug of the caller (ValueError).

    A row updates the stored person of the same kind (`schema.kind`: a student row never
    updates a member of staff) with the same full name (case, spaces and «ё» aside) and,
    when both have one, the same date of birth; only its non-empty cells that differ are
    written, and a person who had left is back on the list. Other rows create people; a gender
    left empty is taken from the patronymic. A student or schoolchild under 18 on `today`
    without a parent (in the row or stored) is a problem of the row; a group the organization
    does not have is listed in `Preview.new_groups`.
    """
    schema = schema or STAFF
    errors = _mapping_errors(table, mapping, schema)
    if errors:
        return Preview(rows=[], errors=errors, schema=schema)
    column_by_field = schema.column_by_field
    columns = [(i, column_by_field[name]) for i, name in sorted(mapping.items()) if name]
    extra = ("study_group__name",) if "study_group" in column_by_field else ()
    stored: dict[str, list[dict[str, Any]]] = {}
    for record in StaffMember.objects.filter(
        organization=organization, kind=schema.kind, anonymized_at__isnull=True
    ).values("pk", *_stored_fields(schema), *extra):
        if extra:
            record["study_group"] = record.pop("study_group__name") or ""
        key = name_key(record["last_name"], record["first_name"], record["patronymic"])
        stored.setdefault(key, []).append(record)
    groups: dict[str, str] = {}
    if extra:
        groups = {
            group_key(name): name
            for name in StudyGroup.objects.filter(organization=organization).values_list(
                "name", flat=True
            )
        }
    new_groups: dict[str, str] = {}

    parser = _RowParser(today, schema)
    seen: dict[str, list[tuple[int, datetime.date | None]]] = {}
    matched_by: dict[int, int] = {}
    results = []
    for number, cells in table.rows:
        row = parser.parse(number, cells, columns)
        results.append(row)
        values = row.values
        if group := values.get("study_group"):
            # The stored spelling of a known group; a new one is created as first written.
            key = group_key(group)
            if key in groups:
                values["study_group"] = groups[key]
            else:
                values["study_group"] = new_groups.setdefault(key, group)
        if not (values.get("last_name") and values.get("first_name")):
            continue
        key = name_key(values["last_name"], values["first_name"], values.get("patronymic", ""))
        birth = values.get("birth_date")
        earlier = next(
            (n for n, b in seen.get(key, []) if b is None or birth is None or b == birth), None
        )
        seen.setdefault(key, []).append((number, birth))
        if earlier is not None:
            row.problems.append(
                Problem(
                    "",
                    _("Repeats row %(row)s: the same person is in the file twice.")
                    % {"row": earlier},
                )
            )
            continue
        candidates = stored.get(key, [])
        if birth is not None:
            candidates = [c for c in candidates if c["birth_date"] in (None, birth)]
            exact = [c for c in candidates if c["birth_date"] == birth]
            if len(exact) == 1:
                candidates = exact
        if len(candidates) > 1:
            row.problems.append(Problem("", str(schema.ambiguous) % {"name": row.full_name}))
            continue
        person: dict[str, Any] | None = None
        if candidates:
            person = candidates[0]
            if person["pk"] in matched_by:
                row.problems.append(
                    Problem(
                        "",
                        str(schema.both_rows)
                        % {"row": matched_by[person["pk"]], "name": row.full_name},
                    )
                )
                continue
            matched_by[person["pk"]] = number
            row.match_id = person["pk"]
            row.changes = _changes(values, person, today)
            row.action = UPDATE if row.changes else UNCHANGED
        if (
            "gender" not in values
            and row.match_id is None
            and not any(p.column == parser.labels["gender"] for p in row.problems)
        ):
            _detect_gender(row)
        if schema.learners:
            _check_representative(row, person, schema, today)
    used = {group_key(r.values["study_group"]) for r in results if r.values.get("study_group")}
    return Preview(
        rows=results,
        schema=schema,
        new_groups=[name for key, name in new_groups.items() if key in used],
    )


def _check_representative(
    row: RowResult, person: dict[str, Any] | None, schema: Schema, today: datetime.date
) -> None:
    """A minor needs a parent or legal representative: in the row or already stored."""
    birth = row.values.get("birth_date") or (person or {}).get("birth_date")
    if birth is None or full_years(birth, today) >= ADULT_AGE:
        return
    if row.values.get("representative_name") or (person or {}).get("representative_name"):
        return
    row.problems.append(
        Problem(
            str(schema.column_by_field["representative_name"].label),
            _(
                "The student is under 18: fill in the parent (legal representative), who signs "
                "the consents to the processing of personal data."
            ),
        )
    )


def _detect_gender(row: RowResult) -> None:
    values = row.values
    gender = detect_gender(
        first_name=values.get("first_name", ""), patronymic=values.get("patronymic", "")
    )
    if gender is None:
        row.problems.append(
            Problem(
                str(COLUMN_BY_FIELD["gender"].label),
                _("The gender cannot be told from the name and patronymic: write «м» or «ж»."),
            )
        )
    else:
        values["gender"] = str(gender)


def _changes(values: dict[str, Any], person: dict[str, Any], today: datetime.date) -> list[str]:
    """The fields an update writes: the non-empty cells that differ from the stored values
    (the experience compared as counted on `today`), and «on staff» again for a person who
    had left."""
    changes = []
    for name, value in values.items():
        # The names matched (up to case and «ё»): the stored spelling stays, so that a list
        # typed in capitals does not turn the names in documents into capitals.
        if name in _NAME_FIELDS or name in ("experience_years", "experience_as_of"):
            continue
        if person[name] != value:
            changes.append(name)
    if "experience_years" in values:
        stored = person["experience_years"]
        if stored is not None and person["experience_as_of"] is not None:
            stored += max(full_years(person["experience_as_of"], today), 0)
        if stored != values["experience_years"]:
            changes += ["experience_years", "experience_as_of"]
    if not person["is_active"]:
        values["is_active"] = True
        changes.append("is_active")
    return changes


# Saving ------------------------------------------------------------------------------------


def _dated(values: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """The values with the experience counted as of `today`."""
    if "experience_years" in values:
        return {**values, "experience_as_of": today}
    return values


def _with_groups(preview: Preview, organization: Organization) -> tuple[dict[str, StudyGroup], int]:
    """The groups the rows name, by `group_key`, and how many of them are created now (with
    the course and the specialty of their first row)."""
    first_rows = {
        group_key(r.values["study_group"]): r
        for r in reversed(preview.rows)
        if r.values.get("study_group")
    }
    if not first_rows:
        return {}, 0
    groups = {
        group_key(g.name): g
        for g in StudyGroup.objects.select_for_update().filter(organization=organization)
    }
    created = 0
    for key, row in first_rows.items():
        if key not in groups:
            groups[key] = StudyGroup.objects.create(
                organization=organization,
                name=row.values["study_group"],
                course=row.values.get("course"),
                specialty=row.values.get("specialty", ""),
            )
            created += 1
    return groups, created


def _model_values(values: dict[str, Any], groups: dict[str, StudyGroup]) -> dict[str, Any]:
    if "study_group" in values:
        return {**values, "study_group": groups[group_key(values["study_group"])]}
    return values


def apply(
    preview: Preview, *, actor: Any, organization: Organization, today: datetime.date
) -> dict[str, int]:
    """Create and update the people of a clean preview in one transaction; audit it once.

    The people created are of the kind of the preview's schema; the groups or classes they
    name that the organization does not have are created first. Returns {"created": n,
    "updated": m, "unchanged": k} (and "groups_created" for a list with groups). Raises
    `ImportFileError` when the preview has problems, or when a person it updates has left the
    list meanwhile.
    """
    if not preview.ok:
        raise ImportFileError(_("The file has problems: correct them and upload it again."))
    schema = preview.schema
    creates = [r for r in preview.rows if r.action == CREATE]
    updates = [r for r in preview.rows if r.action == UPDATE]
    with transaction.atomic():
        members = (
            StaffMember.objects.select_for_update()
            .filter(organization=organization, kind=schema.kind, anonymized_at__isnull=True)
            .in_bulk([r.match_id for r in updates])
        )
        if len(members) != len(updates):
            raise ImportFileError(str(schema.list_changed))
        groups, groups_created = _with_groups(preview, organization)
        StaffMember.objects.bulk_create(
            [
                StaffMember(
                    organization=organization,
                    kind=schema.kind,
                    **_model_values(_dated(r.values, today), groups),
                )
                for r in creates
            ],
            batch_size=BATCH_SIZE,
        )
        changed: list[StaffMember] = []
        fields: set[str] = set()
        for row in updates:
            member = members[row.match_id]
            values = _model_values(row.values, groups)
            for name in row.changes:
                setattr(member, name, today if name == "experience_as_of" else values[name])
            fields.update(row.changes)
            changed.append(member)
        if changed:
            StaffMember.objects.bulk_update(changed, sorted(fields), batch_size=BATCH_SIZE)
        counts = {"created": len(creates), "updated": len(updates), "unchanged": preview.unchanged}
        details: dict[str, Any] = dict(counts)
        if schema is not STAFF:
            details["kind"] = schema.kind
            if "study_group" in schema.column_by_field:
                counts["groups_created"] = details["groups_created"] = groups_created
        audit(
            actor=actor,
            action=schema.audit_action,
            target=organization,
            organization=organization,
            region=organization.municipality.region,
            **details,
        )
    return counts
