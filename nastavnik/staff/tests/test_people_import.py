"""The import of students, schoolchildren and employers' mentors (issue 12, seed 004): the staff
import's preview-and-confirm flow with the columns and rules of each kind."""

import datetime
import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nastavnik.core.models import AuditEvent
from nastavnik.staff import importing
from nastavnik.staff.importing import (
    EXTERNAL,
    SCHOOLCHILDREN,
    STAFF,
    STUDENTS,
    Preview,
    Schema,
    apply,
    guess_mapping,
    read_table,
    template_xlsx,
    validate,
)
from nastavnik.staff.models import PersonKind, StaffImport, StaffMember, StudyGroup
from nastavnik.testing import BaseTestCase, StaffMemberFactory

TODAY = datetime.date(2025, 9, 15)
MINOR = datetime.date(2009, 5, 20)  # 16 on TODAY
ADULT = datetime.date(2005, 2, 1)
STUDENT_HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Группа",
    "Курс",
    "Специальность",
    "Родитель (законный представитель)",
    "Телефон родителя",
]
EXTERNAL_HEADERS = ["Фамилия", "Имя", "Отчество", "Работодатель", "Должность", "Договор"]
MINOR_MESSAGE_RU = "Обучающемуся нет 18 лет: укажите родителя (законного представителя)"


def workbook(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def student(
    last_name: str = "Смирнов",
    first_name: str = "Кирилл",
    patronymic: str = "Андреевич",
    birth: datetime.date = MINOR,
    group: str = "ТМ-21",
    course: Any = 2,
    specialty: str = "15.02.16 Технология машиностроения",
    parent: str = "Смирнова Елена Викторовна",
    parent_phone: str = "+7 900 111-22-33",
) -> list[Any]:
    return [
        last_name,
        first_name,
        patronymic,
        birth.strftime("%d.%m.%Y"),
        group,
        course,
        specialty,
        parent,
        parent_phone,
    ]


class EngineTestCase(BaseTestCase):
    def preview(self, rows: list[list[Any]], schema: Schema) -> Preview:
        table = read_table(workbook(rows), "list.xlsx", schema)
        return validate(
            table,
            guess_mapping(table.headers, schema),
            organization=self.w.org_a2,
            today=TODAY,
            schema=schema,
        )

    def load(self, rows: list[list[Any]], schema: Schema) -> dict[str, int]:
        preview = self.preview(rows, schema)
        self.assertEqual(self.problems(preview), [])
        return apply(preview, actor=self.w.multi, organization=self.w.org_a2, today=TODAY)

    @staticmethod
    def problems(preview: Preview) -> list[tuple[int, str, str]]:
        return [(r.number, p.column, p.message) for r in preview.rows for p in r.problems]


class StudentImportTests(EngineTestCase):
    def test_the_columns_of_a_students_list_are_found_by_their_russian_names(self) -> None:
        headers = [
            "ФАМИЛИЯ",
            "Имя",
            "Отчество",
            "Пол",
            "Дата рожд.",
            "Учебная группа",
            "Курс",
            "Специальность (профессия)",
            "E-mail",
            "Телефон",
            "ФИО родителя",
            "Телефон законного представителя",
            "E-mail родителя",
        ]
        self.assertEqual(
            list(guess_mapping(headers, STUDENTS).values()), [c.field for c in STUDENTS.columns]
        )
        self.assertEqual(guess_mapping(["Класс", "Школа"], SCHOOLCHILDREN)[1], "home_organization")
        self.assertEqual(guess_mapping(["Класс", "Школа"], SCHOOLCHILDREN)[0], "study_group")
        self.assertEqual(
            guess_mapping(EXTERNAL_HEADERS, EXTERNAL),
            dict(
                enumerate(
                    ["last_name", "first_name", "patronymic", "home_organization", "position"]
                    + ["agreement"]
                )
            ),
        )

    def test_a_minor_without_a_parent_is_a_row_problem(self) -> None:
        preview = self.preview(
            [
                STUDENT_HEADERS,
                student(parent="", parent_phone=""),
                student("Орлова", "Анна", "Ивановна", birth=ADULT, parent=""),
            ],
            STUDENTS,
        )
        self.assertFalse(preview.ok)
        self.assertEqual(
            self.problems(preview),
            [
                (
                    2,
                    str(STUDENTS.column_by_field["representative_name"].label),
                    _(
                        "The student is under 18: fill in the parent (legal representative), "
                        "who signs the consents to the processing of personal data."
                    ),
                )
            ],
        )
        with self.assertRaises(importing.ImportFileError):
            apply(preview, actor=self.w.multi, organization=self.w.org_a2, today=TODAY)
        self.assertFalse(StaffMember.objects.filter(kind=PersonKind.STUDENT).exists())
        self.assertFalse(StudyGroup.objects.exists())

    def test_the_date_of_birth_and_the_group_are_required_and_checked(self) -> None:
        preview = self.preview(
            [
                STUDENT_HEADERS,
                ["Смирнов", "Кирилл", "Андреевич", "", "ТМ-21", 2, "", "Смирнова Е. В.", ""],
                student(group=""),
                student("Орлов", "Олег", "Петрович", birth=datetime.date(2022, 1, 1)),
                student("Пахомов", "Илья", "Ильич", course=7),
            ],
            STUDENTS,
        )
        messages = {(n, m) for n, _c, m in self.problems(preview)}
        self.assertIn(
            (2, _("Fill in the date of birth: it tells whether the student is a minor.")), messages
        )
        self.assertIn((3, _("Fill in the group or class.")), messages)
        self.assertIn(
            (
                4,
                _(
                    "Date of birth %(date)s: the person would be younger than %(age)s. Check "
                    "the year."
                )
                % {"date": "01.01.2022", "age": 6},
            ),
            messages,
        )
        self.assertIn(
            (
                5,
                _("«%(value)s» is not a course or year of study: write a number from 1 to %(max)s.")
                % {"value": "7", "max": 6},
            ),
            messages,
        )

    def test_with_the_parent_the_students_are_saved_and_the_group_is_created(self) -> None:
        StudyGroup.objects.create(organization=self.w.org_a2, name="ЭС-11", course=1)
        counts = self.load(
            [
                STUDENT_HEADERS,
                student(),
                student("Орлова", "Анна", "Ивановна", birth=ADULT, parent="", group="ТМ-21"),
                student("Белов", "Иван", "Сергеевич", birth=ADULT, parent="", group="эс 11"),
            ],
            STUDENTS,
        )
        self.assertEqual(counts, {"created": 3, "updated": 0, "unchanged": 0, "groups_created": 1})
        kirill = StaffMember.objects.get(last_name="Смирнов")
        self.assertEqual(kirill.kind, PersonKind.STUDENT)
        self.assertEqual(kirill.organization, self.w.org_a2)
        self.assertEqual(kirill.gender, StaffMember.Gender.MALE)  # from the patronymic
        self.assertEqual(kirill.representative_name, "Смирнова Елена Викторовна")
        self.assertEqual(kirill.representative_phone, "+7 900 111-22-33")
        self.assertEqual((kirill.course, kirill.birth_date), (2, MINOR))
        assert kirill.study_group is not None
        group = kirill.study_group
        self.assertEqual(
            (group.name, group.course, group.specialty, group.organization),
            ("ТМ-21", 2, "15.02.16 Технология машиностроения", self.w.org_a2),
        )
        self.assertEqual(StaffMember.objects.get(last_name="Орлова").study_group, group)
        # «эс 11» is the group «ЭС-11» the college already has.
        self.assertEqual(StaffMember.objects.get(last_name="Белов").study_group.name, "ЭС-11")  # type: ignore[union-attr]
        self.assertEqual(StudyGroup.objects.filter(organization=self.w.org_a2).count(), 2)
        event = AuditEvent.objects.get(action="people_import")
        self.assertEqual(event.organization, self.w.org_a2)
        self.assertEqual(event.details["kind"], "student")
        self.assertEqual(event.details["created"], 3)
        self.assertEqual(AuditEvent.objects.filter(action="staff_import").count(), 0)

    def test_a_re_import_updates_instead_of_duplicating(self) -> None:
        self.load([STUDENT_HEADERS, student()], STUDENTS)
        preview = self.preview(
            [
                STUDENT_HEADERS,
                student(group="ТМ-31", course=3, parent_phone="+7 900 999-99-99"),
            ],
            STUDENTS,
        )
        self.assertEqual(preview.new_groups, ["ТМ-31"])
        row = preview.rows[0]
        self.assertEqual(row.action, importing.UPDATE)
        self.assertEqual(sorted(row.changes), ["course", "representative_phone", "study_group"])
        counts = apply(preview, actor=self.w.multi, organization=self.w.org_a2, today=TODAY)
        self.assertEqual((counts["created"], counts["updated"]), (0, 1))
        kirill = StaffMember.objects.get(last_name="Смирнов")
        self.assertEqual(StaffMember.objects.filter(last_name="Смирнов").count(), 1)
        self.assertEqual((kirill.study_group.name, kirill.course), ("ТМ-31", 3))  # type: ignore[union-attr]
        self.assertEqual(kirill.representative_phone, "+7 900 999-99-99")
        # The same file once more changes nothing; a file without the parent keeps the stored
        # one and is not a problem for the minor.
        again = self.preview([STUDENT_HEADERS[:6], student(group="тм-31", course=3)[:6]], STUDENTS)
        self.assertEqual(self.problems(again), [])
        self.assertEqual(again.rows[0].action, importing.UNCHANGED)
        self.assertEqual(again.new_groups, [])

    def test_a_member_of_staff_with_the_same_name_is_not_matched(self) -> None:
        teacher = StaffMemberFactory.create(
            organization=self.w.org_a2,
            last_name="Смирнов",
            first_name="Кирилл",
            patronymic="Андреевич",
            gender=StaffMember.Gender.MALE,
            birth_date=MINOR,
            position="Лаборант",
        )
        preview = self.preview([STUDENT_HEADERS, student()], STUDENTS)
        self.assertEqual(preview.rows[0].action, importing.CREATE)
        apply(preview, actor=self.w.multi, organization=self.w.org_a2, today=TODAY)
        teacher.refresh_from_db()
        self.assertEqual((teacher.kind, teacher.study_group_id), (PersonKind.STAFF, None))
        self.assertEqual(
            StaffMember.objects.filter(last_name="Смирнов", kind=PersonKind.STUDENT).count(), 1
        )
        # …and the staff list does not update the student either.
        staff = self.preview(
            [
                ["Фамилия", "Имя", "Отчество", "Должность"],
                ["Смирнов", "Кирилл", "Андреевич", "Лаборант"],
            ],
            STAFF,
        )
        self.assertEqual(staff.rows[0].action, importing.UNCHANGED)
        self.assertEqual(staff.rows[0].match_id, teacher.pk)

    def test_schoolchildren_have_a_school_and_a_year_up_to_eleven(self) -> None:
        headers = [
            "Фамилия",
            "Имя",
            "Отчество",
            "Дата рождения",
            "Класс",
            "Год обучения",
            "Школа",
            "Родитель",
        ]
        counts = self.load(
            [
                headers,
                [
                    "Кузнецова",
                    "Дарья",
                    "Олеговна",
                    "11.02.2011",
                    "9А",
                    9,
                    "МБОУ СОШ № 5",
                    "Кузнецов Олег Павлович",
                ],
            ],
            SCHOOLCHILDREN,
        )
        self.assertEqual(counts["created"], 1)
        darya = StaffMember.objects.get(last_name="Кузнецова")
        self.assertEqual(
            (darya.kind, darya.home_organization, darya.course, darya.gender),
            (PersonKind.SCHOOLCHILD, "МБОУ СОШ № 5", 9, StaffMember.Gender.FEMALE),
        )
        self.assertEqual(darya.study_group.name, "9А")  # type: ignore[union-attr]


class ExternalImportTests(EngineTestCase):
    def test_a_mentor_without_an_employer_is_rejected(self) -> None:
        preview = self.preview(
            [
                EXTERNAL_HEADERS,
                ["Волков", "Сергей", "Николаевич", "", "Главный технолог", ""],
                ["Зайцева", "Ольга", "Игоревна", "АО «Прибор»", "", ""],
            ],
            EXTERNAL,
        )
        self.assertEqual(
            self.problems(preview),
            [
                (
                    2,
                    str(EXTERNAL.column_by_field["home_organization"].label),
                    _("Fill in the employer."),
                ),
                (3, str(EXTERNAL.column_by_field["position"].label), _("Fill in the position.")),
            ],
        )
        without_column = self.preview(
            [["Фамилия", "Имя", "Должность"], ["Волков", "Сергей", "Технолог"]], EXTERNAL
        )
        self.assertEqual(len(without_column.errors), 1)
        self.assertIn(
            str(EXTERNAL.column_by_field["home_organization"].label), without_column.errors[0]
        )

    def test_employers_mentors_are_saved_with_their_kind_and_agreement(self) -> None:
        rows = [
            EXTERNAL_HEADERS + ["Дата рождения"],
            [
                "Волков",
                "Сергей",
                "Николаевич",
                "АО «Прибор»",
                "Главный технолог",
                "Договор № 12",
                "02.11.1978",
            ],
        ]
        self.assertEqual(self.load(rows, EXTERNAL), {"created": 1, "updated": 0, "unchanged": 0})
        volkov = StaffMember.objects.get(last_name="Волков")
        self.assertEqual(
            (volkov.kind, volkov.home_organization, volkov.position, volkov.agreement),
            (PersonKind.EXTERNAL, "АО «Прибор»", "Главный технолог", "Договор № 12"),
        )
        rows[1][4] = "Технический директор"
        preview = self.preview(rows, EXTERNAL)
        self.assertEqual((preview.created, preview.updated), (0, 1))


class TemplateTests(EngineTestCase):
    def test_each_template_has_the_columns_of_its_kind_and_reads_back_cleanly(self) -> None:
        with translation.override("ru"):
            for schema in (STUDENTS, SCHOOLCHILDREN, EXTERNAL):
                with self.subTest(schema.kind):
                    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(schema)))
                    headers = [c.value for c in book.worksheets[0][1]]
                    self.assertEqual(headers, [str(c.label) for c in schema.columns])
                    self.assertIn("Фамилия", headers)
                    self.assertEqual(book.worksheets[0].title, str(schema.sheet_title)[:31])
                    guide = [c.value for c in book.worksheets[1]["A"]]
                    self.assertEqual(guide[0], str(schema.guide_title))
                    table = read_table(template_xlsx(schema), "template.xlsx", schema)
                    mapping = guess_mapping(table.headers, schema)
                    self.assertEqual(len(mapping), len(schema.columns))
                    preview = validate(
                        table, mapping, organization=self.w.org_a2, today=TODAY, schema=schema
                    )
                    self.assertEqual(self.problems(preview), [])


class PeopleImportViewTests(BaseTestCase):
    def url(self, name: str, kind: str, *args: object) -> str:
        return reverse(f"staff:{name}", args=[self.w.org_a2.pk, kind, *args])

    def upload(self, kind: str, rows: list[list[Any]]) -> Any:
        return self.client.post(
            self.url("people_import", kind),
            {"file": SimpleUploadedFile("list.xlsx", workbook(rows))},
        )

    def minor_birth(self) -> datetime.date:
        today = timezone.localdate()
        return today.replace(year=today.year - 16, day=min(today.day, 28))

    def test_the_upload_page_and_the_template_of_each_kind(self) -> None:
        self.login(self.w.multi)  # a curator of the college org_a2
        for kind, title in (
            ("student", _("Upload the list of students")),
            ("schoolchild", _("Upload the list of schoolchildren")),
            ("external", _("Upload the list of employers' mentors")),
        ):
            with self.subTest(kind):
                page = self.client.get(self.url("people_import", kind))
                self.assertContains(page, f"<h1>{title}</h1>", html=True)
                self.assertContains(page, self.url("people_import_template", kind))
                response = self.client.get(self.url("people_import_template", kind))
                book = openpyxl.load_workbook(io.BytesIO(response.content))
                headers = [c.value for c in book.worksheets[0][1]]
                self.assertEqual(headers, [str(c.label) for c in importing.SCHEMAS[kind].columns])
        self.assertEqual(self.client.get(self.url("people_import", "staff")).status_code, 404)
        self.assertEqual(self.client.get(self.url("people_import", "aliens")).status_code, 404)
        self.assertEqual(
            self.client.get(self.url("people_import_template", "teachers")).status_code, 404
        )

    def test_a_minor_without_a_parent_is_shown_and_nothing_is_saved(self) -> None:
        self.login(self.w.multi)
        response = self.upload(
            "student", [STUDENT_HEADERS, student(birth=self.minor_birth(), parent="")]
        )
        record = StaffImport.objects.get()
        self.assertEqual(record.kind, PersonKind.STUDENT)
        self.assertRedirects(response, self.url("people_import_preview", "student", record.pk))
        page = self.client.get(self.url("people_import_preview", "student", record.pk))
        self.assertContains(
            page,
            _(
                "The student is under 18: fill in the parent (legal representative), who signs "
                "the consents to the processing of personal data."
            ),
        )
        self.assertNotContains(page, "confirm-import")
        self.client.post(
            self.url("people_import_preview", "student", record.pk), {"action": "confirm"}
        )
        self.assertFalse(StaffMember.objects.filter(kind=PersonKind.STUDENT).exists())
        self.assertFalse(StudyGroup.objects.exists())
        # The upload of students is not a staff upload, and not one of employers' mentors.
        self.assertEqual(
            self.client.get(
                reverse("staff:staff_import_preview", args=[self.w.org_a2.pk, record.pk])
            ).status_code,
            404,
        )
        self.assertEqual(
            self.client.get(self.url("people_import_preview", "external", record.pk)).status_code,
            404,
        )

    def test_students_with_the_parent_are_loaded_and_then_updated(self) -> None:
        self.login(self.w.multi)
        rows = [STUDENT_HEADERS, student(birth=self.minor_birth())]
        self.upload("student", rows)
        record = StaffImport.objects.get()
        page = self.client.get(self.url("people_import_preview", "student", record.pk))
        self.assertContains(page, 'id="confirm-import"')
        self.assertContains(page, 'id="new-groups"')
        response = self.client.post(
            self.url("people_import_preview", "student", record.pk), {"action": "confirm"}
        )
        self.assertEqual(
            response["Location"], reverse("staff:student_list", args=[self.w.org_a2.pk])
        )
        kirill = StaffMember.objects.get(last_name="Смирнов")
        self.assertEqual(kirill.kind, PersonKind.STUDENT)
        self.assertEqual(kirill.study_group.name, "ТМ-21")  # type: ignore[union-attr]
        rows[1][5] = 3
        self.upload("student", rows)
        second = StaffImport.objects.order_by("-pk").first()
        assert second is not None
        self.client.post(
            self.url("people_import_preview", "student", second.pk), {"action": "confirm"}
        )
        self.assertEqual(StaffMember.objects.filter(last_name="Смирнов").count(), 1)
        self.assertEqual(StaffMember.objects.get(last_name="Смирнов").course, 3)

    def test_employers_mentors_go_to_their_list(self) -> None:
        self.login(self.w.multi)
        self.upload(
            "external",
            [EXTERNAL_HEADERS, ["Волков", "Сергей", "Николаевич", "АО «Прибор»", "Технолог", ""]],
        )
        record = StaffImport.objects.get(kind=PersonKind.EXTERNAL)
        response = self.client.post(
            self.url("people_import_preview", "external", record.pk), {"action": "confirm"}
        )
        self.assertEqual(
            response["Location"], reverse("staff:external_list", args=[self.w.org_a2.pk])
        )
        self.assertEqual(StaffMember.objects.get(last_name="Волков").kind, PersonKind.EXTERNAL)

    def test_another_organizations_curator_gets_404(self) -> None:
        self.login(self.w.multi)
        self.upload("student", [STUDENT_HEADERS, student(birth=ADULT)])
        record = StaffImport.objects.get()
        self.login(self.w.curator_b)
        for url in (
            self.url("people_import", "student"),
            self.url("people_import_template", "student"),
            self.url("people_import_preview", "student", record.pk),
        ):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.post(
            self.url("people_import_preview", "student", record.pk), {"action": "confirm"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(StaffMember.objects.filter(kind=PersonKind.STUDENT).exists())
        # Own organization, but no right to manage it.
        self.login(self.w.municipal_a)
        self.assertEqual(self.client.get(self.url("people_import", "student")).status_code, 403)

    def test_the_messages_are_russian(self) -> None:
        self.login(self.w.multi)
        self.upload(
            "student",
            [
                STUDENT_HEADERS,
                ["", "Олег", "Петрович", "32.13.2008", "ТМ-21", 2, "", "Петрова Ольга", ""],
                student(birth=self.minor_birth(), parent=""),
            ],
        )
        record = StaffImport.objects.get()
        page = self.client.get(self.url("people_import_preview", "student", record.pk))
        self.assertContains(page, "Заполните фамилию.")
        self.assertContains(page, "«32.13.2008» — это не дата")
        confirm = self.client.post(
            self.url("people_import_preview", "student", record.pk),
            {"action": "confirm"},
            follow=True,
        )
        self.assertContains(confirm, "В файле есть ошибки")
        with translation.override("ru"):
            minor = _(
                "The student is under 18: fill in the parent (legal representative), who signs "
                "the consents to the processing of personal data."
            )
        if not minor.startswith("Обучающемуся"):
            self.skipTest("the Russian catalog of issue 12 is not compiled yet")
        self.assertContains(page, MINOR_MESSAGE_RU)
        self.assertContains(page, "Проверка списка обучающихся")
        upload = self.client.get(self.url("people_import", "student"))
        self.assertContains(upload, "Загрузка списка обучающихся")
        upload = self.client.get(self.url("people_import", "external"))
        self.assertContains(upload, "Загрузка списка наставников от работодателей")
