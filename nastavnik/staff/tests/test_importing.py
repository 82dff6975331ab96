"""The staff-list import: broken files, the rules for the rows, re-import, the template."""

import csv
import datetime
import io
import random
import zipfile
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from nastavnik.core.demo import random_person
from nastavnik.core.models import AuditEvent
from nastavnik.staff.importing import (
    COLUMNS,
    MAX_ROWS,
    ImportFileError,
    Preview,
    RowResult,
    Table,
    apply,
    guess_mapping,
    read_table,
    template_xlsx,
    validate,
)
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory

TODAY = datetime.date(2025, 9, 15)
HEADERS = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Должность"]


def xlsx(rows: list[list[Any]], *, merge: str | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def big_xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode(encoding)


def label(field: str) -> str:
    return next(str(c.label) for c in COLUMNS if c.field == field)


class ImportTestCase(BaseTestCase):
    def preview(self, content: bytes, name: str = "staff.xlsx") -> Preview:
        table = read_table(content, name)
        return validate(table, guess_mapping(table.headers), organization=self.w.org_a, today=TODAY)

    def preview_rows(self, *rows: list[Any], headers: list[str] = HEADERS) -> Preview:
        return self.preview(xlsx([headers, *rows]))

    def import_file(self, content: bytes, name: str = "staff.xlsx") -> dict[str, int]:
        preview = self.preview(content, name)
        self.assertEqual(preview.errors, [])
        self.assertEqual([(r.number, r.problems) for r in preview.rows if r.problems], [])
        return apply(preview, actor=self.w.curator_a, organization=self.w.org_a, today=TODAY)

    def refuse(self, content: bytes, name: str) -> str:
        """The message a broken file gives; checks that nothing was written."""
        before = StaffMember.objects.count(), AuditEvent.objects.count()
        with self.assertRaises(ImportFileError) as caught:
            self.import_file(content, name)
        self.assertEqual((StaffMember.objects.count(), AuditEvent.objects.count()), before)
        message = str(caught.exception)
        self.assertTrue(message)
        return message

    def problems(self, row: RowResult) -> list[tuple[str, str]]:
        return [(p.column, p.message) for p in row.problems]


class BrokenFileTests(ImportTestCase):
    def test_it_refuses_a_file_that_is_not_a_spreadsheet(self) -> None:
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
        self.assertIn("photo.png", self.refuse(png, "photo.png"))
        self.refuse(png, "staff.csv")
        noise = random.Random(1).randbytes(4096)
        self.assertIn("staff.xlsx", self.refuse(noise, "staff.xlsx"))
        self.refuse(noise, "staff.csv")
        self.refuse(b"%PDF-1.7\n...", "staff.pdf")

    def test_it_refuses_a_zip_that_is_not_a_workbook(self) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
        self.assertIn("order.docx", self.refuse(buffer.getvalue(), "order.docx"))
        broken = xlsx([HEADERS, ["Иванова", "Мария", "", "", "Учитель"]])[:2000]
        self.refuse(broken, "staff.xlsx")

    def test_it_tells_to_save_an_ods_spreadsheet_as_xlsx(self) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            archive.writestr("content.xml", "<office:document-content/>")
        self.assertIn(".ods", self.refuse(buffer.getvalue(), "staff.ods"))

    def test_it_refuses_an_old_xls_file(self) -> None:
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048
        self.assertIn(".xlsx", self.refuse(ole, "staff.xls"))

    def test_it_refuses_a_workbook_protected_by_a_password(self) -> None:
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")
        message = self.refuse(ole + b"\x00" * 512, "staff.xlsx")
        self.assertNotIn(".xls)", message)

    def test_it_refuses_a_web_page_saved_as_a_table(self) -> None:
        self.refuse(b"<html><body><table><tr><td>1</td></tr></table></body></html>", "s.xls")

    def test_it_refuses_an_empty_file(self) -> None:
        self.refuse(b"", "staff.xlsx")
        self.refuse(b"  \r\n\r\n", "staff.csv")
        self.refuse(xlsx([]), "staff.xlsx")
        self.refuse(csv_bytes([[";", ""], ["", ""]], delimiter=","), "staff.csv")

    def test_it_refuses_a_header_without_people(self) -> None:
        self.assertIn("1", self.refuse(xlsx([HEADERS]), "staff.xlsx"))
        self.refuse(csv_bytes([HEADERS, [], ["", "", ""]]), "staff.csv")

    def test_it_refuses_merged_cells_naming_the_first_range(self) -> None:
        content = xlsx([["Список педагогов"], HEADERS, ["Иванова", "Мария"]], merge="A1:C1")
        message = self.refuse(content, "staff.xlsx")
        self.assertIn("A1:C1", message)

    def test_it_refuses_more_than_20000_rows(self) -> None:
        rows = [HEADERS] + [
            [f"Фамилия{i}", "Анна", "Сергеевна", "", "Учитель"] for i in range(MAX_ROWS + 1)
        ]
        message = self.refuse(big_xlsx(rows), "staff.xlsx")
        self.assertIn("20000", "".join(ch for ch in message if ch.isdigit()))
        self.refuse(csv_bytes(rows), "staff.csv")

    def test_it_names_the_required_columns_that_are_missing(self) -> None:
        preview = self.preview(xlsx([["Имя", "Отчество", "Стаж"], ["Мария", "Петровна", 5]]))
        self.assertFalse(preview.ok)
        self.assertEqual(preview.rows, [])
        self.assertEqual(len(preview.errors), 1)
        for field in ("last_name", "position"):
            self.assertIn(label(field), preview.errors[0])
        self.assertNotIn(label("first_name"), preview.errors[0])
        with self.assertRaises(ImportFileError):
            apply(preview, actor=self.w.curator_a, organization=self.w.org_a, today=TODAY)
        self.assertFalse(AuditEvent.objects.filter(action="staff_import").exists())

    def test_a_field_chosen_for_two_columns_is_an_error(self) -> None:
        table = read_table(
            xlsx([[*HEADERS, "Должность 2"], ["Иванова", "Мария", "", "", "Учитель", "Методист"]]),
            "s.xlsx",
        )
        mapping = guess_mapping(table.headers) | {5: "position"}
        preview = validate(table, mapping, organization=self.w.org_a, today=TODAY)
        self.assertEqual(len(preview.errors), 1)
        self.assertIn(label("position"), preview.errors[0])
        self.assertIn("«Должность 2»", preview.errors[0])


class ReadingTests(ImportTestCase):
    def test_a_csv_in_cp1251_with_semicolons_is_read(self) -> None:
        content = csv_bytes(
            [HEADERS, ["Фёдорова", "Алёна", "Игоревна", "01.09.1990", "Учитель; музыки"]],
            encoding="cp1251",
        )
        table = read_table(content, "staff.csv")
        self.assertEqual(table.headers, HEADERS)
        self.assertEqual(
            table.rows, [(2, ["Фёдорова", "Алёна", "Игоревна", "01.09.1990", "Учитель; музыки"])]
        )
        self.assertEqual(self.import_file(content, "staff.csv")["created"], 1)
        member = self.w.org_a.staff.get(last_name="Фёдорова")
        self.assertEqual(member.birth_date, datetime.date(1990, 9, 1))
        self.assertEqual(member.gender, "female")

    def test_a_csv_with_commas_or_tabs_and_a_bom_is_read(self) -> None:
        for delimiter in (",", "\t"):
            content = b"\xef\xbb\xbf" + csv_bytes(
                [HEADERS, ["Орлов", "Павел", "Ильич", "1990-09-01", "Учитель, методист"]],
                delimiter=delimiter,
            )
            table = read_table(content, "staff.txt")
            self.assertEqual(table.headers, HEADERS)
            self.assertEqual(table.rows[0][1][4], "Учитель, методист")

    def test_row_numbers_are_those_the_user_sees_and_empty_rows_are_skipped(self) -> None:
        content = xlsx(
            [
                ["Список педагогов МБОУ «СОШ № 1»"],
                [],
                HEADERS,
                ["Иванова", "Мария", "Петровна", "", "Учитель"],
                [None, None, "  "],
                ["Петров", "Олег", "Ильич", "", "Учитель"],
            ]
        )
        table = read_table(content, "staff.xlsx")
        self.assertEqual(table.headers, HEADERS)
        self.assertEqual([number for number, _values in table.rows], [4, 6])
        lines = csv_bytes([HEADERS, [], ["Иванова", "Мария", "", "", "Учитель"]])
        self.assertEqual([n for n, _v in read_table(lines, "s.csv").rows], [3])

    def test_the_mapping_is_guessed_from_russian_headers(self) -> None:
        headers = [
            "№ п/п",
            "Фамилия",
            "Имя",
            "Отчество",
            "ДР",
            "Пол (м/ж)",
            "Занимаемая должность",
            "Преподаваемые предметы",
            "Кв. категория",
            "Педагогический стаж (лет)",
            "Дата приёма на работу",
            "Образование",
            "Эл. почта",
            "Телефон",
            "E-mail",
            "Примечание",
        ]
        self.assertEqual(
            guess_mapping(headers),
            {
                1: "last_name",
                2: "first_name",
                3: "patronymic",
                4: "birth_date",
                5: "gender",
                6: "position",
                7: "subjects",
                8: "category",
                9: "experience_years",
                10: "hired_on",
                11: "education",
                12: "email",
                13: "phone",
            },
        )
        self.assertEqual(
            guess_mapping(["ФАМИЛИЯ СОТРУДНИКА", "имя", "Дата рожд.", "Стаж, лет", "E-mail"]),
            {0: "last_name", 1: "first_name", 2: "birth_date", 3: "experience_years", 4: "email"},
        )
        self.assertEqual(
            guess_mapping(["Surname", "First name", "Position"]),
            {0: "last_name", 1: "first_name", 2: "position"},
        )

    def test_the_template_round_trips(self) -> None:
        with translation.override("ru"):
            content = template_xlsx()
            table = read_table(content, "template.xlsx")
            mapping = guess_mapping(table.headers)
        self.assertEqual(sorted(mapping.values()), sorted(c.field for c in COLUMNS))
        preview = validate(table, mapping, organization=self.w.org_a, today=TODAY)
        self.assertTrue(preview.ok, [r.problems for r in preview.rows])
        self.assertEqual(preview.created, 1)
        values = preview.rows[0].values
        self.assertEqual(values["gender"], "female")
        self.assertEqual(values["category"], StaffMember.Category.FIRST)
        self.assertEqual(values["birth_date"], datetime.date(1985, 3, 14))
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content))
        self.assertEqual(len(workbook.worksheets), 2)
        first, guide = workbook.worksheets
        self.assertEqual(first.title, _("Teachers"))
        self.assertEqual(first.freeze_panes, "A2")
        self.assertTrue(first["A1"].font.b)
        guide_text = " ".join(str(v) for row in guide.iter_rows(values_only=True) for v in row if v)
        for column in COLUMNS:
            self.assertIn(str(column.label), guide_text)
        self.assertIn("01.09.1990", guide_text)
        self.assertIn("«высшая»", guide_text)


class RowRuleTests(ImportTestCase):
    def test_empty_surname_first_name_or_position_is_a_problem(self) -> None:
        preview = self.preview_rows(
            ["  ", "Мария", "Петровна", "", "Учитель"],
            ["Иванова", "", "Петровна", "", "Учитель"],
            ["Иванова", "Мария", "Петровна", "", " "],
        )
        self.assertFalse(preview.ok)
        self.assertEqual(preview.problem_rows, 3)
        columns = [[p.column for p in r.problems] for r in preview.rows]
        self.assertEqual(
            columns, [[label("last_name")], [label("first_name")], [label("position")]]
        )
        self.assertEqual([r.number for r in preview.rows], [2, 3, 4])

    def test_names_are_stripped_and_spaces_inside_collapsed(self) -> None:
        preview = self.preview_rows(
            ["  Салтыкова-\u00a0Щедрина ", " Анна  Мария ", "Петровна", "", " Учитель   музыки "]
        )
        values = preview.rows[0].values
        self.assertEqual(values["last_name"], "Салтыкова- Щедрина")
        self.assertEqual(values["first_name"], "Анна Мария")
        self.assertEqual(values["position"], "Учитель музыки")
        self.assertEqual(preview.rows[0].full_name, "Салтыкова- Щедрина Анна Мария Петровна")

    def test_dates_are_read_in_the_usual_forms(self) -> None:
        accepted = [
            datetime.datetime(1990, 9, 1),  # noqa: DTZ001 (a cell of Excel has no zone)
            datetime.date(1990, 9, 1),
            "01.09.1990",
            "1.9.1990",
            "01.09.90",
            "1990-09-01",
            "01/09/1990",
            "01.09.1990 г.",
            "1990-09-01 00:00:00",
            33117,
            33117.0,
        ]
        preview = self.preview_rows(
            *[[f"Иванова{i}", "Мария", "Петровна", v, "Учитель"] for i, v in enumerate(accepted)]
        )
        self.assertTrue(preview.ok, [r.problems for r in preview.rows])
        self.assertEqual(
            {r.values["birth_date"] for r in preview.rows}, {datetime.date(1990, 9, 1)}
        )

    def test_a_date_that_is_not_a_date_is_a_problem_of_its_row(self) -> None:
        refused = [
            "31.02.1990",
            "вчера",
            "1990",
            "01.13.1990",
            "15.09.2015",
            "01.01.1900",
            True,
            1990,
        ]
        preview = self.preview_rows(
            ["Иванова", "Мария", "Петровна", "01.09.1990", "Учитель"],
            *[[f"Петрова{i}", "Анна", "Ивановна", v, "Учитель"] for i, v in enumerate(refused)],
        )
        self.assertEqual(preview.problem_rows, len(refused))
        self.assertEqual(preview.rows[0].problems, [])
        for row, value in zip(preview.rows[1:], refused, strict=True):
            self.assertEqual([p.column for p in row.problems], [label("birth_date")], value)
        self.assertIn("31.02.1990", preview.rows[1].problems[0].message)
        self.assertIn("15.09.2015", preview.rows[5].problems[0].message)  # 10 years old
        self.assertIn("16", preview.rows[5].problems[0].message)

    def test_a_hire_date_in_the_future_is_a_problem(self) -> None:
        headers = ["Фамилия", "Имя", "Отчество", "Должность", "Дата приёма"]
        preview = self.preview_rows(
            ["Иванова", "Мария", "Петровна", "Учитель", "01.09.2025"],
            ["Петрова", "Анна", "Ивановна", "Учитель", "16.09.2025"],
            headers=headers,
        )
        self.assertEqual(preview.rows[0].values["hired_on"], datetime.date(2025, 9, 1))
        self.assertEqual(self.problems(preview.rows[0]), [])
        self.assertEqual([p.column for p in preview.rows[1].problems], [label("hired_on")])
        self.assertIn("16.09.2025", preview.rows[1].problems[0].message)

    def test_gender_words_and_the_gender_from_the_patronymic(self) -> None:
        headers = ["Фамилия", "Имя", "Отчество", "Пол", "Должность"]
        preview = self.preview_rows(
            ["Иванов", "Саша", "", "М", "Учитель"],
            ["Иванова", "Саша", "", " жен. ", "Учитель"],
            ["Петров", "Женя", "", "f", "Учитель"],
            ["Петрова", "Мария", "Ильинична", "", "Учитель"],
            ["Сидоров", "Олег", "Ильич", "", "Учитель"],
            ["Смирнова", "Женя", "", "", "Учитель"],
            ["Смирнов", "Олег", "", "x", "Учитель"],
            headers=headers,
        )
        genders = [r.values.get("gender") for r in preview.rows]
        self.assertEqual(genders[:5], ["male", "female", "female", "female", "male"])
        self.assertEqual([p.column for p in preview.rows[5].problems], [label("gender")])
        self.assertEqual([p.column for p in preview.rows[6].problems], [label("gender")])
        self.assertIn("«x»", preview.rows[6].problems[0].message)

    def test_categories_are_read_from_words(self) -> None:
        headers = ["Фамилия", "Имя", "Отчество", "Должность", "Категория"]
        words = {
            "Без категории": "none",
            "соответствие (занимаемой должности)": "conformity",
            "СЗД": "conformity",
            "Первая": "first",
            "первая квалификационная категория": "first",
            "ВЫСШАЯ": "highest",
            "Педагог-наставник": "mentor",
            "педагог - методист": "methodist",
        }
        preview = self.preview_rows(
            *[[f"Иванова{i}", "Мария", "Петровна", "Учитель", w] for i, w in enumerate(words)],
            ["Петрова", "Анна", "Ивановна", "Учитель", "Вторая"],
            headers=headers,
        )
        self.assertEqual(
            [r.values.get("category") for r in preview.rows[:-1]], list(words.values())
        )
        problem = preview.rows[-1].problems[0]
        self.assertEqual(problem.column, label("category"))
        self.assertIn("«Вторая»", problem.message)
        self.assertIn("«высшая»", problem.message)

    def test_experience_is_a_whole_number_of_years(self) -> None:
        headers = ["Фамилия", "Имя", "Отчество", "Должность", "Стаж"]
        good = {"5": 5, "5 лет": 5, "5,5": 5, 12: 12, 7.9: 7, "0": 0, "70": 70}
        bad = ["71", "-1", "много", "от 5 до 10"]
        preview = self.preview_rows(
            *[[f"Иванова{i}", "Мария", "Петровна", "Учитель", v] for i, v in enumerate(good)],
            *[[f"Петрова{i}", "Анна", "Ивановна", "Учитель", v] for i, v in enumerate(bad)],
            headers=headers,
        )
        rows = preview.rows
        self.assertEqual(
            [r.values["experience_years"] for r in rows[: len(good)]], list(good.values())
        )
        self.assertEqual({r.values["experience_as_of"] for r in rows[: len(good)]}, {TODAY})
        for row, value in zip(rows[len(good) :], bad, strict=True):
            self.assertEqual([p.column for p in row.problems], [label("experience_years")], value)

    def test_an_email_is_checked(self) -> None:
        headers = ["Фамилия", "Имя", "Отчество", "Должность", "E-mail"]
        preview = self.preview_rows(
            ["Иванова", "Мария", "Петровна", "Учитель", " ivanova@school.ru "],
            ["Петрова", "Анна", "Ивановна", "Учитель", "petrova@"],
            headers=headers,
        )
        self.assertEqual(preview.rows[0].values["email"], "ivanova@school.ru")
        self.assertEqual([p.column for p in preview.rows[1].problems], [label("email")])
        self.assertIn("petrova@", preview.rows[1].problems[0].message)

    def test_a_too_long_value_is_a_problem(self) -> None:
        preview = self.preview_rows(["Иванова", "Мария", "Петровна", "", "Учитель " * 40])
        self.assertEqual([p.column for p in preview.rows[0].problems], [label("position")])

    def test_the_same_person_twice_in_the_file_is_a_problem_of_the_later_row(self) -> None:
        preview = self.preview_rows(
            ["Фёдорова", "Алёна", "Игоревна", "", "Учитель"],
            ["Иванова", "Мария", "Петровна", "01.09.1990", "Учитель"],
            ["ФЕДОРОВА", "Алена ", " Игоревна", "", "Педагог-психолог"],
            ["Иванова", "Мария", "Петровна", "02.10.1991", "Учитель"],  # a namesake
            ["Иванова", "Мария", "Петровна", "", "Учитель"],
        )
        problems = {r.number: self.problems(r) for r in preview.rows if r.problems}
        self.assertEqual(sorted(problems), [4, 6])
        self.assertEqual(problems[4][0][0], "")
        self.assertIn("2", problems[4][0][1])
        self.assertIn("3", problems[6][0][1])
        self.assertFalse(preview.ok)


class SavingTests(ImportTestCase):
    def test_a_clean_file_creates_the_people_and_writes_one_audit_row(self) -> None:
        headers = [c.field for c in COLUMNS]
        content = csv_bytes(
            [
                [
                    "Фамилия",
                    "Имя",
                    "Отчество",
                    "Пол",
                    "Дата рождения",
                    "Должность",
                    "Предметы",
                    "Категория",
                    "Стаж",
                    "Дата приёма",
                    "Образование",
                    "E-mail",
                    "Телефон",
                ],
                [
                    "Иванова",
                    "Мария",
                    "Петровна",
                    "",
                    "14.03.1985",
                    "Учитель математики",
                    "Математика",
                    "высшая",
                    "15 лет",
                    "01.09.2010",
                    "Высшее",
                    "iv@example.ru",
                    "+7 900 123-45-67",
                ],
            ]
        )
        self.assertEqual(len(headers), 13)
        counts = self.import_file(content, "staff.csv")
        self.assertEqual(counts, {"created": 1, "updated": 0, "unchanged": 0})
        member = self.w.org_a.staff.get(last_name="Иванова")
        self.assertEqual(
            (member.gender, member.birth_date, member.category, member.experience_years),
            ("female", datetime.date(1985, 3, 14), "highest", 15),
        )
        self.assertEqual(member.experience_as_of, TODAY)
        self.assertEqual(member.hired_on, datetime.date(2010, 9, 1))
        self.assertEqual((member.email, member.phone), ("iv@example.ru", "+7 900 123-45-67"))
        event = AuditEvent.objects.get(action="staff_import")
        self.assertEqual(event.organization, self.w.org_a)
        self.assertEqual(event.region, self.w.region)
        self.assertEqual(event.details["created"], 1)
        self.assertEqual(event.details["updated"], 0)

    def test_reimporting_the_file_updates_people_instead_of_duplicating_them(self) -> None:
        rows = [
            HEADERS,
            ["Иванова", "Мария", "Петровна", "01.09.1990", "Учитель"],
            ["Петров", "Олег", "Ильич", "", "Учитель физики"],
            ["Альфсотрудникова0", "Анна", "Сергеевна", "", "Учитель математики"],
        ]
        first = self.import_file(xlsx(rows))
        self.assertEqual(first, {"created": 2, "updated": 0, "unchanged": 1})
        count = self.w.org_a.staff.count()
        rows[2][4] = "Методист"
        rows[1][0] = "ИВАНОВА"  # case does not matter
        second = self.import_file(xlsx(rows))
        self.assertEqual(second, {"created": 0, "updated": 1, "unchanged": 2})
        self.assertEqual(self.w.org_a.staff.count(), count)
        self.assertEqual(self.w.org_a.staff.get(last_name="Петров").position, "Методист")
        self.assertEqual(AuditEvent.objects.filter(action="staff_import").count(), 2)

    def test_an_existing_person_is_found_whatever_the_yo_and_the_case(self) -> None:
        member = StaffMemberFactory.create(
            organization=self.w.org_a,
            last_name="Фёдорова",
            first_name="Алёна",
            patronymic="Игоревна",
            position="Учитель",
        )
        preview = self.preview_rows(["федорова", "Алена", "Игоревна", "", "Учитель"])
        row = preview.rows[0]
        self.assertEqual((row.action, row.match_id), ("unchanged", member.pk))

    def test_the_date_of_birth_tells_namesakes_apart(self) -> None:
        common = {
            "organization": self.w.org_a,
            "last_name": "Иванова",
            "first_name": "Мария",
            "patronymic": "Петровна",
        }
        older = StaffMemberFactory.create(birth_date=datetime.date(1970, 1, 1), **common)
        younger = StaffMemberFactory.create(birth_date=datetime.date(1990, 9, 1), **common)
        preview = self.preview_rows(
            ["Иванова", "Мария", "Петровна", "01.09.1990", "Учитель"],
            ["Иванова", "Мария", "Петровна", "01.01.1970", "Учитель"],
            ["Иванова", "Мария", "Петровна", "05.05.1980", "Учитель"],
        )
        self.assertEqual(
            [(r.action, r.match_id) for r in preview.rows],
            [("update", younger.pk), ("update", older.pk), ("create", None)],
        )
        self.assertTrue(preview.ok)
        preview = self.preview_rows(["Иванова", "Мария", "Петровна", "", "Учитель"])
        self.assertEqual(preview.rows[0].problems[0].column, "")
        self.assertIn("Иванова Мария Петровна", preview.rows[0].problems[0].message)

    def test_two_rows_cannot_update_the_same_person(self) -> None:
        StaffMemberFactory.create(
            organization=self.w.org_a,
            last_name="Иванова",
            first_name="Мария",
            patronymic="Петровна",
        )
        preview = self.preview_rows(
            ["Иванова", "Мария", "Петровна", "01.09.1990", "Учитель"],
            ["Иванова", "Мария", "Петровна", "01.01.1970", "Учитель"],
        )
        self.assertEqual(preview.rows[0].problems, [])
        self.assertEqual(preview.rows[1].problems[0].column, "")
        self.assertIn("2", preview.rows[1].problems[0].message)

    def test_an_empty_cell_keeps_the_stored_value(self) -> None:
        member = StaffMemberFactory.create(
            organization=self.w.org_a,
            last_name="Саша",
            first_name="Саша",
            patronymic="",
            gender="female",
            email="sasha@example.ru",
            category="highest",
            is_active=False,
        )
        headers = ["Фамилия", "Имя", "Отчество", "Пол", "Должность", "E-mail", "Категория"]
        preview = self.preview_rows(["Саша", "Саша", "", "", "Учитель", "", ""], headers=headers)
        self.assertTrue(preview.ok, preview.rows[0].problems)
        self.assertEqual(preview.rows[0].changes, ["position", "is_active"])
        apply(preview, actor=self.w.curator_a, organization=self.w.org_a, today=TODAY)
        member.refresh_from_db()
        self.assertEqual(
            (member.gender, member.email, member.category, member.is_active),
            ("female", "sasha@example.ru", "highest", True),
        )

    def test_experience_counted_on_an_earlier_day_is_not_a_change(self) -> None:
        StaffMemberFactory.create(
            organization=self.w.org_a,
            last_name="Иванова",
            first_name="Мария",
            patronymic="Петровна",
            position="Учитель",
            experience_years=10,
            experience_as_of=datetime.date(2024, 9, 1),
        )
        headers = ["Фамилия", "Имя", "Отчество", "Должность", "Стаж"]
        same = self.preview_rows(["Иванова", "Мария", "Петровна", "Учитель", 11], headers=headers)
        self.assertEqual(same.rows[0].action, "unchanged")
        more = self.preview_rows(["Иванова", "Мария", "Петровна", "Учитель", 12], headers=headers)
        self.assertEqual(more.rows[0].changes, ["experience_years", "experience_as_of"])
        apply(more, actor=self.w.curator_a, organization=self.w.org_a, today=TODAY)
        member = self.w.org_a.staff.get(last_name="Иванова")
        self.assertEqual((member.experience_years, member.experience_as_of), (12, TODAY))

    def test_a_preview_with_problems_is_refused_and_nothing_is_written(self) -> None:
        preview = self.preview_rows(
            ["Иванова", "Мария", "Петровна", "", "Учитель"],
            ["Петрова", "Анна", "Ивановна", "вчера", "Учитель"],
        )
        self.assertEqual((preview.created, preview.problem_rows), (1, 1))
        count = StaffMember.objects.count()
        with self.assertRaises(ImportFileError):
            apply(preview, actor=self.w.curator_a, organization=self.w.org_a, today=TODAY)
        self.assertEqual(StaffMember.objects.count(), count)

    def test_people_of_other_organizations_are_not_matched(self) -> None:
        preview = self.preview_rows(["Бетсотрудникова0", "Анна", "Сергеевна", "", "Учитель"])
        self.assertEqual(preview.rows[0].action, "create")

    def test_10000_rows_are_validated_and_saved(self) -> None:
        rng = random.Random(5)
        rows: list[list[Any]] = [[*HEADERS, "Стаж", "Категория"]]
        for i in range(10000):
            p = random_person(rng)
            birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i * 3 % 14000)
            rows.append(
                [p.last_name, p.first_name, p.patronymic, birth, "Учитель", i % 40, "первая"]
            )
        table = read_table(big_xlsx(rows), "big.xlsx")
        self.assertEqual(len(table.rows), 10000)
        preview = validate(
            table, guess_mapping(table.headers), organization=self.w.org_a, today=TODAY
        )
        self.assertTrue(
            preview.ok, [(r.number, r.problems) for r in preview.rows if r.problems][:5]
        )
        counts = apply(preview, actor=self.w.curator_a, organization=self.w.org_a, today=TODAY)
        self.assertEqual(counts["created"], 10000)
        self.assertEqual(self.w.org_a.staff.count(), 10003)
        table.rows[0][1][4] = "Методист"
        preview = validate(
            table, guess_mapping(table.headers), organization=self.w.org_a, today=TODAY
        )
        counts = apply(preview, actor=self.w.curator_a, organization=self.w.org_a, today=TODAY)
        self.assertEqual(counts, {"created": 0, "updated": 1, "unchanged": 9999})
        self.assertEqual(self.w.org_a.staff.count(), 10003)


class TableTests(ImportTestCase):
    def test_a_table_built_by_hand_validates(self) -> None:
        table = Table(headers=["a", "b", "c"], rows=[(2, ["Иванова", "Мария", "Учитель"])])
        preview = validate(
            table,
            {0: "last_name", 1: "first_name", 2: "position"},
            organization=self.w.org_a,
            today=TODAY,
        )
        self.assertEqual(preview.rows[0].values["gender"], "female")
