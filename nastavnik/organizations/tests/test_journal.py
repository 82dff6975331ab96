"""The journal of actions of an organization: changes and every view or export of personal
data (152-ФЗ), read by the head of the organization and the region's administrator."""

import io
from typing import Any

import openpyxl
from django.urls import reverse

from nastavnik.core.models import AuditEvent
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase


class JournalTests(BaseTestCase):
    def setUp(self) -> None:
        person = StaffMember.objects.filter(organization=self.w.org_a).first()
        assert person is not None
        self.person: StaffMember = person
        self.card = reverse("banks:person_detail", args=[self.w.org_a.pk, self.person.pk])
        self.journal = reverse("organizations:audit_journal", args=[self.w.org_a.pk])

    def test_a_view_and_an_export_of_personal_data_are_written_to_the_journal(self) -> None:
        self.login(self.w.curator_a)
        self.client.get(self.card)
        self.client.get(reverse("banks:staff_export", args=[self.w.org_a.pk]))
        actions = list(
            AuditEvent.objects.filter(organization=self.w.org_a, actor=self.w.curator_a)
            .order_by("pk")
            .values_list("action", flat=True)
        )
        self.assertEqual(actions, ["pd_view", "pd_export"])
        self.login(self.w.director_a)
        page = self.client.get(self.journal + "?show=personal_data")
        self.assertContains(page, "Просмотр персональных данных")
        self.assertContains(page, self.person.full_name)
        self.assertContains(page, "Выгрузка списка с персональными данными")

    def test_a_change_is_shown_as_it_was_and_as_it_became(self) -> None:
        import datetime

        from nastavnik.staff import services as staff

        self.person.position, self.person.hired_on = "Учитель", datetime.date(2020, 9, 1)
        self.person.category = "none"
        self.person.save()
        staff.staff_member_update(
            actor=self.w.curator_a,
            member=self.person,
            position="Учитель физики",
            hired_on=datetime.date(2021, 9, 1),
            category="first",
        )
        event = AuditEvent.objects.get(action="staff_update")
        self.assertEqual(
            event.details["after"],
            {"position": "Учитель физики", "hired_on": "2021-09-01", "category": "first"},
        )
        self.login(self.w.director_a)
        page = self.client.get(self.journal + "?show=changes")
        self.assertContains(page, "Должность: «Учитель» → «Учитель физики»")
        self.assertContains(page, "Дата приёма на работу: «01.09.2020» → «01.09.2021»")
        self.assertContains(
            page, "Квалификационная категория: «без категории» → «первая категория»"
        )

    def test_a_change_written_before_the_journal_kept_the_new_value_shows_the_old_one(
        self,
    ) -> None:
        event = AuditEvent(
            action="staff_update",
            target_type="staff.staffmember",
            details={"before": {"x": 1, "birth_date": "None", "is_active": "True"}},
        )
        self.assertEqual(
            event.changes_display(),
            [("x", "1", None), ("дата рождения", "—", None), ("в штате", "да", None)],
        )

    def test_only_the_head_and_the_administrator_read_the_journal(self) -> None:
        for user in (self.w.director_a, self.w.admin):
            self.login(user)
            self.assertEqual(self.client.get(self.journal).status_code, 200)
        self.login(self.w.curator_a)
        self.assertEqual(self.client.get(self.journal).status_code, 403)
        self.login(self.w.admin2)
        self.assertEqual(self.client.get(self.journal).status_code, 404)

    def test_the_journal_does_not_query_per_row(self) -> None:
        self.login(self.w.curator_a)
        self.client.get(self.card)
        self.login(self.w.director_a)
        self.client.get(self.journal)
        with self.assertNumQueries(8):
            self.client.get(self.journal)
        self.login(self.w.curator_a)
        for _i in range(10):
            self.client.get(self.card)
        self.login(self.w.director_a)
        with self.assertNumQueries(8):
            self.client.get(self.journal)


class RegionJournalTests(BaseTestCase):
    def url(self, region: Any = None) -> str:
        return reverse("organizations:region_journal", args=[(region or self.w.region).pk])

    def test_the_administrator_reads_the_changes_of_accounts_in_the_region(self) -> None:
        from nastavnik.accounts import services as accounts

        accounts.user_update(
            actor=self.w.admin,
            user=self.w.curator_a,
            last_name="Альфкураторова",
            first_name="Анна",
            patronymic="",
            email="new@example.ru",
            is_active=True,
        )
        self.login(self.w.admin)
        home = self.client.get("/")
        self.assertContains(home, self.url())
        page = self.client.get(self.url() + "?show=region")
        self.assertContains(page, "Изменена учётная запись")
        self.assertContains(page, "Адрес электронной почты: «")
        self.assertContains(page, "» → «new@example.ru»")

    def test_an_organization_moved_shows_both_municipalities_by_name(self) -> None:
        from nastavnik.organizations import services as organizations

        organizations.organization_update(
            actor=self.w.admin, organization=self.w.org_b, municipality=self.w.m_a
        )
        event = AuditEvent.objects.get(action="organization_update")
        self.assertEqual(
            event.changes_display(), [("муниципалитет", str(self.w.m_b), str(self.w.m_a))]
        )

    def test_only_the_administrator_of_the_region_reads_it(self) -> None:
        for user, status in (
            (self.w.admin, 200),
            (self.w.admin2, 404),
            (self.w.regional, 403),
            (self.w.director_a, 403),
        ):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, status, user)

    def test_the_region_journal_does_not_query_per_row(self) -> None:
        from nastavnik.core.services import audit

        self.login(self.w.admin)
        audit(actor=self.w.admin, action="user_create", target=self.w.nobody, region=self.w.region)
        self.client.get(self.url())
        with self.assertNumQueries(8):
            self.client.get(self.url())
        for organization in (self.w.org_a, self.w.org_b):
            audit(
                actor=self.w.curator_a,
                action="pd_view",
                target=organization,
                organization=organization,
                region=self.w.region,
            )
        with self.assertNumQueries(8):
            self.client.get(self.url())


class PersonExportTests(BaseTestCase):
    def test_the_curator_exports_everything_about_a_person_on_request(self) -> None:
        person = StaffMember.objects.filter(organization=self.w.org_a).first()
        assert person is not None
        url = reverse("banks:person_export", args=[self.w.org_a.pk, person.pk])
        self.login(self.w.curator_a)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertIn("Персональные данные", book.sheetnames)
        self.assertIn("Согласия", book.sheetnames)
        values = [c for row in book["Персональные данные"].iter_rows(values_only=True) for c in row]
        self.assertIn(person.full_name, values)
        self.assertTrue(
            AuditEvent.objects.filter(action="pd_export_person", target_id=str(person.pk)).exists()
        )
        self.login(self.w.municipal_a)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.w.curator_b)
        self.assertIn(self.client.get(url).status_code, (403, 404))
