from django.urls import reverse

from nastavnik.core.models import AuditEvent
from nastavnik.organizations.models import Municipality, Organization
from nastavnik.testing import BaseTestCase, OrganizationFactory, StaffMemberFactory


def organization_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "full_name": "Муниципальное бюджетное учреждение дополнительного образования "
        "«Центр внешкольной работы»",
        "short_name": "МБУДО ЦВР",
        "kind": Organization.Kind.ADDITIONAL,
        "address": "453571, Республика Башкортостан, г. Межгорье, ул. Шоссейная, д. 3",
        "phone": "8 (34781) 2-22-22",
        "email": "cvr@example.org",
        "website": "cvr.example.org",
        "head_last_name": "Горелова",
        "head_first_name": "Наталья",
        "head_patronymic": "Хамитовна",
        "head_position": "Директор",
    }
    data.update(overrides)
    return data


class MunicipalityTests(BaseTestCase):
    def test_the_administrator_creates_and_renames_a_municipality(self) -> None:
        self.login(self.w.admin)
        response = self.client.post(
            reverse("organizations:municipality_create"),
            {
                "region": self.w.region.pk,
                "name": "ЗАТО Межгорье",
                "authority_name": "Отдел образования",
            },
        )
        municipality = Municipality.objects.get(name="ЗАТО Межгорье")
        self.assertRedirects(
            response, reverse("organizations:municipality_detail", args=[municipality.pk])
        )
        self.client.post(
            reverse("organizations:municipality_edit", args=[municipality.pk]),
            {"region": self.w.region.pk, "name": "ЗАТО г. Межгорье", "authority_name": ""},
        )
        municipality.refresh_from_db()
        self.assertEqual(municipality.name, "ЗАТО г. Межгорье")
        self.assertEqual(
            AuditEvent.objects.filter(target_type="organizations.municipality").count(), 2
        )

    def test_it_refuses_a_duplicate_municipality_name(self) -> None:
        self.login(self.w.admin)
        response = self.client.post(
            reverse("organizations:municipality_create"),
            {"region": self.w.region.pk, "name": "альфинский район"},
        )
        self.assertContains(response, "Муниципалитет с таким названием уже есть.")

    def test_the_municipal_methodologist_sees_his_municipality_only(self) -> None:
        self.login(self.w.municipal_a)
        response = self.client.get(reverse("organizations:municipality_list"))
        self.assertContains(response, "Альфинский район")
        self.assertNotContains(response, "Бетинский район")
        response = self.client.get(
            reverse("organizations:municipality_detail", args=[self.w.m_a.pk])
        )
        self.assertContains(response, "Школа Альфа")
        self.assertContains(response, "Колледж Альфа-2")
        self.assertNotContains(
            response, reverse("organizations:municipality_edit", args=[self.w.m_a.pk])
        )
        self.assertEqual(
            self.client.get(
                reverse("organizations:municipality_edit", args=[self.w.m_a.pk])
            ).status_code,
            403,
        )


class OrganizationTests(BaseTestCase):
    def test_the_administrator_creates_an_organization_with_all_requisites(self) -> None:
        self.login(self.w.admin)
        response = self.client.post(
            reverse("organizations:organization_create"),
            organization_data(municipality=self.w.m_b.pk),
        )
        organization = Organization.objects.get(short_name="МБУДО ЦВР")
        self.assertRedirects(
            response, reverse("organizations:organization_detail", args=[organization.pk])
        )
        self.assertEqual(organization.head_signature_name, "Н.Х. Горелова")
        self.assertEqual(organization.website, "https://cvr.example.org")
        page = self.client.get(response["Location"])
        self.assertContains(page, "Горелова Наталья Хамитовна, директор")
        self.assertContains(page, "Учреждение дополнительного образования")

    def test_it_explains_errors_in_russian_and_saves_nothing(self) -> None:
        self.login(self.w.admin)
        response = self.client.post(
            reverse("organizations:organization_create"),
            organization_data(
                municipality=self.w.m_a.pk, short_name="школа альфа", email="не почта"
            ),
        )
        self.assertContains(response, "В этом муниципалитете уже есть организация")
        self.assertContains(response, "Введите правильный адрес электронной почты.")
        self.assertFalse(
            Organization.objects.filter(full_name__contains="Центр внешкольной").exists()
        )

    def test_a_curator_edits_his_organization_but_cannot_move_it(self) -> None:
        self.login(self.w.curator_a)
        url = reverse("organizations:organization_edit", args=[self.w.org_a.pk])
        response = self.client.get(url)
        self.assertNotContains(response, 'name="municipality"')
        self.client.post(
            url, organization_data(short_name="Школа Альфа", municipality=self.w.m_b.pk)
        )
        self.w.org_a.refresh_from_db()
        self.assertEqual(self.w.org_a.phone, "8 (34781) 2-22-22")
        self.assertEqual(self.w.org_a.municipality, self.w.m_a)

    def test_a_curator_cannot_edit_another_school(self) -> None:
        self.login(self.w.curator_a)
        url = reverse("organizations:organization_edit", args=[self.w.org_b.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(url, organization_data()).status_code, 404)

    def test_a_mentor_sees_the_card_and_whom_to_turn_to_but_not_everybody(self) -> None:
        self.login(self.w.mentor_a)
        response = self.client.get(
            reverse("organizations:organization_detail", args=[self.w.org_a.pk])
        )
        self.assertContains(response, "К кому обращаться")
        self.assertContains(response, "Альфкураторова")
        self.assertNotContains(response, "Альфнаставляемова")
        self.assertNotContains(
            response, reverse("organizations:organization_edit", args=[self.w.org_a.pk])
        )

    def test_the_list_filters_and_does_not_query_per_row(self) -> None:
        self.login(self.w.regional)
        url = reverse("organizations:organization_list")
        response = self.client.get(url, {"municipality": self.w.m_b.pk})
        self.assertContains(response, "Школа Бета")
        self.assertNotContains(response, "Школа Альфа")
        response = self.client.get(url, {"kind": Organization.Kind.COLLEGE})
        self.assertContains(response, "Колледж Альфа-2")
        self.assertContains(response, "Найдена 1 организация")
        self.client.get(url)
        with self.assertNumQueries(8):
            self.client.get(url)
        for _i in range(20):
            StaffMemberFactory.create(
                organization=OrganizationFactory.create(municipality=self.w.m_b)
            )
        with self.assertNumQueries(8):
            response = self.client.get(url)
        self.assertContains(response, "Найдено 23 организации")

    def test_a_wrong_page_number_shows_the_last_page(self) -> None:
        self.login(self.w.regional)
        response = self.client.get(reverse("organizations:organization_list"), {"page": "99"})
        self.assertEqual(response.status_code, 200)
        response = self.client.get(reverse("organizations:organization_list"), {"page": "abc"})
        self.assertEqual(response.status_code, 200)
