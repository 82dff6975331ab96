"""The participants' accounts: logins and temporary passwords given by the curator."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.accounts.models import Role, RoleAssignment, User
from nastavnik.banks import services as banks
from nastavnik.banks.models import Consent
from nastavnik.core.models import AuditEvent
from nastavnik.core.services import academic_year_current
from nastavnik.staff import logins
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory, UserFactory, give_role

TODAY = timezone.localdate()


def into_bank(person: StaffMember, bank: str, actor: object = None) -> None:
    consent = banks.consent_issue(actor=actor, staff=person, kind=Consent.Kind.PERSONAL_DATA)
    banks.consent_sign(
        actor=actor,
        consent=consent,
        scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4 signed"),
        signed_at=TODAY,
    )
    year = academic_year_current()
    if bank == "mentor":
        banks.mentor_add(actor=actor, staff=person, year=year)
    else:
        banks.mentee_add(actor=actor, staff=person, year=year)


class LoginsTestCase(BaseTestCase):
    mentor: StaffMember
    mentee: StaffMember
    bystander: StaffMember

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        school = cls.w.org_a
        cls.mentor = StaffMemberFactory.create(
            organization=school, last_name="Орлова", first_name="Елена", patronymic="Викторовна"
        )
        cls.mentee = StaffMemberFactory.create(
            organization=school, last_name="Щукин", first_name="Юрий", patronymic="Ёвич"
        )
        cls.bystander = StaffMemberFactory.create(organization=school, last_name="Сторонняя")
        into_bank(cls.mentor, "mentor")
        into_bank(cls.mentee, "mentee")

    def url(self, name: str, *args: int) -> str:
        return reverse(f"staff:{name}", args=[self.w.org_a.pk, *args])

    # --- the rules ----------------------------------------------------------------------

    def test_a_login_is_made_from_the_name_in_latin_letters(self) -> None:
        self.assertEqual(logins.login_suggest(self.mentor), "orlova.ev")
        self.assertEqual(logins.login_suggest(self.mentee), "shchukin.iue")
        UserFactory.create(username="orlova.ev")
        UserFactory.create(username="Orlova.ev2")
        self.assertEqual(logins.login_suggest(self.mentor), "orlova.ev3")

    def test_it_gives_a_participant_a_login_with_the_roles_of_his_part(self) -> None:
        issued = logins.account_issue(actor=self.w.curator_a, person=self.mentor)
        user = User.objects.get(username=issued.username)
        self.assertEqual(user.full_name, "Орлова Елена Викторовна")
        self.assertTrue(user.check_password(issued.password))
        self.assertTrue(user.must_change_password)
        self.assertEqual(user.region, self.w.region)
        self.mentor.refresh_from_db()
        self.assertEqual(self.mentor.user, user)
        self.assertEqual(
            list(user.role_assignments.values_list("role", "organization")),
            [(Role.MENTOR, self.w.org_a.pk)],
        )
        self.assertTrue(
            AuditEvent.objects.filter(action="account_issue", target_id=str(self.mentor.pk))
        )

    def test_it_refuses_an_account_to_a_person_who_takes_no_part(self) -> None:
        with self.assertRaisesMessage(ValidationError, "не участвует в программе"):
            logins.account_issue(actor=self.w.curator_a, person=self.bystander)
        self.assertFalse(User.objects.filter(last_name="Сторонняя").exists())

    def test_it_refuses_a_second_account(self) -> None:
        logins.account_issue(actor=self.w.curator_a, person=self.mentor)
        with self.assertRaisesMessage(ValidationError, "уже есть учётная запись"):
            logins.account_issue(actor=self.w.curator_a, person=self.mentor)

    def test_several_accounts_are_given_all_or_none(self) -> None:
        with self.assertRaises(ValidationError):
            logins.accounts_issue(
                actor=self.w.curator_a,
                organization=self.w.org_a,
                people=[self.mentor, self.bystander],
            )
        self.mentor.refresh_from_db()
        self.assertIsNone(self.mentor.user)
        self.assertFalse(User.objects.filter(last_name="Орлова").exists())

    def test_a_person_with_a_login_entering_a_bank_gets_the_role(self) -> None:
        user = UserFactory.create(username="bystander")
        StaffMember.objects.filter(pk=self.bystander.pk).update(user=user)
        self.bystander.refresh_from_db()
        into_bank(self.bystander, "mentor", actor=self.w.curator_a)
        self.assertTrue(
            RoleAssignment.objects.filter(
                user=user, role=Role.MENTOR, organization=self.w.org_a
            ).exists()
        )

    def test_linking_an_existing_account_gives_the_roles_and_unlinking_takes_them(self) -> None:
        self.assertIn(self.w.mentor_a, logins.linkable_accounts(self.w.org_a))
        logins.account_link(actor=self.w.curator_a, person=self.mentee, user=self.w.mentor_a)
        self.assertTrue(
            RoleAssignment.objects.filter(user=self.w.mentor_a, role=Role.MENTEE).exists()
        )
        self.assertNotIn(self.w.mentor_a, logins.linkable_accounts(self.w.org_a))
        logins.account_unlink(actor=self.w.curator_a, person=self.mentee)
        self.mentee.refresh_from_db()
        self.assertIsNone(self.mentee.user)
        self.assertFalse(RoleAssignment.objects.filter(user=self.w.mentor_a).exists())

    def test_an_account_of_another_organization_cannot_be_linked(self) -> None:
        with self.assertRaisesMessage(ValidationError, "нельзя привязать"):
            logins.account_link(actor=self.w.curator_a, person=self.mentee, user=self.w.mentor_b)

    def test_a_curator_cannot_reset_the_password_of_a_director(self) -> None:
        StaffMember.objects.filter(pk=self.mentor.pk).update(user=self.w.director_a)
        with self.assertRaisesMessage(ValidationError, "администратор"):
            logins.password_reset(actor=self.w.curator_a, person=self.mentor)
        self.w.director_a.refresh_from_db()
        self.assertFalse(self.w.director_a.must_change_password)

    # --- the pages ----------------------------------------------------------------------

    def test_the_curator_gives_accounts_and_sees_the_passwords_once(self) -> None:
        self.login(self.w.curator_a)
        page = self.client.get(self.url("account_list"))
        self.assertContains(page, "Орлова Елена Викторовна")
        self.assertContains(page, "Щукин Юрий Ёвич")
        self.assertNotContains(page, "Сторонняя")
        response = self.client.post(
            self.url("account_list"), {"person": [self.mentor.pk, self.mentee.pk]}
        )
        self.assertContains(response, "orlova.ev")
        self.assertContains(response, "shchukin.iue")
        self.assertIn("no-store", response["Cache-Control"])
        password = response.content.decode().split("data-password>")[1].split("<")[0]
        self.assertTrue(User.objects.get(username="orlova.ev").check_password(password))
        # Sent twice (a double click, the back button): nothing new is made.
        again = self.client.post(self.url("account_list"), {"person": [self.mentor.pk]})
        self.assertRedirects(again, self.url("account_list"))
        self.assertEqual(User.objects.filter(last_name="Орлова").count(), 1)
        self.assertContains(self.client.get(self.url("account_list")), "есть учётная запись")

    def test_the_mentor_changes_the_temporary_password_and_reaches_his_pairs(self) -> None:
        issued = logins.account_issue(actor=self.w.curator_a, person=self.mentor)
        client = Client()
        response = client.post(
            reverse("login"), {"username": issued.username, "password": issued.password}
        )
        self.assertEqual(response.status_code, 302)
        # Every page leads to the password change until a password of his own is set.
        self.assertRedirects(
            client.get(reverse("mentorships:mine")),
            reverse("password_change"),
            fetch_redirect_response=False,
        )
        forced = client.get(reverse("password_change"))
        self.assertContains(forced, "временным паролем")
        self.assertNotContains(forced, 'id="password-change-cancel"')  # nowhere else to go
        response = client.post(
            reverse("password_change"),
            {
                "old_password": issued.password,
                "new_password1": "Собственный-пароль-2026",
                "new_password2": "Собственный-пароль-2026",
            },
        )
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        user = User.objects.get(username=issued.username)
        self.assertFalse(user.must_change_password)
        self.assertEqual(client.get(reverse("mentorships:mine")).status_code, 200)

    def test_the_card_offers_to_link_the_account_of_the_same_name(self) -> None:
        namesake = UserFactory.create(
            username="orlova", last_name="Орлова", first_name="Елена", patronymic="Викторовна"
        )
        give_role(namesake, Role.CURATOR, self.w.org_a)
        self.login(self.w.curator_a)
        card = reverse("banks:person_detail", args=[self.w.org_a.pk, self.mentor.pk])
        page = self.client.get(card)
        self.assertContains(page, f'<option value="{namesake.pk}" selected>')
        response = self.client.post(self.url("account_link", self.mentor.pk), {"user": namesake.pk})
        self.assertRedirects(response, card)
        self.mentor.refresh_from_db()
        self.assertEqual(self.mentor.user, namesake)
        # Her account holds the curator's role: the password is not the curator's to reset.
        self.assertNotContains(self.client.get(card), 'id="account-reset"')
        response = self.client.post(self.url("account_password_reset", self.mentor.pk))
        self.assertRedirects(response, card)
        namesake.refresh_from_db()
        self.assertTrue(namesake.check_password("test-password-123"))

    def test_a_forgotten_password_is_replaced_by_a_new_temporary_one(self) -> None:
        issued = logins.account_issue(actor=self.w.curator_a, person=self.mentee)
        self.login(self.w.curator_a)
        response = self.client.post(self.url("account_password_reset", self.mentee.pk))
        self.assertContains(response, issued.username)
        user = User.objects.get(username=issued.username)
        self.assertFalse(user.check_password(issued.password))
        self.assertTrue(user.must_change_password)

    def test_nobody_but_the_managers_of_the_school_reaches_the_accounts(self) -> None:
        for user in (self.w.curator_b, self.w.mentor_a, self.w.municipal_a):
            self.login(user)
            self.assertIn(self.client.get(self.url("account_list")).status_code, (403, 404))
            response = self.client.post(self.url("account_issue", self.mentor.pk))
            self.assertIn(response.status_code, (403, 404))
        self.mentor.refresh_from_db()
        self.assertIsNone(self.mentor.user)

    def test_the_accounts_page_costs_the_same_queries_for_more_people(self) -> None:
        self.login(self.w.curator_a)
        self.client.get(self.url("account_list"))
        with self.assertNumQueries(8) as first:
            self.client.get(self.url("account_list"))
        for i in range(5):
            person = StaffMemberFactory.create(organization=self.w.org_a, last_name=f"Ещё{i}")
            into_bank(person, "mentee")
            if i % 2:
                logins.account_issue(actor=None, person=person)
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(self.url("account_list"))
