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
        with self.assertNumQueries(8):
            self.client.get(self.url(self.w.org_a))
        StaffMemberFactory.create_batch(30, organization=self.w.org_a)
        with self.assertNumQueries(8):
            response = self.client.get(self.url(self.w.org_a))
        self.assertContains(response, "33 человека")
