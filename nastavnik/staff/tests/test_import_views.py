import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nastavnik.core.models import AuditEvent
from nastavnik.staff.models import StaffImport, StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory


def workbook(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADERS = ["Фамилия", "Имя", "Отчество", "Должность", "Дата рождения", "Стаж"]


class StaffImportViewTests(BaseTestCase):
    def url(self, name: str, *args: object) -> str:
        return reverse(f"staff:{name}", args=[self.w.org_a.pk, *args])

    def upload(self, content: bytes, name: str = "staff.xlsx") -> Any:
        return self.client.post(
            self.url("staff_import"), {"file": SimpleUploadedFile(name, content)}
        )

    def test_the_template_downloads(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.get(self.url("staff_import_template"))
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertIn("Фамилия", [c.value for c in book.worksheets[0][1]])

    def test_a_file_with_mistakes_is_explained_and_nothing_is_written(self) -> None:
        self.login(self.w.curator_a)
        before = StaffMember.objects.count()
        response = self.upload(
            workbook(
                [
                    HEADERS,
                    ["Петрова", "Анна", "Ивановна", "Учитель химии", "32.13.1990", "5"],
                    ["", "Олег", "Петрович", "Учитель физики", "01.02.1985", "10"],
                ]
            )
        )
        record = StaffImport.objects.get()
        self.assertRedirects(response, self.url("staff_import_preview", record.pk))
        page = self.client.get(self.url("staff_import_preview", record.pk))
        self.assertContains(page, "«32.13.1990» — это не дата")
        self.assertContains(page, "Заполните фамилию.")
        self.assertNotContains(page, "confirm-import")
        confirm = self.client.post(
            self.url("staff_import_preview", record.pk), {"action": "confirm"}, follow=True
        )
        self.assertContains(confirm, "В файле есть ошибки")
        self.assertEqual(StaffMember.objects.count(), before)

    def test_a_clean_file_is_loaded_once_and_then_updates(self) -> None:
        self.login(self.w.curator_a)
        rows = [
            HEADERS,
            ["Ёлкина", "Алёна", "Сергеевна", "Учитель химии", "01.09.1998", "2"],
            ["Мельник", "Андрей", "Иванович", "Учитель физики", "15.02.1980", "20"],
        ]
        self.upload(workbook(rows))
        record = StaffImport.objects.get()
        page = self.client.get(self.url("staff_import_preview", record.pk))
        self.assertContains(page, 'id="confirm-import"')
        response = self.client.post(
            self.url("staff_import_preview", record.pk), {"action": "confirm"}, follow=True
        )
        self.assertContains(response, "Список работников загружен")
        self.assertTrue(self.w.org_a.staff.filter(last_name="Ёлкина").exists())
        rows[2][3] = "Учитель физики и астрономии"
        self.upload(workbook(rows))
        second = StaffImport.objects.order_by("-pk").first()
        assert second is not None
        self.client.post(self.url("staff_import_preview", second.pk), {"action": "confirm"})
        self.assertEqual(self.w.org_a.staff.filter(last_name="Мельник").count(), 1)
        self.assertEqual(
            self.w.org_a.staff.get(last_name="Мельник").position, "Учитель физики и астрономии"
        )

    def test_a_file_that_is_not_a_table_gets_a_russian_message(self) -> None:
        self.login(self.w.curator_a)
        response = self.upload(b"\x89PNG\r\n\x1a\nrandom", name="photo.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "photo.xlsx")
        self.assertFalse(StaffImport.objects.exists())

    def test_the_curator_remaps_a_column(self) -> None:
        self.login(self.w.curator_a)
        self.upload(
            workbook([["Ф", "И", "О", "Кем работает"], ["Орлова", "Ирина", "Павловна", "Логопед"]])
        )
        record = StaffImport.objects.get()
        page = self.client.get(self.url("staff_import_preview", record.pk))
        self.assertContains(page, "alert-danger")
        response = self.client.post(
            self.url("staff_import_preview", record.pk),
            {
                "action": "remap",
                "column_0": "last_name",
                "column_1": "first_name",
                "column_2": "patronymic",
                "column_3": "position",
            },
        )
        self.assertContains(response, 'id="confirm-import"')

    def test_only_managers_upload(self) -> None:
        self.login(self.w.municipal_a)
        self.assertEqual(self.client.get(self.url("staff_import")).status_code, 403)


class OwnAccountOnImportTests(BaseTestCase):
    """The curator is on the staff list she imports: her login finds her record by itself."""

    def url(self, name: str, *args: object) -> str:
        return reverse(f"staff:{name}", args=[self.w.org_a.pk, *args])

    def load(self, rows: list[list[Any]]) -> Any:
        self.client.post(
            self.url("staff_import"), {"file": SimpleUploadedFile("s.xlsx", workbook(rows))}
        )
        record = StaffImport.objects.order_by("-pk").first()
        assert record is not None
        return self.client.post(
            self.url("staff_import_preview", record.pk), {"action": "confirm"}, follow=True
        )

    def curator(self) -> Any:
        curator = self.w.curator_a
        curator.first_name, curator.patronymic = "Алёна", "Сергеевна"
        curator.save()
        self.login(curator)
        return curator

    def test_the_import_links_the_curators_own_account_to_her_record(self) -> None:
        curator = self.curator()
        response = self.load(
            [
                HEADERS,
                # The list writes «е» for «ё» and capitals: still her.
                ["АЛЬФКУРАТОРОВА", "Алена", "Сергеевна", "Заместитель директора", "", "20"],
                ["Мельник", "Андрей", "Иванович", "Учитель физики", "15.02.1980", "20"],
            ]
        )
        self.assertContains(response, "Ваша учётная запись связана с вашей записью")
        record = StaffMember.objects.get(organization=self.w.org_a, last_name="АЛЬФКУРАТОРОВА")
        self.assertEqual(record.user, curator)
        self.assertIsNone(StaffMember.objects.get(last_name="Мельник").user)
        event = AuditEvent.objects.filter(action="account_link").get()
        self.assertEqual(event.actor, curator)

    def test_it_links_nothing_when_two_people_share_her_name(self) -> None:
        self.curator()
        row = ["Альфкураторова", "Алёна", "Сергеевна", "Учитель", "02.03.1985", "3"]
        twin = ["Альфкураторова", "Алёна", "Сергеевна", "Учитель музыки", "01.01.1990", "3"]
        response = self.load([HEADERS, row, twin])
        self.assertContains(response, "Список работников загружен")
        self.assertNotContains(response, "Ваша учётная запись связана")
        self.assertEqual(self.w.org_a.staff.filter(last_name="Альфкураторова").count(), 2)
        self.assertFalse(StaffMember.objects.filter(user__isnull=False).exists())

    def test_it_links_nothing_when_her_account_has_a_record_already(self) -> None:
        curator = self.curator()
        mine = StaffMemberFactory.create(
            organization=self.w.org_a,
            user=curator,
            last_name="Альфкураторова",
            first_name="Алёна",
            patronymic="Сергеевна",
        )
        response = self.load(
            [HEADERS, ["Альфкураторова", "Алёна", "Сергеевна", "Учитель музыки", "", "3"]]
        )
        self.assertNotContains(response, "Ваша учётная запись связана")
        self.assertEqual(list(StaffMember.objects.filter(user=curator)), [mine])
