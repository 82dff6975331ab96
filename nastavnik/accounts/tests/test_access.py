from django.http import Http404

from nastavnik.accounts import access
from nastavnik.testing import BaseTestCase


class AccessTests(BaseTestCase):
    def names(self, qs) -> set[str]:  # type: ignore[no-untyped-def]
        return set(qs.values_list("short_name", flat=True))

    def test_it_gives_a_curator_only_his_organization(self) -> None:
        self.assertEqual(self.names(access.organizations_for(self.w.curator_a)), {"Школа Альфа"})

    def test_it_gives_a_municipal_methodologist_the_organizations_of_the_municipality(self) -> None:
        self.assertEqual(
            self.names(access.organizations_for(self.w.municipal_a)),
            {"Школа Альфа", "Колледж Альфа-2"},
        )

    def test_it_gives_the_regional_methodologist_the_region_only(self) -> None:
        self.assertEqual(
            self.names(access.organizations_for(self.w.regional)),
            {"Школа Альфа", "Колледж Альфа-2", "Школа Бета"},
        )

    def test_it_does_not_let_a_mentor_observe_his_organization(self) -> None:
        self.assertEqual(self.names(access.organizations_for(self.w.mentor_a)), set())
        self.assertEqual(
            self.names(access.organizations_for(self.w.mentor_a, roles=access.MEMBER_ROLES)),
            {"Школа Альфа"},
        )

    def test_it_unites_the_roles_of_a_person_with_several(self) -> None:
        self.assertEqual(self.names(access.organizations_for(self.w.multi)), {"Колледж Альфа-2"})
        self.assertEqual(
            self.names(access.organizations_for(self.w.multi, roles=access.MEMBER_ROLES)),
            {"Школа Альфа", "Колледж Альфа-2"},
        )

    def test_it_raises_404_for_an_organization_outside_the_scope(self) -> None:
        with self.assertRaises(Http404):
            access.get_organization(self.w.curator_b, self.w.org_a.pk)
        with self.assertRaises(Http404):
            access.get_organization(self.w.curator_b, "not-a-number")
        self.assertEqual(access.get_organization(self.w.curator_a, self.w.org_a.pk), self.w.org_a)

    def test_it_limits_administrators_to_the_accounts_of_their_region(self) -> None:
        managed = set(access.users_managed_by(self.w.admin).values_list("username", flat=True))
        self.assertIn("curator_b", managed)
        self.assertNotIn("admin2", managed)
        self.assertNotIn("curator_c", managed)
        self.assertFalse(access.users_managed_by(self.w.curator_a).exists())

    def test_it_gives_nothing_to_a_person_without_roles(self) -> None:
        self.assertFalse(
            access.organizations_for(self.w.nobody, roles=access.MEMBER_ROLES).exists()
        )
        self.assertFalse(access.municipalities_for(self.w.nobody).exists())

    def test_can_checks_role_and_place_together(self) -> None:
        self.assertTrue(access.can(self.w.curator_a, access.MANAGER_ROLES, self.w.org_a))
        self.assertFalse(access.can(self.w.curator_a, access.MANAGER_ROLES, self.w.org_b))
        self.assertFalse(access.can(self.w.mentor_a, access.MANAGER_ROLES, self.w.org_a))
        self.assertTrue(access.can(self.w.admin, access.STRUCTURE_ROLES, self.w.org_b))
        self.assertFalse(access.can(self.w.admin, access.STRUCTURE_ROLES, self.w.org_c))
