from django.urls import reverse

from nastavnik.testing import BaseTestCase, StaffMemberFactory


class StaffListTests(BaseTestCase):
    def url(self, organization) -> str:  # type: ignore[no-untyped-def]
        return reverse("staff:staff_list", args=[organization.pk])

    def test_the_curator_sees_the_staff_of_his_school(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.get(self.url(self.w.org_a))
        self.assertContains(response, "Альфсотрудникова0 Анна Сергеевна")
        self.assertContains(response, "3 человека")
        self.assertNotContains(response, "Бетсотрудникова")

    def test_it_searches_by_surname_and_position(self) -> None:
        StaffMemberFactory.create(
            organization=self.w.org_a, last_name="Ёлкина", position="Педагог-психолог"
        )
        self.login(self.w.curator_a)
        response = self.client.get(self.url(self.w.org_a), {"q": "психолог"})
        self.assertContains(response, "Ёлкина")
        self.assertContains(response, "1 человек")
        response = self.client.get(self.url(self.w.org_a), {"q": "Несуществующая"})
        self.assertContains(response, "Никто не найден.")

    def test_mentors_and_other_schools_do_not_see_the_staff(self) -> None:
        self.login(self.w.mentor_a)
        self.assertEqual(self.client.get(self.url(self.w.org_a)).status_code, 403)
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(self.url(self.w.org_a)).status_code, 404)

    def test_the_list_does_not_issue_a_query_per_row(self) -> None:
        self.login(self.w.curator_a)
        self.client.get(self.url(self.w.org_a))
        with self.assertNumQueries(9):
            self.client.get(self.url(self.w.org_a))
        StaffMemberFactory.create_batch(30, organization=self.w.org_a)
        with self.assertNumQueries(9):
            response = self.client.get(self.url(self.w.org_a))
        self.assertContains(response, "33 человека")


class StaffEditTests(BaseTestCase):
    def test_the_curator_adds_a_person_and_the_gender_comes_from_the_patronymic(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("staff:staff_create", args=[self.w.org_a.pk]),
            {
                "last_name": " Мельник ",
                "first_name": "Ольга",
                "patronymic": "Ивановна",
                "gender": "",
                "position": "Учитель-логопед",
                "is_active": "on",
            },
        )
        self.assertRedirects(response, reverse("staff:staff_list", args=[self.w.org_a.pk]))
        member = self.w.org_a.staff.get(last_name="Мельник")
        self.assertEqual(member.gender, "female")

    def test_it_asks_for_the_gender_when_the_name_does_not_tell(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("staff:staff_create", args=[self.w.org_a.pk]),
            {"last_name": "Ким", "first_name": "Саша", "patronymic": "", "position": "Учитель"},
        )
        self.assertContains(response, "Пол нельзя определить по имени и отчеству")
        self.assertFalse(self.w.org_a.staff.filter(last_name="Ким").exists())

    def test_the_curator_corrects_a_person_and_a_methodologist_cannot(self) -> None:
        member = self.w.org_a.staff.first()
        assert member is not None
        url = reverse("staff:staff_edit", args=[self.w.org_a.pk, member.pk])
        self.login(self.w.curator_a)
        self.client.post(
            url,
            {
                "last_name": "Иванова",
                "first_name": "Мария",
                "patronymic": "Петровна",
                "gender": "female",
                "position": "Заместитель директора",
                "is_active": "on",
            },
        )
        member.refresh_from_db()
        self.assertEqual((member.last_name, member.position), ("Иванова", "Заместитель директора"))
        self.login(self.w.municipal_a)
        self.assertEqual(self.client.get(url).status_code, 403)
