"""The rules of surveys: the library, the audience, personal links, answering, anonymity,
reminders, and what the answers give the banks and matching."""

import datetime
import re
from typing import Any

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ForeignKey, OneToOneField
from django.utils import timezone

from nastavnik.banks.models import Competency, Consent, MenteeNeed, MenteeProfile, MentorProfile
from nastavnik.banks.selectors import competencies_for
from nastavnik.banks.services import consent_issue, consent_sign
from nastavnik.core.models import AcademicYear, AuditEvent
from nastavnik.core.services import academic_year_current
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import library, services
from nastavnik.surveys.models import (
    Answer,
    Invitation,
    InvitationToken,
    Question,
    Questionnaire,
    Response,
    Survey,
)
from nastavnik.testing import BaseTestCase, StaffMemberFactory

TOKEN_RE = re.compile(r"/s/([A-Za-z0-9_\-]+)/")


def tokens_from_outbox() -> dict[str, str]:
    """E-mail address → the token of the personal link in the last letter to it."""
    return {m.to[0]: TOKEN_RE.findall(str(m.body))[-1] for m in mail.outbox}


def template(region: Any, kind: str) -> Questionnaire:
    services.region_library(region)
    return Questionnaire.objects.get(region=region, organization=None, kind=kind)


class SurveyTestCase(BaseTestCase):
    year: AcademicYear
    today: datetime.date
    people: list[StaffMember]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year = academic_year_current()
        cls.today = timezone.localdate()
        cls.people = [
            StaffMemberFactory.create(
                organization=cls.w.org_a,
                last_name=name,
                first_name="Анна",
                patronymic="Сергеевна",
                email=f"{i}@example.org" if i < 3 else "",
            )
            for i, name in enumerate(["Антонова", "Борисова", "Власова", "Глебова"])
        ]
        competencies_for(cls.w.region)

    def make(self, kind: str = "interim", *, anonymous: bool = False, **extra: Any) -> Survey:
        return services.survey_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            year=self.year,
            template=template(self.w.region, kind),
            title="Анкета",
            anonymous=anonymous,
            audience=Survey.Audience.PEOPLE,
            people=self.people,
            opens_on=self.today,
            closes_on=self.today + datetime.timedelta(days=14),
            **extra,
        )

    def launch(self, survey: Survey) -> dict[str, str]:
        mail.outbox.clear()
        services.survey_launch(actor=self.w.curator_a, survey=survey)
        return tokens_from_outbox()

    def q(self, survey: Survey, text_start: str) -> Question:
        return survey.questionnaire.questions.get(text__startswith=text_start)


class LibraryTests(SurveyTestCase):
    def test_the_region_gets_every_shipped_template_once(self) -> None:
        services.region_library(self.w.region)
        services.region_library(self.w.region)
        kinds = list(
            Questionnaire.objects.filter(region=self.w.region, organization=None).values_list(
                "kind", flat=True
            )
        )
        self.assertEqual(sorted(kinds), sorted(t["kind"] for t in library.TEMPLATES))

    def test_the_library_of_a_school_holds_the_region_and_its_own_templates_only(self) -> None:
        own = services.questionnaire_copy(
            template(self.w.region, "interim"), organization=self.w.org_a, is_template=True
        )
        services.questionnaire_copy(
            template(self.w.region, "interim"), organization=self.w.org_b, is_template=True
        )
        found = services.library_for(self.w.org_a)
        self.assertIn(own, found)
        self.assertEqual(len(found), len(library.TEMPLATES) + 1)

    def test_a_copy_keeps_the_conditions_inside_the_copy(self) -> None:
        source = template(self.w.region, "interim")
        copy = services.questionnaire_copy(source, organization=self.w.org_a, is_template=False)
        dependent = copy.questions.get(condition_question__isnull=False)
        assert dependent.condition_question is not None
        self.assertEqual(dependent.condition_question.questionnaire, copy)
        self.assertEqual(dependent.condition_value, "Да")

    def test_a_list_question_needs_two_distinct_options(self) -> None:
        q = Question(
            questionnaire=template(self.w.region, "interim"), kind="single", options=["Да"]
        )
        with self.assertRaisesMessage(ValidationError, "не меньше двух вариантов"):
            services.check_question(q)


class AudienceTests(SurveyTestCase):
    def test_the_mentee_bank_audience_asks_the_bank_of_the_year(self) -> None:
        MenteeProfile.objects.create(
            organization=self.w.org_a,
            staff=self.people[0],
            academic_year=self.year,
            category="young",
        )
        people = services.audience_staff(self.w.org_a, self.year, Survey.Audience.MENTEE_BANK)
        self.assertEqual(people, [(self.people[0], Invitation.Group.MENTEE)])

    def test_it_refuses_a_person_of_another_organization(self) -> None:
        stranger = StaffMember.objects.filter(organization=self.w.org_b).first()
        assert stranger is not None
        with self.assertRaises(ValidationError):
            services.audience_staff(
                self.w.org_a, self.year, Survey.Audience.PEOPLE, people=[stranger]
            )

    def test_it_refuses_a_survey_that_closes_before_it_opens(self) -> None:
        with self.assertRaisesMessage(ValidationError, "закрываться"):
            services.survey_create(
                actor=self.w.curator_a,
                organization=self.w.org_a,
                year=self.year,
                template=template(self.w.region, "interim"),
                title="Анкета",
                anonymous=False,
                audience=Survey.Audience.ALL_STAFF,
                opens_on=self.today,
                closes_on=self.today - datetime.timedelta(days=1),
            )
        self.assertFalse(Survey.objects.exists())

    def test_a_template_of_another_region_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            services.survey_create(
                actor=self.w.curator_a,
                organization=self.w.org_a,
                year=self.year,
                template=template(self.w.region2, "interim"),
                title="Анкета",
                anonymous=False,
                audience=Survey.Audience.ALL_STAFF,
                opens_on=self.today,
                closes_on=self.today,
            )


class LaunchTests(SurveyTestCase):
    def test_launch_mails_a_personal_link_to_those_with_an_address(self) -> None:
        survey = self.make()
        result = services.survey_launch(actor=self.w.curator_a, survey=survey)
        self.assertEqual(result.emailed, 3)
        self.assertEqual(result.without_email, [self.people[3]])
        self.assertEqual(len(mail.outbox), 3)
        self.assertIn("Анкета", mail.outbox[0].subject)
        token = TOKEN_RE.findall(str(mail.outbox[0].body))[0]
        # Only the digest of the link is stored.
        self.assertFalse(InvitationToken.objects.filter(digest=token).exists())
        self.assertEqual(services.invitation_for_token(token).staff.email, mail.outbox[0].to[0])

    def test_a_second_launch_sends_nothing(self) -> None:
        survey = self.make()
        services.survey_launch(actor=self.w.curator_a, survey=survey)
        with self.assertRaisesMessage(ValidationError, "уже запущено"):
            services.survey_launch(actor=self.w.curator_a, survey=survey)
        self.assertEqual(len(mail.outbox), 3)

    def test_printed_links_are_fresh_and_the_old_ones_keep_working(self) -> None:
        survey = self.make()
        tokens = self.launch(survey)
        printed = services.print_links(
            actor=self.w.curator_a, survey=survey, only_without_email=True
        )
        self.assertEqual([p for p, _url in printed], [self.people[3]])
        new = TOKEN_RE.findall(printed[0][1])[0]
        self.assertEqual(services.invitation_for_token(new).staff, self.people[3])
        self.assertTrue(services.invitation_for_token(tokens["0@example.org"]))


class AnswerTests(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.make("interim")
        self.tokens = self.launch(self.survey)
        self.token = self.tokens["0@example.org"]
        self.regular = self.q(self.survey, "Насколько регулярно")
        self.helps = self.q(self.survey, "Насколько работа")
        self.need_help = self.q(self.survey, "Нужна ли помощь")
        self.which_help = self.q(self.survey, "Какая помощь")

    def test_a_draft_keeps_what_is_valid_and_a_final_submit_needs_required_answers(self) -> None:
        saved = services.save_answers(self.token, {self.regular.pk: ["4"]}, final=False)
        self.assertTrue(saved.ok)
        saved = services.save_answers(
            self.token, {self.regular.pk: ["4"], self.helps.pk: ["9"]}, final=True
        )
        self.assertIn(self.helps.pk, saved.errors)  # 9 is not on a scale of 5
        self.assertIn(self.need_help.pk, saved.errors)
        self.assertEqual(saved.errors[self.need_help.pk], "На этот вопрос нужно ответить.")
        draft = services.draft_for(services.invitation_for_token(self.token), self.token)
        assert draft is not None
        self.assertEqual(
            {a.question_id: a.value for a in draft.answers.all()}, {self.regular.pk: 4}
        )
        self.assertFalse(Invitation.objects.get(staff=self.people[0]).answered)

    def test_a_hidden_required_question_is_not_required_and_its_answer_is_dropped(self) -> None:
        saved = services.save_answers(
            self.token,
            {
                self.regular.pk: ["4"],
                self.helps.pk: ["5"],
                self.need_help.pk: ["Нет"],
                self.which_help.pk: ["Методическая помощь"],
            },
            final=True,
        )
        self.assertTrue(saved.ok, saved.errors)
        self.assertNotIn(self.which_help.pk, saved.values)
        shown = services.save_answers(
            self.tokens["1@example.org"],
            {self.regular.pk: ["4"], self.helps.pk: ["5"], self.need_help.pk: ["Да"]},
            final=True,
        )
        self.assertIn(self.which_help.pk, shown.errors)

    def test_it_refuses_a_second_submit_and_keeps_the_first(self) -> None:
        answers = {self.regular.pk: ["4"], self.helps.pk: ["5"], self.need_help.pk: ["Нет"]}
        services.save_answers(self.token, answers, final=True)
        with self.assertRaises(services.LinkError) as caught:
            services.save_answers(self.token, {self.regular.pk: ["1"]}, final=True)
        self.assertEqual(caught.exception.code, "answered")
        self.assertIn("уже ответили", caught.exception.message)
        self.assertEqual(Answer.objects.get(question=self.regular).value, 4)

    def test_a_tampered_closed_or_early_link_says_what_is_wrong(self) -> None:
        for bad in ["", "x", "../../etc/passwd", "' OR 1=1 --", "я" * 500, self.token + "x"]:
            with self.assertRaises(services.LinkError) as caught:
                services.invitation_for_token(bad)
            self.assertEqual(caught.exception.code, "invalid")
        with self.assertRaises(services.LinkError) as caught:
            services.invitation_for_token(
                self.token, today=self.today + datetime.timedelta(days=15)
            )
        self.assertEqual(caught.exception.code, "closed")
        services.survey_close(actor=self.w.curator_a, survey=self.survey)
        with self.assertRaises(services.LinkError) as caught:
            services.save_answers(self.token, {self.regular.pk: ["4"]}, final=False)
        self.assertEqual(caught.exception.code, "closed")

    def test_garbage_answers_get_russian_errors(self) -> None:
        survey = self.make("mentee_needs")
        token = self.launch(survey)["2@example.org"]
        experience = self.q(survey, "Ваш педагогический стаж")
        needs = survey.questionnaire.questions.get(code="needs")
        saved = services.save_answers(
            token, {experience.pk: ["много"], needs.pk: ["999999", "abc"]}, final=False
        )
        self.assertEqual(saved.errors[experience.pk], "Введите число, например 3 или 2,5.")
        self.assertEqual(saved.errors[needs.pk], "Выберите из списка.")
        self.assertEqual(services.parse_date("01.10.2025"), datetime.date(2025, 10, 1))
        self.assertIsNone(services.parse_date("31.02.2025"))


class AnonymityTests(SurveyTestCase):
    def test_the_database_holds_no_path_from_an_anonymous_answer_to_a_person(self) -> None:
        survey = self.make("interim", anonymous=True)
        tokens = self.launch(survey)
        regular = self.q(survey, "Насколько регулярно")
        token = tokens["1@example.org"]
        services.save_answers(token, {regular.pk: ["2"]}, final=False)
        draft = Response.objects.get(survey=survey)
        self.assertIsNone(draft.invitation_id)
        # The draft is found by its own digest of the link, not by the link's digest.
        self.assertFalse(InvitationToken.objects.filter(digest=draft.draft_key).exists())
        answers = {
            regular.pk: ["2"],
            self.q(survey, "Насколько работа").pk: ["3"],
            self.q(survey, "Нужна ли помощь").pk: ["Нет"],
        }
        self.assertTrue(services.save_answers(token, answers, final=True).ok)
        response = Response.objects.get(survey=survey)
        self.assertEqual(response.pk, draft.pk)
        self.assertIsNone(response.invitation_id)
        self.assertIsNone(response.submitted_at)
        self.assertIsNone(response.draft_key)
        self.assertTrue(Invitation.objects.get(staff=self.people[1]).answered)
        # The response's only relations are its survey and organization (and the empty
        # invitation); nothing in it records a time.
        relations = {
            f.name for f in Response._meta.get_fields() if isinstance(f, ForeignKey | OneToOneField)
        }
        self.assertEqual(relations, {"survey", "organization", "invitation"})
        self.assertFalse(
            [f.name for f in Response._meta.fields if f.get_internal_type() == "DateTimeField"]
            != ["submitted_at"]
        )
        # No audit row names the response.
        self.assertFalse(AuditEvent.objects.filter(target_id=str(response.pk)).exists())
        # The primary key is random: it does not tell the order of answers.
        self.assertEqual(response.pk.version, 4)

    def test_an_anonymous_response_with_an_invitation_is_refused_by_the_database(self) -> None:
        survey = self.make("interim", anonymous=True)
        from django.db import IntegrityError, transaction

        with self.assertRaises(IntegrityError), transaction.atomic():
            Response.objects.create(
                survey=survey,
                organization=self.w.org_a,
                group="staff",
                submitted=True,
                submitted_at=timezone.now(),
            )


class ReminderTests(SurveyTestCase):
    def test_reminders_reach_only_those_who_have_not_answered(self) -> None:
        survey = self.make("interim", reminder_limit=2, reminder_interval_days=3)
        tokens = self.launch(survey)
        answers = {
            self.q(survey, "Насколько регулярно").pk: ["4"],
            self.q(survey, "Насколько работа").pk: ["4"],
            self.q(survey, "Нужна ли помощь").pk: ["Нет"],
        }
        services.save_answers(tokens["0@example.org"], answers, final=True)
        mail.outbox.clear()
        # Too early: the invitation went today.
        self.assertEqual(services.send_reminders(self.today), 0)
        day3 = self.today + datetime.timedelta(days=3)
        self.assertEqual(services.send_reminders(day3), 2)
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["1@example.org", "2@example.org"])
        self.assertIn("Напоминание", mail.outbox[0].subject)
        # The reminder's new link works, and so does the first one.
        new = tokens_from_outbox()["1@example.org"]
        self.assertEqual(services.invitation_for_token(new).staff, self.people[1])
        self.assertEqual(
            services.invitation_for_token(tokens["1@example.org"]).staff, self.people[1]
        )
        self.assertEqual(services.send_reminders(day3 + datetime.timedelta(days=2)), 0)
        self.assertEqual(services.send_reminders(day3 + datetime.timedelta(days=3)), 2)
        # At most two reminders.
        self.assertEqual(services.send_reminders(day3 + datetime.timedelta(days=9)), 0)

    def test_an_anonymous_survey_reminds_non_respondents_as_well(self) -> None:
        survey = self.make("interim", anonymous=True)
        tokens = self.launch(survey)
        answers = {
            self.q(survey, "Насколько регулярно").pk: ["4"],
            self.q(survey, "Насколько работа").pk: ["4"],
            self.q(survey, "Нужна ли помощь").pk: ["Нет"],
        }
        services.save_answers(tokens["2@example.org"], answers, final=True)
        mail.outbox.clear()
        services.send_reminders(self.today + datetime.timedelta(days=5))
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["0@example.org", "1@example.org"])

    def test_a_closed_survey_reminds_nobody(self) -> None:
        survey = self.make("interim")
        self.launch(survey)
        services.survey_close(actor=self.w.curator_a, survey=survey)
        self.assertEqual(services.send_reminders(self.today + datetime.timedelta(days=5)), 0)


class BankAndMatchingTests(SurveyTestCase):
    def sign(self, *people: StaffMember) -> None:
        for person in people:
            consent_sign(
                actor=self.w.curator_a,
                consent=consent_issue(
                    actor=self.w.curator_a, staff=person, kind=Consent.Kind.PERSONAL_DATA
                ),
                scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed"),
                signed_at=self.today,
            )

    def test_the_mentee_questionnaire_proposes_needs_that_the_curator_moves_to_the_bank(
        self,
    ) -> None:
        self.sign(self.people[0])
        survey = self.make("mentee_needs")
        token = self.launch(survey)["0@example.org"]
        questions = {q.code: q for q in survey.questionnaire.questions.all() if q.code}
        parents = Competency.objects.get(region=self.w.region, name__startswith="Работа с родит")
        discipline = Competency.objects.get(
            region=self.w.region, name="Дисциплина и управление классом"
        )
        first_choice = survey.questionnaire.questions.get(text__startswith="Как долго")
        need_now = survey.questionnaire.questions.get(text__startswith="Насколько вам нужна")
        saved = services.save_answers(
            token,
            {
                questions["experience"].pk: ["1"],
                first_choice.pk: ["Меньше года"],
                questions["difficulty"].pk: ["Дисциплина на уроке"],
                questions["needs"].pk: [str(parents.pk), str(discipline.pk)],
                questions["needs_text"].pk: ["Как говорить с родителями о неуспеваемости"],
                need_now.pk: ["5"],
            },
            final=True,
        )
        self.assertTrue(saved.ok, saved.errors)
        proposals = services.bank_proposals(survey)
        self.assertEqual(len(proposals), 1)
        self.assertEqual({c.pk for c in proposals[0].competencies}, {parents.pk, discipline.pk})
        moved = services.move_to_bank(
            actor=self.w.curator_a, survey=survey, response_ids=[proposals[0].response.pk]
        )
        self.assertEqual((moved.moved, moved.refused), ([self.people[0]], []))
        profile = MenteeProfile.objects.get(staff=self.people[0], academic_year=self.year)
        self.assertEqual(profile.needs_text, "Как говорить с родителями о неуспеваемости")
        self.assertEqual(
            set(profile.needs.values_list("competency_id", "source")),
            {(parents.pk, MenteeNeed.Source.QUESTIONNAIRE), (discipline.pk, "questionnaire")},
        )
        self.assertEqual(services.bank_proposals(survey), [])

    def test_a_young_specialist_enters_the_mentee_bank_as_a_young_specialist(self) -> None:
        StaffMember.objects.filter(pk=self.people[0].pk).update(
            birth_date=self.today.replace(year=self.today.year - 24),
            experience_years=1,
            experience_as_of=self.today,
        )
        self.sign(self.people[0])
        survey = self.make("mentee_needs")
        token = self.launch(survey)["0@example.org"]
        data = {
            q.pk: [q.options[0]] if q.options else ["1"]
            for q in survey.questionnaire.questions.all()
            if q.required and q.kind != "competencies"
        }
        needs = survey.questionnaire.questions.get(code="needs")
        competency = Competency.objects.filter(region=self.w.region).first()
        assert competency is not None
        data[needs.pk] = [str(competency.pk)]
        self.assertTrue(services.save_answers(token, data, final=True).ok)
        services.move_to_bank(
            actor=self.w.curator_a,
            survey=survey,
            response_ids=[p.response.pk for p in services.bank_proposals(survey)],
        )
        profile = MenteeProfile.objects.get(staff=self.people[0], academic_year=self.year)
        self.assertEqual(profile.category, MenteeProfile.Category.YOUNG)

    def test_the_mentor_questionnaire_fills_the_mentor_bank(self) -> None:
        self.sign(self.people[1])
        survey = self.make("mentor_potential")
        token = self.launch(survey)["1@example.org"]
        questions = {q.code: q for q in survey.questionnaire.questions.all() if q.code}
        competency = Competency.objects.filter(region=self.w.region).first()
        assert competency is not None
        saved = services.save_answers(
            token,
            {
                questions["ready"].pk: ["Да"],
                questions["capacity"].pk: ["2"],
                questions["competencies"].pk: [str(competency.pk)],
                questions["experience_text"].pk: ["Проектная деятельность"],
            },
            final=True,
        )
        self.assertTrue(saved.ok, saved.errors)
        services.move_to_bank(
            actor=self.w.curator_a,
            survey=survey,
            response_ids=[p.response.pk for p in services.bank_proposals(survey)],
        )
        mentor = MentorProfile.objects.get(staff=self.people[1], academic_year=self.year)
        self.assertEqual(mentor.capacity, 2)
        self.assertEqual(mentor.experience_text, "Проектная деятельность")
        self.assertEqual(
            list(mentor.competencies.values_list("competency", flat=True)), [competency.pk]
        )

    def test_a_minor_goes_into_the_bank_only_with_the_parents_consent(self) -> None:
        minor = self.people[0]
        self.sign(minor)  # signed as an adult would, not by a parent
        StaffMember.objects.filter(pk=minor.pk).update(
            birth_date=self.today.replace(year=self.today.year - 16),
            representative_name="Антонова Ирина Павловна",
        )
        minor.refresh_from_db()
        survey = self.make("mentee_needs")
        token = self.launch(survey)["0@example.org"]
        data = {
            q.pk: [q.options[0]] if q.options else ["1"]
            for q in survey.questionnaire.questions.all()
            if q.required and q.kind != "competencies"
        }
        competency = Competency.objects.filter(region=self.w.region).first()
        assert competency is not None
        data[survey.questionnaire.questions.get(code="needs").pk] = [str(competency.pk)]
        self.assertTrue(services.save_answers(token, data, final=True).ok)
        [proposal] = services.bank_proposals(survey)
        self.assertIn("Антонова", proposal.refusal)
        result = services.move_to_bank(
            actor=self.w.curator_a, survey=survey, response_ids=[proposal.response.pk]
        )
        self.assertEqual(result.moved, [])
        self.assertEqual([p.pk for p, _reason in result.refused], [minor.pk])
        self.assertFalse(MenteeProfile.objects.filter(staff=minor).exists())
        # The parent signs: the consent is revoked and given again by the representative.
        consent = Consent.objects.get(staff=minor, status=Consent.Status.SIGNED)
        Consent.objects.filter(pk=consent.pk).update(
            status=Consent.Status.REVOKED, revoked_at=self.today
        )
        self.sign(minor)
        [proposal] = services.bank_proposals(survey)
        self.assertEqual(proposal.refusal, "")
        result = services.move_to_bank(
            actor=self.w.curator_a, survey=survey, response_ids=[proposal.response.pk]
        )
        self.assertEqual(result.moved, [minor])
        self.assertTrue(MenteeProfile.objects.filter(staff=minor, academic_year=self.year).exists())

    def test_an_anonymous_survey_proposes_nothing_for_the_banks(self) -> None:
        survey = self.make("mentee_needs", anonymous=True)
        self.assertEqual(services.bank_proposals(survey), [])

    def test_preferences_rank_the_named_people_from_both_sides(self) -> None:
        survey = self.make("preferences")
        tokens = self.launch(survey)
        mentors_q = survey.questionnaire.questions.get(code="preferred_mentors")
        mentees_q = survey.questionnaire.questions.get(code="preferred_mentees")
        mentee, mentor, other = self.people[0], self.people[1], self.people[2]
        MenteeProfile.objects.create(
            organization=self.w.org_a, staff=mentee, academic_year=self.year
        )
        for person in (mentor, other):
            MentorProfile.objects.create(
                organization=self.w.org_a, staff=person, academic_year=self.year
            )
        services.save_answers(
            tokens["0@example.org"], {mentors_q.pk: [str(mentor.pk), str(other.pk)]}, final=True
        )
        services.save_answers(tokens["1@example.org"], {mentees_q.pk: [str(mentee.pk)]}, final=True)
        strength = services.preferences(self.w.org_a, self.year)
        self.assertEqual(strength[(mentor.pk, mentee.pk)], 1.0)
        self.assertAlmostEqual(strength[(other.pk, mentee.pk)], 1 / 3)

    def test_the_preferred_mentors_are_chosen_only_from_the_mentor_bank_of_the_year(self) -> None:
        mentee, mentor, excluded, outsider = self.people
        MenteeProfile.objects.create(
            organization=self.w.org_a, staff=mentee, academic_year=self.year
        )
        MentorProfile.objects.create(
            organization=self.w.org_a, staff=mentor, academic_year=self.year
        )
        MentorProfile.objects.create(
            organization=self.w.org_a,
            staff=excluded,
            academic_year=self.year,
            status=MentorProfile.Status.EXCLUDED,
        )
        last_year = AcademicYear.objects.get_or_create(start_year=self.year.start_year - 1)[0]
        MentorProfile.objects.create(
            organization=self.w.org_a, staff=outsider, academic_year=last_year
        )
        survey = self.make("preferences")
        tokens = self.launch(survey)
        mentors_q = survey.questionnaire.questions.get(code="preferred_mentors")
        mentees_q = survey.questionnaire.questions.get(code="preferred_mentees")
        self.assertEqual(services.people_choices(survey, mentors_q), [mentor])
        self.assertEqual(services.people_choices(survey, mentees_q), [mentee])
        for person in (excluded, outsider, mentee):
            saved = services.save_answers(
                tokens["0@example.org"], {mentors_q.pk: [str(person.pk)]}, final=False
            )
            self.assertIn(mentors_q.pk, saved.errors, person)
        saved = services.save_answers(
            tokens["0@example.org"], {mentors_q.pk: [str(mentor.pk)]}, final=True
        )
        self.assertTrue(saved.ok, saved.errors)
        saved = services.save_answers(
            tokens["1@example.org"], {mentees_q.pk: [str(mentor.pk)]}, final=True
        )
        self.assertIn(mentees_q.pk, saved.errors)
        self.assertEqual(
            services.preferences(self.w.org_a, self.year), {(mentor.pk, mentee.pk): 0.5}
        )


class SatisfactionFlagTests(SurveyTestCase):
    def answer_interim(self, mark: str, opens_on: datetime.date) -> None:
        survey = services.survey_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            year=self.year,
            template=template(self.w.region, "interim"),
            title=f"Промежуточная {opens_on:%d.%m}",
            anonymous=False,
            audience=Survey.Audience.MENTORSHIPS,
            mentorships=[self.mentorship],
            opens_on=opens_on,
            closes_on=self.today + datetime.timedelta(days=30),
        )
        tokens = self.launch(survey)
        for email in ("0@example.org", "1@example.org"):
            saved = services.save_answers(
                tokens[email],
                {
                    self.q(survey, "Насколько регулярно").pk: [mark],
                    self.q(survey, "Насколько работа").pk: [mark],
                    self.q(survey, "Нужна ли помощь").pk: ["Нет"],
                },
                final=True,
            )
            self.assertTrue(saved.ok, saved.errors)

    def test_low_interim_satisfaction_flags_the_pair_until_a_later_survey_is_better(
        self,
    ) -> None:
        from nastavnik.mentorships.models import Mentorship
        from nastavnik.mentorships.selectors import with_flags

        self.mentorship = Mentorship.objects.create(
            organization=self.w.org_a,
            academic_year=self.year,
            mentor=self.people[0],
            status=Mentorship.Status.ACTIVE,
            starts_on=self.today,
            ends_on=self.today + datetime.timedelta(days=120),
        )
        self.mentorship.mentees.set([self.people[1]])
        queryset = Mentorship.objects.filter(pk=self.mentorship.pk)
        self.assertEqual(with_flags(queryset, self.today)[0]["flags"], [])
        self.answer_interim("2", self.today - datetime.timedelta(days=10))
        self.assertEqual(
            with_flags(queryset, self.today)[0]["flags"],
            [
                f"низкая удовлетворённость по анкете «Промежуточная "
                f"{self.today - datetime.timedelta(days=10):%d.%m}»: 25 из 100"
            ],
        )
        self.answer_interim("4", self.today)
        self.assertEqual(with_flags(queryset, self.today)[0]["flags"], [])
