"""Students, schoolchildren and employers' mentors (issue 12, seed 004)."""

import datetime
import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nastavnik.accounts.models import Role, RoleAssignment
from nastavnik.banks import services as banks
from nastavnik.banks.models import Consent
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships import services as mentorships
from nastavnik.mentorships.models import Mentorship
from nastavnik.staff import people
from nastavnik.staff.models import PersonKind, StaffMember, StudyGroup
from nastavnik.surveys import services as surveys
from nastavnik.surveys.models import Survey
from nastavnik.testing import BaseTestCase, StaffMemberFactory, UserFactory, give_role

PDF = b"%PDF-1.4 signed consent"
TODAY = timezone.localdate()


def born(age: int) -> datetime.date:
    return TODAY.replace(year=TODAY.year - age) - datetime.timedelta(days=30)


def sign(person: StaffMember, kind: str, actor: object) -> Consent:
    consent = banks.consent_issue(actor=actor, staff=person, kind=kind)
    return banks.consent_sign(
        actor=actor, consent=consent, scan=SimpleUploadedFile("s.pdf", PDF), signed_at=TODAY
    )


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


class PeopleTestCase(BaseTestCase):
    group: StudyGroup
    other_group: StudyGroup
    minor: StaffMember
    adult: StaffMember
    employer_mentor: StaffMember
    teacher: StaffMember

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        college = cls.w.org_a2
        cls.teacher = StaffMemberFactory.create(
            organization=college, last_name="Кураторова", user=UserFactory.create(username="ct")
        )
        cls.group = people.group_save(
            actor=None,
            organization=college,
            group=None,
            name="ТМ-11",
            course=1,
            specialty="Технология машиностроения",
            class_teacher=cls.teacher,
        )
        cls.other_group = people.group_save(
            actor=None,
            organization=college,
            group=None,
            name="ТМ-31",
            course=3,
            specialty="",
            class_teacher=None,
        )
        cls.minor = StaffMemberFactory.create(
            organization=college,
            kind=PersonKind.STUDENT,
            last_name="Юнова",
            position="",
            birth_date=born(16),
            study_group=cls.group,
            representative_name="Юнова Ольга Ивановна",
        )
        cls.adult = StaffMemberFactory.create(
            organization=college,
            kind=PersonKind.STUDENT,
            last_name="Старшова",
            position="",
            birth_date=born(20),
            study_group=cls.other_group,
        )
        cls.employer_mentor = StaffMemberFactory.create(
            organization=college,
            kind=PersonKind.EXTERNAL,
            last_name="Заводова",
            position="Мастер участка",
            home_organization="АО «Завод»",
            agreement="Договор № 1 от 01.09.2026",
        )


class StudentPagesTests(PeopleTestCase):
    def test_the_curator_sees_the_students_with_the_minor_marked(self) -> None:
        self.login(self.w.multi)  # the curator of the college
        response = self.client.get(reverse("staff:student_list", args=[self.w.org_a2.pk]))
        self.assertContains(response, "Юнова Анна Сергеевна")
        self.assertContains(response, "младше 18")
        self.assertContains(response, "Юнова Ольга Ивановна")
        self.assertContains(response, "Загрузить школьников школы-партнёра")
        self.assertNotContains(response, "Заводова")
        response = self.client.get(reverse("staff:external_list", args=[self.w.org_a2.pk]))
        self.assertContains(response, "Заводова")
        self.assertContains(response, "АО «Завод»")

    def test_students_are_not_on_the_staff_list(self) -> None:
        self.login(self.w.multi)
        response = self.client.get(reverse("staff:staff_list", args=[self.w.org_a2.pk]))
        self.assertContains(response, "Альфсотрудникова0")
        self.assertNotContains(response, "Юнова")
        self.assertNotContains(response, "Заводова")

    def test_other_organizations_and_mentors_see_no_students(self) -> None:
        url = reverse("staff:student_list", args=[self.w.org_a2.pk])
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.w.mentor_b)
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_it_rejects_a_minor_without_a_parent(self) -> None:
        self.login(self.w.multi)
        url = reverse("staff:student_create", args=[self.w.org_a2.pk])
        data = {
            "kind": PersonKind.STUDENT,
            "last_name": "Новикова",
            "first_name": "Алина",
            "patronymic": "Петровна",
            "birth_date": born(15).isoformat(),
            "study_group": self.group.pk,
            "is_active": "on",
        }
        response = self.client.post(url, data)
        self.assertContains(response, "Обучающемуся нет 18 лет", status_code=200)
        self.assertFalse(StaffMember.objects.filter(last_name="Новикова").exists())
        response = self.client.post(url, {**data, "representative_name": "Новиков Пётр Ильич"})
        self.assertRedirects(response, reverse("staff:student_list", args=[self.w.org_a2.pk]))
        student = StaffMember.objects.get(last_name="Новикова")
        self.assertEqual(student.kind, PersonKind.STUDENT)
        self.assertEqual(student.gender, StaffMember.Gender.FEMALE)
        self.assertEqual(student.study_group, self.group)

    def test_an_employer_mentor_needs_the_employer(self) -> None:
        self.login(self.w.multi)
        url = reverse("staff:external_create", args=[self.w.org_a2.pk])
        data = {
            "last_name": "Сталев",
            "first_name": "Игорь",
            "patronymic": "Петрович",
            "position": "Инженер",
            "is_active": "on",
        }
        response = self.client.post(url, data)
        self.assertContains(response, "Обязательное поле")
        response = self.client.post(url, {**data, "home_organization": "ООО «Сталь»"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(StaffMember.objects.get(last_name="Сталев").kind, PersonKind.EXTERNAL)

    def test_the_student_pages_do_not_issue_a_query_per_row(self) -> None:
        self.login(self.w.multi)
        url = reverse("staff:student_list", args=[self.w.org_a2.pk])
        self.client.get(url)
        with self.assertNumQueries(9):
            self.client.get(url)
        StaffMemberFactory.create_batch(
            20,
            organization=self.w.org_a2,
            kind=PersonKind.STUDENT,
            study_group=self.group,
            birth_date=born(19),
        )
        with self.assertNumQueries(9):
            self.client.get(url)
        groups = reverse("staff:group_list", args=[self.w.org_a2.pk])
        self.client.get(groups)
        with self.assertNumQueries(7):
            self.client.get(groups)


class ClassTeacherTests(PeopleTestCase):
    def test_a_group_gives_its_class_teacher_the_role(self) -> None:
        self.assertTrue(
            RoleAssignment.objects.filter(
                user=self.teacher.user, role=Role.CLASS_TEACHER, organization=self.w.org_a2
            ).exists()
        )

    def test_the_class_teacher_sees_and_fills_his_group_only(self) -> None:
        assert self.teacher.user is not None
        self.login(self.teacher.user)
        org = self.w.org_a2.pk
        response = self.client.get(reverse("staff:my_groups", args=[org]))
        self.assertContains(response, "Юнова")
        self.assertNotContains(response, "Старшова")
        edit = reverse("staff:my_group_student_edit", args=[org, self.minor.pk])
        response = self.client.post(
            edit,
            {
                "last_name": "Юнова",
                "first_name": "Анна",
                "patronymic": "Сергеевна",
                "birth_date": self.minor.birth_date.isoformat(),  # type: ignore[union-attr]
                "phone": "+7 900 000-00-01",
                "representative_name": "Юнова Ольга Ивановна",
                "is_active": "on",
            },
        )
        self.assertRedirects(response, reverse("staff:my_groups", args=[org]))
        self.minor.refresh_from_db()
        self.assertEqual(self.minor.phone, "+7 900 000-00-01")
        self.assertEqual(self.minor.study_group, self.group)
        other = reverse("staff:my_group_student_edit", args=[org, self.adult.pk])
        self.assertEqual(self.client.get(other).status_code, 404)
        # Nothing else of the organization.
        self.assertEqual(
            self.client.get(reverse("staff:student_list", args=[org])).status_code, 403
        )
        self.assertEqual(self.client.get(reverse("staff:staff_list", args=[org])).status_code, 403)

    def test_the_class_teacher_sees_how_many_of_his_students_have_answered(self) -> None:
        from nastavnik.surveys.models import Invitation
        from nastavnik.surveys.tests.test_services import template

        assert self.teacher.user is not None
        survey = surveys.survey_create(
            actor=None,
            organization=self.w.org_a2,
            year=academic_year_current(),
            template=template(self.w.region, "student_interests"),
            title="Интересы первокурсников",
            anonymous=True,
            audience=Survey.Audience.STUDENTS,
            study_groups=[self.group, self.other_group],
            opens_on=TODAY,
            closes_on=TODAY,
        )
        surveys.survey_launch(actor=None, survey=survey)
        Invitation.objects.filter(survey=survey, staff=self.minor).update(answered=True)
        self.login(self.teacher.user)
        with self.assertNumQueries(9):
            response = self.client.get(reverse("staff:my_groups", args=[self.w.org_a2.pk]))
        rows = response.content.decode().split('id="group-surveys"')[1]
        self.assertIn("Интересы первокурсников", rows)
        self.assertIn("ТМ-11", rows)
        self.assertIn("1 из 1", rows)
        self.assertNotIn("ТМ-31", rows)  # not the teacher's group

    def test_a_class_teacher_of_another_college_sees_nothing(self) -> None:
        stranger = UserFactory.create(username="ct2")
        give_role(stranger, Role.CLASS_TEACHER, self.w.org_a)
        self.login(stranger)
        url = reverse("staff:my_groups", args=[self.w.org_a2.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.get(reverse("staff:my_groups", args=[self.w.org_a.pk]))
        self.assertContains(response, "Вы пока не классный руководитель")


class ConsentOfMinorsTests(PeopleTestCase):
    def test_the_parent_gives_the_consent_of_a_minor(self) -> None:
        consent = banks.consent_issue(actor=None, staff=self.minor, kind=Consent.Kind.PERSONAL_DATA)
        self.assertEqual(consent.representative_name, "Юнова Ольга Ивановна")
        text = docx_text(consent.file.read())
        self.assertIn("являясь родителем (законным представителем) несовершеннолетнего", text)
        self.assertIn("Юнова Ольга Ивановна", text)
        self.assertIn("ТМ-11", text)
        adult = banks.consent_issue(actor=None, staff=self.adult, kind=Consent.Kind.PERSONAL_DATA)
        self.assertEqual(adult.representative_name, "")
        self.assertIn("своей волей и в своём интересе", docx_text(adult.file.read()))

    def test_a_minor_without_a_parent_gets_no_consent_form(self) -> None:
        self.minor.representative_name = ""
        self.minor.save()
        with self.assertRaisesMessage(ValidationError, "укажите родителя"):
            banks.consent_issue(actor=None, staff=self.minor, kind=Consent.Kind.PERSONAL_DATA)

    def test_a_minor_without_a_parents_consent_cannot_enter_a_bank(self) -> None:
        year = academic_year_current()
        Consent.objects.create(
            organization=self.w.org_a2,
            staff=self.minor,
            kind=Consent.Kind.PERSONAL_DATA,
            status=Consent.Status.SIGNED,
            version="1",
            issued_at=TODAY,
            signed_at=TODAY,
        )
        with self.assertRaisesMessage(ValidationError, "родителем или законным представителем"):
            banks.mentee_add(actor=None, staff=self.minor, year=year)
        Consent.objects.filter(staff=self.minor).update(status=Consent.Status.REVOKED)
        sign(self.minor, Consent.Kind.PERSONAL_DATA, None)
        profile = banks.mentee_add(actor=None, staff=self.minor, year=year)
        self.assertEqual(profile.category, "student")

    def test_students_and_employers_need_no_duties_consent(self) -> None:
        with self.assertRaisesMessage(ValidationError, "не нужно"):
            banks.consent_issue(actor=None, staff=self.adult, kind=Consent.Kind.DUTIES)


class FormCatalogTests(PeopleTestCase):
    def pair(self, mentor: StaffMember, mentee: StaffMember, form: str) -> Mentorship:
        return mentorships.mentorship_create(
            actor=None,
            organization=self.w.org_a2,
            year=academic_year_current(),
            mentor=mentor,
            mentees=[mentee],
            form=form,
            type=Mentorship.Type.INDIVIDUAL,
            starts_on=TODAY,
            ends_on=TODAY + datetime.timedelta(days=180),
        )

    def test_the_form_catalog_rejects_a_pair_of_the_wrong_kinds(self) -> None:
        for person in (self.minor, self.adult, self.employer_mentor, self.teacher):
            sign(person, Consent.Kind.PERSONAL_DATA, None)
        with self.assertRaisesMessage(ValidationError, "наставником в форме"):
            self.pair(self.adult, self.teacher, "teacher_teacher")
        with self.assertRaisesMessage(ValidationError, "наставляемым в форме"):
            self.pair(self.employer_mentor, self.teacher, "employer_student")
        with self.assertRaisesMessage(ValidationError, "наставником в форме"):
            self.pair(self.teacher, self.minor, "employer_student")
        self.assertFalse(Mentorship.objects.exists())
        mentorship = self.pair(self.employer_mentor, self.minor, "employer_student")
        self.assertEqual(list(mentorship.mentees.all()), [self.minor])
        mentorships.check_form_participants("student_student", [self.adult], [self.minor])

    def test_matching_respects_the_form(self) -> None:
        from nastavnik.banks.models import MentorProfile
        from nastavnik.matching import scoring

        year = academic_year_current()
        for person in (self.minor, self.adult, self.employer_mentor):
            sign(person, Consent.Kind.PERSONAL_DATA, None)
        banks.mentee_add(actor=None, staff=self.minor, year=year)
        for mentor, form in (
            (self.employer_mentor, "employer_student"),
            (self.adult, "student_student"),
        ):
            profile = banks.mentor_add(actor=None, staff=mentor, year=year)
            MentorProfile.objects.filter(pk=profile.pk).update(
                forms=[form], status=MentorProfile.Status.SELECTED
            )
        data = scoring.candidates(self.w.org_a2, year, form="employer_student")
        self.assertEqual(
            {(e[0], e[1]) for e in data.edges()}, {(self.employer_mentor.pk, self.minor.pk)}
        )
        data = scoring.candidates(self.w.org_a2, year, form="student_student")
        self.assertEqual({(e[0], e[1]) for e in data.edges()}, {(self.adult.pk, self.minor.pk)})
        data = scoring.candidates(self.w.org_a2, year, form="teacher_teacher")
        self.assertEqual(data.edges(), [])


class StudentSurveyTests(PeopleTestCase):
    def test_a_survey_asks_the_students_of_the_chosen_groups(self) -> None:
        year = academic_year_current()
        chosen = surveys.audience_staff(
            self.w.org_a2, year, Survey.Audience.STUDENTS, study_groups=[self.group]
        )
        self.assertEqual([(p, g) for p, g in chosen], [(self.minor, "learner")])
        external = surveys.audience_staff(self.w.org_a2, year, Survey.Audience.EXTERNAL)
        self.assertEqual([p for p, _ in external], [self.employer_mentor])
        everyone = [p for p, _ in surveys.audience_staff(self.w.org_a2, year, "all_staff")]
        self.assertNotIn(self.minor, everyone)
        self.assertIn(self.teacher, everyone)
        with self.assertRaisesMessage(ValidationError, "другой организации"):
            surveys.audience_staff(
                self.w.org_a, year, Survey.Audience.STUDENTS, study_groups=[self.group]
            )
