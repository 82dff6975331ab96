"""The curator's pages of running surveys: the list, preparing, launching, reminding, printed
links, closing, deleting and moving answers into the banks; who sees what."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from nastavnik.banks.models import Competency, Consent, MenteeProfile
from nastavnik.banks.services import consent_issue, consent_sign
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_current
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import services
from nastavnik.surveys.models import (
    Answer,
    Invitation,
    InvitationToken,
    Questionnaire,
    Response,
    Survey,
)
from nastavnik.testing import BaseTestCase, StaffMemberFactory

TOKEN = re.compile(r"/s/([^/\s]+)/")


def ru(text: str) -> str:
    """What the Russian interface shows for an English msgid (the test reads as a user)."""
    with translation.override("ru"):
        return gettext(text)


class RunsTestCase(BaseTestCase):
    year: AcademicYear
    today: datetime.date
    with_email: list[StaffMember]
    mentee_template: Questionnaire

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year = academic_year_current()
        cls.today = timezone.localdate()
        org = cls.w.org_a
        cls.with_email = [
            StaffMemberFactory.create(
                organization=org, last_name=f"Альфпочтова{i}", email=f"alf{i}@example.org"
            )
            for i in range(2)
        ]
        templates = services.library_for(org)
        cls.mentee_template = next(
            t for t in templates if t.kind == Questionnaire.Kind.MENTEE_NEEDS
        )

    def make_survey(self, **kwargs: Any) -> Survey:
        values: dict[str, Any] = {
            "actor": self.w.curator_a,
            "organization": self.w.org_a,
            "year": self.year,
            "template": self.mentee_template,
            "title": "Анкета наставляемого Альфа",
            "anonymous": False,
            "audience": Survey.Audience.ALL_STAFF,
            "opens_on": self.today,
            "closes_on": self.today + datetime.timedelta(days=14),
        }
        values.update(kwargs)
        return services.survey_create(**values)

    def launch(self, survey: Survey) -> Any:
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("surveys:survey_launch", args=[survey.pk]))

    def texts(self, response: Any) -> list[str]:
        return [str(m) for m in get_messages(response.wsgi_request)]


class SurveyListTests(RunsTestCase):
    def url(self, org: Any = None) -> str:
        return reverse("surveys:survey_list", args=[(org or self.w.org_a).pk])

    def test_the_curator_sees_the_years_surveys_with_state_and_rate(self) -> None:
        survey = self.make_survey()
        invitation = survey.invitations.first()
        assert invitation is not None
        Invitation.objects.filter(pk=invitation.pk).update(answered=True)
        self.login(self.w.curator_a)
        response = self.client.get(self.url())
        self.assertContains(response, "Анкета наставляемого Альфа")
        self.assertContains(response, reverse("surveys:survey_detail", args=[survey.pk]))
        self.assertContains(response, reverse("surveys:survey_results", args=[survey.pk]))
        self.assertContains(response, reverse("surveys:survey_create", args=[self.w.org_a.pk]))
        self.assertContains(response, reverse("surveys:library", args=[self.w.org_a.pk]))
        invited = survey.invitations.count()
        with translation.override("ru"):
            rate = gettext("%(answered)d of %(invited)d (%(percent)d %%)") % {
                "answered": 1,
                "invited": invited,
                "percent": round(100 / invited),
            }
            state = services.survey_state(survey).label
        self.assertContains(response, rate)
        self.assertContains(response, state.capitalize())

    def test_methodologists_read_the_list_without_the_new_button(self) -> None:
        self.make_survey()
        for user in (self.w.municipal_a, self.w.regional):
            self.login(user)
            response = self.client.get(self.url())
            self.assertContains(response, "Анкета наставляемого Альфа")
            self.assertNotContains(
                response, reverse("surveys:survey_create", args=[self.w.org_a.pk])
            )

    def test_other_organizations_and_people_without_a_role_get_404(self) -> None:
        for user in (self.w.curator_b, self.w.municipal_b, self.w.curator_c, self.w.mentor_a):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404, user)

    def test_the_list_costs_the_same_queries_for_many_surveys(self) -> None:
        self.make_survey()
        self.login(self.w.curator_a)
        self.client.get(self.url())
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url())
        for i in range(5):
            self.make_survey(title=f"Ещё одна {i}")
        with self.assertNumQueries(len(few)):
            response = self.client.get(self.url())
        self.assertContains(response, "Ещё одна 4")


class SurveyCreateTests(RunsTestCase):
    def url(self, org: Any = None) -> str:
        return reverse("surveys:survey_create", args=[(org or self.w.org_a).pk])

    def data(self, **kwargs: Any) -> dict[str, Any]:
        data = {
            "template": self.mentee_template.pk,
            "title": "",
            "audience": Survey.Audience.ALL_STAFF,
            "opens_on": self.today.strftime("%d.%m.%Y"),
            "closes_on": (self.today + datetime.timedelta(days=10)).strftime("%d.%m.%Y"),
            "reminder_limit": 2,
            "reminder_interval_days": 3,
        }
        data.update(kwargs)
        return data

    def test_the_template_from_the_library_is_preselected_with_a_title(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.get(self.url() + f"?template={self.mentee_template.pk}")
        self.assertContains(response, f'value="{self.mentee_template.pk}" selected')
        self.assertContains(response, f"{self.mentee_template.title} {self.year}")

    def test_preparing_a_survey_invites_the_audience_and_sends_nothing(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(self.url(), self.data(anonymous="on"))
        survey = Survey.objects.get()
        self.assertRedirects(response, reverse("surveys:survey_detail", args=[survey.pk]))
        self.assertTrue(survey.anonymous)
        self.assertEqual(survey.title, f"{self.mentee_template.title} {self.year}")
        self.assertEqual(survey.launched_at, None)
        active = StaffMember.objects.filter(organization=self.w.org_a, is_active=True).count()
        self.assertEqual(survey.invitations.count(), active)
        self.assertEqual(mail.outbox, [])

    def test_it_refuses_a_survey_that_closes_before_it_opens(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(
            self.url(),
            self.data(
                opens_on="10.10.2025",
                closes_on="01.10.2025",
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors["closes_on"],
            [ru("The survey must close on or after the day it opens.")],
        )
        self.assertFalse(Survey.objects.exists())

    def test_chosen_people_and_chosen_pairs_need_a_choice(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(self.url(), self.data(audience=Survey.Audience.PEOPLE))
        self.assertIn("people", response.context["form"].errors)
        response = self.client.post(self.url(), self.data(audience=Survey.Audience.MENTORSHIPS))
        self.assertIn("mentorships", response.context["form"].errors)
        self.assertFalse(Survey.objects.exists())

    def test_chosen_people_are_the_only_ones_invited(self) -> None:
        self.login(self.w.curator_a)
        person = self.with_email[0]
        self.client.post(self.url(), self.data(audience=Survey.Audience.PEOPLE, people=[person.pk]))
        survey = Survey.objects.get()
        self.assertEqual(list(survey.invitations.values_list("staff", flat=True)), [person.pk])

    def test_a_service_refusal_shows_on_the_form_and_saves_nothing(self) -> None:
        self.login(self.w.curator_a)
        StaffMember.objects.filter(organization=self.w.org_a).update(is_active=False)
        response = self.client.post(self.url(), self.data(audience=Survey.Audience.MENTEE_BANK))
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            ru("Nobody is in the chosen audience."), response.context["form"].non_field_errors()
        )
        self.assertFalse(Survey.objects.exists())

    def test_only_managers_of_the_organization_prepare_surveys(self) -> None:
        for user in (self.w.curator_b, self.w.municipal_a, self.w.regional, self.w.mentor_a):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404, user)
            self.client.post(self.url(), self.data())
        self.assertFalse(Survey.objects.exists())


class SurveyDetailTests(RunsTestCase):
    def url(self, survey: Survey) -> str:
        return reverse("surveys:survey_detail", args=[survey.pk])

    def test_the_curator_reviews_a_prepared_survey_before_launching(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        response = self.client.get(self.url(survey))
        self.assertContains(response, 'id="launch-survey"')
        self.assertContains(
            response, reverse("surveys:questionnaire_edit", args=[survey.questionnaire_id])
        )
        self.assertContains(response, reverse("surveys:survey_audience", args=[survey.pk]))
        self.assertContains(response, 'id="delete-survey"')
        for person in self.with_email:
            self.assertContains(response, person.full_name)

    def test_launching_sends_letters_with_a_personal_link(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        response = self.launch(survey)
        self.assertRedirects(response, self.url(survey))
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox), ["alf0@example.org", "alf1@example.org"]
        )
        letter = next(m for m in mail.outbox if m.to == ["alf0@example.org"])
        found = TOKEN.search(str(letter.body))
        assert found is not None
        token = found.group(1)
        # Only the digest of the link is stored; the link leads to the person's invitation.
        self.assertFalse(InvitationToken.objects.filter(digest=token).exists())
        invitation = services.invitation_for_token(token)
        self.assertEqual(invitation.staff, self.with_email[0])
        with translation.override("ru"):
            expected = ngettext(
                "The survey is launched: %(count)d invitation has gone by e-mail.",
                "The survey is launched: %(count)d invitations have gone by e-mail.",
                2,
            ) % {"count": 2}
        self.assertIn(expected, self.texts(response))

    def test_the_page_lists_those_without_e_mail_with_a_link_to_print(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        self.launch(survey)
        response = self.client.get(self.url(survey))
        self.assertContains(response, 'id="without-email"')
        self.assertContains(response, "Альфсотрудникова0")
        self.assertContains(
            response, reverse("surveys:survey_print", args=[survey.pk]) + "?only_without_email=1"
        )
        self.assertNotContains(response, 'id="launch-survey"')

    def test_it_refuses_a_second_launch(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        self.launch(survey)
        sent = len(mail.outbox)
        response = self.launch(survey)
        self.assertEqual(len(mail.outbox), sent)
        self.assertIn(ru("The survey has already been launched."), self.texts(response))

    def test_closing_and_deleting_follow_the_state(self) -> None:
        draft = self.make_survey(title="Черновик")
        launched = self.make_survey(title="Запущенная")
        self.login(self.w.curator_a)
        response = self.client.post(reverse("surveys:survey_close", args=[draft.pk]))
        self.assertIn(ru("The survey has not been launched."), self.texts(response))
        self.launch(launched)
        response = self.client.post(reverse("surveys:survey_delete", args=[launched.pk]))
        self.assertIn(
            ru("A launched survey cannot be deleted; close it instead."), self.texts(response)
        )
        self.assertTrue(Survey.objects.filter(pk=launched.pk).exists())
        self.client.post(reverse("surveys:survey_close", args=[launched.pk]))
        launched.refresh_from_db()
        self.assertIsNotNone(launched.closed_at)
        self.assertEqual(services.survey_state(launched).code, "closed")
        response = self.client.post(reverse("surveys:survey_delete", args=[draft.pk]))
        self.assertRedirects(response, reverse("surveys:survey_list", args=[self.w.org_a.pk]))
        self.assertFalse(Survey.objects.filter(pk=draft.pk).exists())

    def test_get_changes_nothing(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        for name in ("survey_launch", "survey_close", "survey_delete", "survey_remind"):
            response = self.client.get(reverse(f"surveys:{name}", args=[survey.pk]))
            self.assertEqual(response.status_code, 405, name)
        self.client.get(reverse("surveys:survey_print", args=[survey.pk]))
        survey.refresh_from_db()
        self.assertIsNone(survey.launched_at)
        self.assertFalse(InvitationToken.objects.exists())

    def test_remind_now_says_who_got_a_letter_and_why_the_others_did_not(self) -> None:
        survey = self.make_survey(reminder_limit=2, reminder_interval_days=3)
        self.login(self.w.curator_a)
        self.launch(survey)
        first, second = (survey.invitations.get(staff=p) for p in self.with_email)
        # The first was invited long ago: a reminder is due. The second had both reminders.
        Invitation.objects.filter(pk=first.pk).update(
            emailed_at=timezone.now() - datetime.timedelta(days=5)
        )
        Invitation.objects.filter(pk=second.pk).update(reminders_sent=2)
        no_email = survey.invitations.filter(staff__email="").count()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("surveys:survey_remind", args=[survey.pk]))
        self.assertEqual([m.to for m in mail.outbox], [["alf0@example.org"]])
        self.assertTrue(TOKEN.search(str(mail.outbox[0].body)))
        with translation.override("ru"):
            expected = [
                ngettext(
                    "%(count)d reminder has been sent.", "%(count)d reminders have been sent.", 1
                )
                % {"count": 1},
                ngettext(
                    "%(count)d person has already had all the reminders allowed.",
                    "%(count)d people have already had all the reminders allowed.",
                    1,
                )
                % {"count": 1},
                ngettext(
                    "%(count)d person has no e-mail: print the link.",
                    "%(count)d people have no e-mail: print their links.",
                    no_email,
                )
                % {"count": no_email},
            ]
        text = self.texts(response)[-1]
        for part in expected:
            self.assertIn(part, text)
        # Right away again: the first is too early now.
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("surveys:survey_remind", args=[survey.pk]))
        self.assertEqual(mail.outbox, [])
        with translation.override("ru"):
            early = ngettext(
                "For %(count)d person it is too early: the last letter went less than "
                "%(days)d days ago.",
                "For %(count)d people it is too early: the last letter went less than "
                "%(days)d days ago.",
                1,
            ) % {"count": 1, "days": 3}
        self.assertIn(early, self.texts(response)[-1])

    def test_answered_people_are_marked_and_not_reminded(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        self.launch(survey)
        survey.invitations.filter(staff=self.with_email[0]).update(
            answered=True, emailed_at=timezone.now() - datetime.timedelta(days=10)
        )
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("surveys:survey_remind", args=[survey.pk]))
        self.assertEqual(mail.outbox, [])
        response = self.client.get(self.url(survey))
        total, _groups = response.context["total"], response.context["groups"]
        self.assertEqual(total.answered, 1)

    def test_the_director_runs_the_surveys_of_the_school_too(self) -> None:
        survey = self.make_survey()
        self.login(self.w.director_a)
        self.assertContains(self.client.get(self.url(survey)), 'id="launch-survey"')
        self.launch(survey)
        survey.refresh_from_db()
        self.assertIsNotNone(survey.launched_at)

    def test_an_anonymous_survey_shows_who_answered_but_nothing_of_what(self) -> None:
        survey = self.make_survey(anonymous=True)
        survey.invitations.filter(staff=self.with_email[0]).update(answered=True)
        self.login(self.w.curator_a)
        response = self.client.get(self.url(survey))
        self.assertContains(response, self.with_email[0].full_name)
        self.assertContains(
            response,
            ru(
                "The list shows only who has answered, never what: "
                "the answers of an anonymous survey are not tied to "
                "people."
            ),
        )

    def test_methodologists_see_the_rates_but_not_the_people(self) -> None:
        survey = self.make_survey()
        for user in (self.w.municipal_a, self.w.regional):
            self.login(user)
            response = self.client.get(self.url(survey))
            self.assertContains(response, 'id="total-rate"')
            self.assertContains(response, 'id="people-hidden"')
            self.assertNotContains(response, self.with_email[0].full_name)
            self.assertNotContains(response, 'id="launch-survey"')
            self.assertEqual(self.launch(survey).status_code, 404)
        survey.refresh_from_db()
        self.assertIsNone(survey.launched_at)

    def test_people_of_other_organizations_get_404(self) -> None:
        survey = self.make_survey()
        urls = [
            self.url(survey),
            reverse("surveys:survey_audience", args=[survey.pk]),
            reverse("surveys:survey_print", args=[survey.pk]),
            reverse("surveys:survey_to_bank", args=[survey.pk]),
        ]
        posts = [
            reverse(f"surveys:{name}", args=[survey.pk])
            for name in ("survey_launch", "survey_close", "survey_delete", "survey_remind")
        ]
        for user in (self.w.curator_b, self.w.municipal_b, self.w.curator_c, self.w.mentor_a):
            self.login(user)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))
            for url in posts:
                self.assertEqual(self.client.post(url).status_code, 404, (user, url))
        self.assertTrue(Survey.objects.filter(pk=survey.pk, launched_at=None).exists())

    def test_the_card_costs_the_same_queries_for_many_invitations(self) -> None:
        survey = self.make_survey(audience=Survey.Audience.PEOPLE, people=self.with_email[:1])
        self.login(self.w.curator_a)
        self.client.get(self.url(survey))
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url(survey))
        people = [
            StaffMemberFactory.create(organization=self.w.org_a, email=f"many{i}@example.org")
            for i in range(25)
        ]
        services.survey_set_audience(
            actor=self.w.curator_a, survey=survey, audience=Survey.Audience.PEOPLE, people=people
        )
        with self.assertNumQueries(len(few)):
            response = self.client.get(self.url(survey))
        self.assertContains(response, people[24].full_name)


class AudienceTests(RunsTestCase):
    def test_the_audience_changes_before_the_launch_only(self) -> None:
        survey = self.make_survey()
        url = reverse("surveys:survey_audience", args=[survey.pk])
        self.login(self.w.curator_a)
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url, {"audience": Survey.Audience.PEOPLE, "people": [self.with_email[1].pk]}
        )
        self.assertRedirects(response, reverse("surveys:survey_detail", args=[survey.pk]))
        self.assertEqual(
            list(survey.invitations.values_list("staff", flat=True)), [self.with_email[1].pk]
        )
        self.launch(survey)
        response = self.client.post(url, {"audience": Survey.Audience.ALL_STAFF})
        self.assertEqual(survey.invitations.count(), 1)
        self.assertIn(
            ru("The survey is launched: its audience can no longer change."), self.texts(response)
        )


class PrintTests(RunsTestCase):
    def test_the_printed_cards_carry_names_links_and_qr_codes(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        self.launch(survey)
        url = reverse("surveys:survey_print", args=[survey.pk])
        self.assertContains(self.client.get(url + "?only_without_email=1"), "checked")
        tokens = InvitationToken.objects.count()
        response = self.client.post(url, {"only_without_email": "1"})
        self.assertContains(response, "<svg", count=3)
        self.assertContains(response, "Альфсотрудникова0")
        self.assertNotContains(response, self.with_email[0].full_name)
        self.assertContains(response, "@media print")
        self.assertEqual(InvitationToken.objects.count(), tokens + 3)
        # Every card's link works, and the links of the letters still work too.
        for token in TOKEN.findall(response.content.decode()):
            services.invitation_for_token(token)
        letter_token = TOKEN.search(str(mail.outbox[0].body))
        assert letter_token is not None
        services.invitation_for_token(letter_token.group(1))
        response = self.client.post(url)
        self.assertContains(response, self.with_email[0].full_name)

    def test_links_are_printed_only_for_a_launched_survey(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        response = self.client.post(reverse("surveys:survey_print", args=[survey.pk]))
        self.assertIn(ru("Launch the survey first."), self.texts(response))
        self.assertFalse(InvitationToken.objects.exists())


class ToBankTests(RunsTestCase):
    def sign(self, person: StaffMember) -> None:
        consent_sign(
            actor=self.w.curator_a,
            consent=consent_issue(
                actor=self.w.curator_a, staff=person, kind=Consent.Kind.PERSONAL_DATA
            ),
            scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed"),
            signed_at=self.today,
        )

    def answered(self, survey: Survey, person: StaffMember, need: Competency) -> Response:
        questions = {q.code: q for q in survey.questionnaire.questions.all() if q.code}
        invitation = survey.invitations.get(staff=person)
        response_obj = Response.objects.create(
            survey=survey,
            organization=self.w.org_a,
            group=invitation.group,
            invitation=invitation,
            submitted=True,
            submitted_at=timezone.now(),
        )
        Answer.objects.create(response=response_obj, question=questions["needs"], value=[need.pk])
        Answer.objects.create(
            response=response_obj, question=questions["needs_text"], value="Хочу вести уроки"
        )
        return response_obj

    def test_the_curator_moves_proposed_needs_into_the_mentee_bank(self) -> None:
        need = Competency.objects.create(
            region=self.w.region, group="Методика", name="Альфовая методика урока"
        )
        self.sign(self.with_email[0])
        survey = self.make_survey(audience=Survey.Audience.PEOPLE, people=self.with_email)
        self.login(self.w.curator_a)
        self.launch(survey)
        response_obj = self.answered(survey, self.with_email[0], need)
        url = reverse("surveys:survey_to_bank", args=[survey.pk])
        page = self.client.get(url)
        self.assertContains(page, self.with_email[0].full_name)
        self.assertContains(page, "Альфовая методика урока")
        self.assertContains(page, "Хочу вести уроки")
        self.assertContains(page, reverse("banks:mentee_bank", args=[self.w.org_a.pk]))
        response = self.client.post(url, {"response": [str(response_obj.pk)]})
        self.assertRedirects(response, url)
        profile = MenteeProfile.objects.get(staff=self.with_email[0], academic_year=self.year)
        self.assertEqual(list(profile.needs.values_list("competency", flat=True)), [need.pk])
        self.assertEqual(profile.needs_text, "Хочу вести уроки")
        self.assertContains(self.client.get(url), 'id="nothing-to-move"')

    def test_people_without_a_signed_consent_are_not_moved_and_the_page_says_why(self) -> None:
        need = Competency.objects.create(
            region=self.w.region, group="Методика", name="Альфовая методика урока"
        )
        signed, unsigned = self.with_email
        self.sign(signed)
        survey = self.make_survey(audience=Survey.Audience.PEOPLE, people=self.with_email)
        self.login(self.w.curator_a)
        self.launch(survey)
        ok = self.answered(survey, signed, need)
        refused = self.answered(survey, unsigned, need)
        url = reverse("surveys:survey_to_bank", args=[survey.pk])
        with translation.override("ru"):
            reason = gettext(
                "%(person)s has no signed consent to the processing of personal data: upload "
                "the signed consent on the person's page first."
            ) % {"person": unsigned.full_name}
        self.assertIn("нет подписанного согласия на обработку персональных данных", reason)
        # The preview marks the person before the curator confirms: no tick, the reason.
        page = self.client.get(url)
        self.assertContains(page, reason)
        self.assertContains(page, ru("cannot be moved"))
        self.assertContains(page, f'name="response" value="{ok.pk}"')
        self.assertNotContains(page, f'name="response" value="{refused.pk}"')
        # Even when posted anyway, the person is not moved; the others are.
        response = self.client.post(url, {"response": [str(ok.pk), str(refused.pk)]})
        self.assertRedirects(response, url, fetch_redirect_response=False)
        texts = self.texts(response)
        with translation.override("ru"):
            moved = ngettext(
                "The answers of %(count)d person are in the mentee bank.",
                "The answers of %(count)d people are in the mentee bank.",
                1,
            ) % {"count": 1}
        self.assertIn(moved, texts)
        self.assertIn(ru("Not moved into the bank: %(reasons)s") % {"reasons": reason}, texts)
        self.assertTrue(
            MenteeProfile.objects.filter(staff=signed, academic_year=self.year).exists()
        )
        self.assertFalse(MenteeProfile.objects.filter(staff=unsigned).exists())
        refused.refresh_from_db()
        self.assertFalse(refused.moved_to_bank)
        # Once the consent is signed, the person's answers can go in.
        self.sign(unsigned)
        self.client.post(url, {"response": [str(refused.pk)]})
        profile = MenteeProfile.objects.get(staff=unsigned, academic_year=self.year)
        self.assertEqual(list(profile.needs.values_list("competency", flat=True)), [need.pk])

    def test_an_anonymous_survey_proposes_nothing(self) -> None:
        survey = self.make_survey(anonymous=True)
        self.login(self.w.curator_a)
        self.launch(survey)
        response = self.client.get(reverse("surveys:survey_to_bank", args=[survey.pk]))
        self.assertEqual(response.context["proposals"], [])
        self.assertNotContains(
            self.client.get(reverse("surveys:survey_detail", args=[survey.pk])), 'id="to-bank"'
        )
