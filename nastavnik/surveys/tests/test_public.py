"""Answering a questionnaire by a personal link (no login) and «My questionnaires»."""

import datetime
import re
from typing import Any
from urllib.parse import quote

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.banks.models import Competency, MentorProfile
from nastavnik.banks.selectors import competencies_for
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_current
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import services
from nastavnik.surveys.models import (
    Answer,
    Invitation,
    Question,
    Questionnaire,
    Response,
    Survey,
)
from nastavnik.testing import BaseTestCase, StaffMemberFactory

TODAY = timezone.localdate()
LINK = re.compile(r"/s/([A-Za-z0-9_-]+)/")


class PublicTestCase(BaseTestCase):
    year: AcademicYear
    mentee: StaffMember
    mentor: StaffMember
    stranger: StaffMember

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year = academic_year_current()
        competencies_for(cls.w.region)
        cls.mentee = StaffMemberFactory.create(
            organization=cls.w.org_a,
            last_name="Альфнаставляемова",
            first_name="Ольга",
            patronymic="Игоревна",
            position="Учитель истории",
            email="mentee@example.org",
            user=cls.w.mentee_a,
        )
        cls.mentor = StaffMemberFactory.create(
            organization=cls.w.org_a,
            last_name="Альфнаставникова",
            first_name="Вера",
            patronymic="Павловна",
            position="Учитель математики",
            email="mentor@example.org",
            user=cls.w.mentor_a,
        )
        cls.stranger = StaffMemberFactory.create(
            organization=cls.w.org_b,
            last_name="Бетнаставникова",
            email="stranger@example.org",
            user=cls.w.mentor_b,
        )

    def template(self, kind: str) -> Questionnaire:
        return next(t for t in services.library_for(self.w.org_a) if t.kind == kind)

    def launch(
        self,
        kind: str = Questionnaire.Kind.MENTEE_NEEDS,
        *,
        anonymous: bool = False,
        people: list[StaffMember] | None = None,
        title: str = "Анкета наставляемого 2026",
        opens_on: datetime.date = TODAY,
        closes_on: datetime.date | None = None,
        template: Questionnaire | None = None,
        organization: Any = None,
    ) -> Survey:
        survey = services.survey_create(
            actor=self.w.curator_a,
            organization=organization or self.w.org_a,
            year=self.year,
            template=template or self.template(kind),
            title=title,
            anonymous=anonymous,
            audience=Survey.Audience.PEOPLE,
            opens_on=opens_on,
            closes_on=closes_on or TODAY + datetime.timedelta(days=14),
            people=people if people is not None else [self.mentee, self.mentor],
        )
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.survey_launch(actor=self.w.curator_a, survey=survey)
        return survey

    def token_of(self, staff: StaffMember) -> str:
        letter = next(m for m in mail.outbox if staff.email in m.to)
        found = LINK.search(str(letter.body))
        assert found is not None
        return found.group(1)

    def url(self, token: str) -> str:
        return reverse("surveys:answer", args=[token])

    def q(self, survey: Survey, **lookup: Any) -> Question:
        return survey.questionnaire.questions.get(**lookup)

    def mentee_needs_answers(self, survey: Survey, **override: Any) -> dict[str, Any]:
        """A complete set of answers to the mentee questionnaire (field name → value)."""
        questions = {q.text: q for q in survey.questionnaire.questions.all()}
        competency = Competency.objects.filter(region=self.w.region).order_by("order").first()
        assert competency is not None
        data = {
            f"q{self.q(survey, code='experience').pk}": "2",
            f"q{questions['Как долго вы работаете в нашей образовательной организации?'].pk}": (
                "1–3 года"
            ),
            f"q{self.q(survey, code='difficulty').pk}": ["Дисциплина на уроке"],
            f"q{self.q(survey, code='needs').pk}": [str(competency.pk)],
            f"q{self.q(survey, code='needs_text').pk}": "Хочу научиться держать дисциплину",
            f"q{questions['Насколько вам нужна помощь наставника сейчас?'].pk}": "4",
        }
        data.update(override)
        return data


class AnswerPageTests(PublicTestCase):
    def test_it_opens_for_a_visitor_who_is_not_logged_in(self) -> None:
        survey = self.launch()
        response = self.client.get(self.url(self.token_of(self.mentee)))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Анкета наставляемого 2026")
        self.assertContains(response, "Школа Альфа")
        self.assertContains(response, "Анкета помогает определить ваши профессиональные запросы")
        self.assertContains(
            response, "Анкета не анонимная: ответы увидит куратор программы наставничества."
        )
        closes = survey.closes_on.strftime("%d.%m.%Y")
        self.assertContains(response, f"Анкета открыта до {closes}.")
        self.assertContains(response, "Профессиональные затруднения")  # a section heading
        self.assertContains(response, "Например: как вести разговор с родителями")  # a hint
        self.assertContains(response, "обязательный вопрос")
        self.assertContains(response, "Сохранить черновик")
        self.assertContains(response, "Отправить ответы")
        self.assertContains(response, 'inputmode="decimal"')
        self.assertContains(response, 'class="btn-check" type="radio"', count=5)  # scale 1..5
        self.assertContains(response, "csrfmiddlewaretoken")
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertEqual(response["Referrer-Policy"], "strict-origin")
        # The competencies come grouped by their group.
        group = Competency.objects.filter(region=self.w.region).order_by("order").first().group  # type: ignore[union-attr]
        self.assertContains(response, group)
        # No session is started for an anonymous visitor.
        self.assertNotIn("sessionid", response.cookies)

    def test_an_anonymous_survey_says_so(self) -> None:
        self.launch(anonymous=True)
        response = self.client.get(self.url(self.token_of(self.mentee)))
        self.assertContains(
            response, "Анкетирование анонимное: никто не узнает, какие ответы ваши."
        )

    def test_a_draft_is_saved_and_shown_on_the_next_visit(self) -> None:
        survey = self.launch()
        token = self.token_of(self.mentee)
        experience = self.q(survey, code="experience")
        text = self.q(survey, code="needs_text")
        response = self.client.post(
            self.url(token),
            {"action": "draft", f"q{experience.pk}": "3,5", f"q{text.pk}": "Работа с «родителями»"},
        )
        self.assertRedirects(response, self.url(token), fetch_redirect_response=False)
        self.assertEqual(response["Cache-Control"], "no-store")
        response = self.client.get(self.url(token))
        self.assertContains(response, "Черновик сохранён.")
        self.assertContains(response, 'value="3,5"')
        self.assertContains(response, "Работа с «родителями»</textarea>")
        self.assertFalse(Invitation.objects.get(survey=survey, staff=self.mentee).answered)

    def test_a_missing_required_answer_shows_an_error_and_keeps_the_other_answers(self) -> None:
        survey = self.launch()
        token = self.token_of(self.mentee)
        scale = self.q(survey, text="Насколько вам нужна помощь наставника сейчас?")
        data = self.mentee_needs_answers(survey, **{f"q{scale.pk}": ""})
        data["action"] = "submit"
        response = self.client.post(self.url(token), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ответы ещё не отправлены.")
        self.assertContains(response, "На этот вопрос нужно ответить.", count=2)  # summary + field
        self.assertContains(response, f'href="#question-{scale.pk}"')
        # What was entered is still on the page and kept in the draft.
        self.assertContains(response, "Хочу научиться держать дисциплину</textarea>")
        self.assertContains(response, 'value="2"')
        self.assertFalse(Invitation.objects.get(survey=survey, staff=self.mentee).answered)
        draft = Response.objects.get(survey=survey, submitted=False)
        self.assertEqual(draft.answers.count(), 5)
        # The next visit shows the draft; the answer completes it.
        response = self.client.get(self.url(token))
        self.assertContains(response, "Хочу научиться держать дисциплину</textarea>")
        response = self.client.post(self.url(token), {**data, f"q{scale.pk}": "5"}, follow=True)
        self.assertContains(response, "Спасибо! Ваши ответы отправлены.")

    def test_garbage_in_a_draft_is_reported_and_the_rest_is_saved(self) -> None:
        survey = self.launch()
        token = self.token_of(self.mentee)
        experience = self.q(survey, code="experience")
        text = self.q(survey, code="needs_text")
        response = self.client.post(
            self.url(token),
            {"action": "draft", f"q{experience.pk}": "много", f"q{text.pk}": "Мой запрос"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Черновик сохранён, кроме отмеченных ниже ответов.")
        self.assertContains(response, "Введите число, например 3 или 2,5.")
        self.assertContains(response, 'value="много"')
        draft = Response.objects.get(survey=survey)
        self.assertEqual(list(draft.answers.values_list("value", flat=True)), ["Мой запрос"])

    def test_a_hidden_conditional_required_question_is_not_required(self) -> None:
        survey = self.launch(Questionnaire.Kind.INTERIM, title="Промежуточная обратная связь")
        token = self.token_of(self.mentee)
        scales = list(survey.questionnaire.questions.filter(kind="scale5"))
        need_help = self.q(survey, code="need_help")
        which = self.q(survey, text="Какая помощь нужна?")
        page = self.client.get(self.url(token))
        self.assertContains(page, f'data-if="{need_help.pk}" data-if-value="Да"')
        data = {f"q{q.pk}": "4" for q in scales}
        # «Да» shows the question, which then needs an answer.
        response = self.client.post(
            self.url(token), {**data, f"q{need_help.pk}": "Да", "action": "submit"}
        )
        self.assertContains(response, "На этот вопрос нужно ответить.", count=2)
        # «Нет» hides it: not required, and an answer given to it anyway is dropped.
        response = self.client.post(
            self.url(token),
            {**data, f"q{need_help.pk}": "Нет", f"q{which.pk}": "Лишнее", "action": "submit"},
        )
        self.assertRedirects(
            response, reverse("surveys:answer_thanks", args=[token]), fetch_redirect_response=False
        )
        self.assertFalse(Answer.objects.filter(question=which).exists())

    def test_it_refuses_a_second_submit(self) -> None:
        survey = self.launch()
        token = self.token_of(self.mentee)
        data = {**self.mentee_needs_answers(survey), "action": "submit"}
        response = self.client.post(self.url(token), data, follow=True)
        self.assertContains(response, "Спасибо! Ваши ответы отправлены.")
        self.assertContains(response, "Анкета наставляемого 2026")
        self.assertEqual(response["Cache-Control"], "no-store")
        again = self.client.post(self.url(token), data)
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, "Ответы уже отправлены")
        self.assertContains(again, "Повторный ответ по той же ссылке не принимается.")
        self.assertContains(self.client.get(self.url(token)), "Ответы уже отправлены")
        self.assertEqual(Response.objects.filter(survey=survey).count(), 1)
        self.assertEqual(Answer.objects.filter(response__survey=survey).count(), 6)

    def test_a_closed_an_expired_and_a_future_survey_get_clear_pages(self) -> None:
        survey = self.launch()
        token = self.token_of(self.mentee)
        services.survey_close(actor=self.w.curator_a, survey=survey)
        response = self.client.get(self.url(token))
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "Анкетирование завершено", status_code=410)
        self.assertContains(response, "Анкета наставляемого 2026", status_code=410)
        response = self.client.post(self.url(token), {"action": "submit"})
        self.assertEqual(response.status_code, 410)

        self.launch(
            title="Прошлая анкета",
            opens_on=TODAY - datetime.timedelta(days=10),
            closes_on=TODAY - datetime.timedelta(days=1),
        )
        response = self.client.get(self.url(self.token_of(self.mentee)))
        self.assertContains(response, "«Прошлая анкета» завершено", status_code=410)

        self.launch(title="Будущая анкета", opens_on=TODAY + datetime.timedelta(days=3))
        response = self.client.get(self.url(self.token_of(self.mentee)))
        self.assertContains(response, "Анкетирование ещё не началось")
        opens = (TODAY + datetime.timedelta(days=3)).strftime("%d.%m.%Y")
        self.assertContains(response, f"начнётся {opens}")

    def test_a_tampered_token_gets_a_clear_page_and_never_a_server_error(self) -> None:
        self.launch()
        token = self.token_of(self.mentee)
        for bad in [
            token[:-1],
            token + "x",
            token.upper(),
            "' OR 1=1 --",
            "x" * 500,
            "анкета-токен",
            "\u202e\u0000",
            "%00",
            "<b>жирный<i>",
            " ",
        ]:
            url = "/s/" + quote(bad, safe="") + "/"
            for response in (self.client.get(url), self.client.post(url, {"action": "submit"})):
                self.assertEqual(response.status_code, 404, bad)
                self.assertContains(response, "Ссылка не работает", status_code=404)
                self.assertNotContains(response, "<b>жирный", status_code=404)
        for bad in ["../..", "..", "a/b", "<script>alert(1)</script>"]:
            response = self.client.get("/s/" + quote(bad, safe="") + "/")
            self.assertEqual(response.status_code, 404, bad)

    def test_the_token_is_not_written_to_the_log(self) -> None:
        survey = self.launch()
        token = self.token_of(self.mentee)
        services.survey_close(actor=self.w.curator_a, survey=survey)
        with self.assertLogs("django.request", "WARNING") as logs:
            self.client.get(self.url(token))
            self.client.get(self.url("guessed-token-123"))
        written = "\n".join(logs.output)
        self.assertIn("/s/…", written)
        self.assertNotIn(token, written)
        self.assertNotIn("guessed-token-123", written)

    def test_the_form_is_protected_against_cross_site_posts(self) -> None:
        survey = self.launch()
        token = self.token_of(self.mentee)
        client = Client(enforce_csrf_checks=True)
        experience = self.q(survey, code="experience")
        refused = client.post(self.url(token), {"action": "draft", f"q{experience.pk}": "3"})
        self.assertEqual(refused.status_code, 403)
        page = client.get(self.url(token))
        csrf = page.cookies["csrftoken"].value
        saved = client.post(
            self.url(token),
            {"action": "draft", f"q{experience.pk}": "3", "csrfmiddlewaretoken": csrf},
        )
        self.assertEqual(saved.status_code, 302)

    def test_people_are_chosen_in_order_up_to_three(self) -> None:
        not_in_bank = StaffMemberFactory.create(
            organization=self.w.org_a, last_name="Альфвнебанкова", position="Учитель химии"
        )
        others = list(
            StaffMember.objects.filter(organization=self.w.org_a)
            .exclude(pk__in=[self.mentee.pk, not_in_bank.pk])
            .order_by("pk")
        )
        MentorProfile.objects.bulk_create(
            MentorProfile(organization=self.w.org_a, staff=p, academic_year=self.year)
            for p in others
        )
        survey = self.launch(Questionnaire.Kind.PREFERENCES, title="Предпочтения")
        token = self.token_of(self.mentee)
        question = self.q(survey, code="preferred_mentors")
        page = self.client.get(self.url(token))
        self.assertContains(page, "1-й выбор")
        self.assertContains(page, "3-й выбор")
        self.assertNotContains(page, "4-й выбор")
        self.assertContains(page, "Альфнаставникова Вера Павловна — Учитель математики")
        self.assertNotContains(page, "Бет")  # nobody of another organization
        self.assertNotContains(page, "Альфвнебанкова")  # nobody outside the mentor bank
        four = [str(p.pk) for p in others[:4]]
        response = self.client.post(self.url(token), {f"q{question.pk}": four, "action": "submit"})
        self.assertContains(response, "Выберите не более 3 человек.", count=2)
        foreign = str(self.stranger.pk)
        response = self.client.post(
            self.url(token), {f"q{question.pk}": [foreign], "action": "submit"}
        )
        self.assertContains(response, "Выберите людей из списка.", count=2)
        response = self.client.post(
            self.url(token), {f"q{question.pk}": [str(not_in_bank.pk)], "action": "submit"}
        )
        self.assertContains(response, "Выберите людей из списка.", count=2)
        chosen = [str(others[2].pk), "", str(others[0].pk)]
        response = self.client.post(
            self.url(token), {f"q{question.pk}": chosen, "action": "submit"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Answer.objects.get(question=question).value, [others[2].pk, others[0].pk])

    def test_a_list_respects_its_limit_and_a_date_is_accepted_as_written(self) -> None:
        own = Questionnaire.objects.create(
            region=self.w.region,
            organization=self.w.org_a,
            kind=Questionnaire.Kind.OTHER,
            title="Своя анкета",
        )
        Question.objects.create(
            questionnaire=own,
            order=1,
            kind=Question.Kind.MULTIPLE,
            text="Выберите темы",
            options=["Первая", "Вторая", "Третья"],
            max_choices=2,
            required=True,
        )
        Question.objects.create(
            questionnaire=own, order=2, kind=Question.Kind.DATE, text="Дата аттестации"
        )
        Question.objects.create(
            questionnaire=own, order=3, kind=Question.Kind.SCALE10, text="Оценка"
        )
        survey = self.launch(template=own, title="Своя анкета")
        token = self.token_of(self.mentee)
        themes = self.q(survey, order=1)
        date = self.q(survey, order=2)
        page = self.client.get(self.url(token))
        self.assertContains(page, 'data-max="2"')
        self.assertContains(page, "Выберите не более 2 вариантов.")
        self.assertContains(page, 'type="date"')
        self.assertContains(page, 'class="btn-check" type="radio"', count=10)
        response = self.client.post(
            self.url(token),
            {
                f"q{themes.pk}": ["Первая", "Вторая", "Третья"],
                f"q{date.pk}": "01.10.2025",
                "action": "draft",
            },
        )
        self.assertContains(response, "Выберите не более 2 вариантов.", count=3)
        self.assertContains(response, 'value="2025-10-01"')
        self.assertEqual(Answer.objects.get(question=date).value, "2025-10-01")
        response = self.client.post(
            self.url(token), {f"q{themes.pk}": ["Первая", "Третья"], "action": "submit"}
        )
        self.assertEqual(response.status_code, 302)

    def test_the_page_takes_the_same_queries_for_many_questions(self) -> None:
        survey = self.launch()
        url = self.url(self.token_of(self.mentee))
        questionnaire = survey.questionnaire
        section = questionnaire.sections.first()
        first = questionnaire.questions.first()

        def add(n: int) -> None:
            for kind in ("single", "multiple", "scale10", "people", "competencies", "date"):
                Question.objects.create(
                    questionnaire=questionnaire,
                    section=section,
                    order=100 + n,
                    kind=kind,
                    text=f"Ещё вопрос {kind} {n}",
                    options=["Да", "Нет"] if kind in ("single", "multiple") else [],
                    condition_question=first,
                    condition_value="1",
                )

        add(0)
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for n in range(1, 6):
            add(n)
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(url)
        self.assertContains(response, "Ещё вопрос date 5")


class AnonymityTests(PublicTestCase):
    def test_an_anonymous_answer_keeps_no_path_to_the_person(self) -> None:
        survey = self.launch(anonymous=True)
        token = self.token_of(self.mentee)
        data = self.mentee_needs_answers(survey)
        self.client.post(self.url(token), {**data, "action": "draft"})
        draft = Response.objects.get(survey=survey)
        self.assertIsNone(draft.invitation)
        self.assertIsNone(draft.submitted_at)
        response = self.client.post(self.url(token), {**data, "action": "submit"})
        self.assertEqual(response.status_code, 302)
        answer = Response.objects.get(survey=survey)
        self.assertTrue(answer.submitted)
        self.assertIsNone(answer.invitation)
        self.assertIsNone(answer.submitted_at)
        self.assertIsNone(answer.draft_key)
        self.assertTrue(Invitation.objects.get(survey=survey, staff=self.mentee).answered)
        # Nothing of the request (address, browser) and no session were stored.
        from django.contrib.sessions.models import Session

        self.assertFalse(Session.objects.exists())
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        self.assertNotIn(token, str(tables))


class MySurveysTests(PublicTestCase):
    def test_it_lists_only_the_persons_own_open_questionnaires(self) -> None:
        mine = self.launch(title="Анкета для Ольги", people=[self.mentee])
        self.launch(title="Анкета для Веры", people=[self.mentor])
        self.launch(
            title="Анкета школы Бета",
            organization=self.w.org_b,
            people=[self.stranger],
            template=next(
                t for t in services.library_for(self.w.org_b) if t.kind == "mentee_needs"
            ),
        )
        self.login(self.w.mentee_a)
        response = self.client.get(reverse("surveys:my_surveys"))
        self.assertContains(response, "Анкета для Ольги")
        self.assertContains(response, "Ответить")
        closes = mine.closes_on.strftime("%d.%m.%Y")
        self.assertContains(response, f"ответы принимаются до {closes}")
        self.assertNotContains(response, "Анкета для Веры")
        self.assertNotContains(response, "Бета")

    def test_an_answered_questionnaire_is_listed_as_sent(self) -> None:
        survey = self.launch(title="Анкета для Ольги", people=[self.mentee])
        token = self.token_of(self.mentee)
        self.client.post(self.url(token), {**self.mentee_needs_answers(survey), "action": "submit"})
        self.login(self.w.mentee_a)
        response = self.client.get(reverse("surveys:my_surveys"))
        self.assertContains(response, "Анкет, ожидающих вашего ответа, нет.")
        self.assertContains(response, "Анкета для Ольги")
        self.assertContains(response, "Ответ отправлен")

    def test_a_user_without_a_staff_record_sees_a_friendly_note(self) -> None:
        self.login(self.w.nobody)
        response = self.client.get(reverse("surveys:my_surveys"))
        self.assertContains(response, "Ваша учётная запись не связана с сотрудником организации.")

    def test_the_list_takes_the_same_queries_for_many_questionnaires(self) -> None:
        self.launch(title="Первая", people=[self.mentee])
        self.login(self.w.mentee_a)
        url = reverse("surveys:my_surveys")
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for n in range(4):
            survey = self.launch(title=f"Анкета № {n}", people=[self.mentee])
            if n % 2:
                Invitation.objects.filter(survey=survey).update(answered=True)
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(url)
        self.assertContains(response, "Анкета № 3")

    def test_the_page_needs_a_login(self) -> None:
        response = self.client.get(reverse("surveys:my_surveys"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_the_home_page_of_a_mentee_counts_the_waiting_questionnaires(self) -> None:
        self.launch(title="Первая", people=[self.mentee])
        self.launch(title="Вторая", people=[self.mentee])
        self.login(self.w.mentee_a)
        response = self.client.get("/")
        self.assertContains(response, "Ждут вашего ответа: 2 анкеты")
        self.assertContains(response, reverse("surveys:my_surveys"))
        self.login(self.w.mentor_b)
        self.assertNotContains(self.client.get("/"), "Ждут вашего ответа")


class AnswerStartTests(PublicTestCase):
    def test_it_opens_the_persons_link_and_keeps_it_in_the_browser(self) -> None:
        survey = self.launch(anonymous=True, people=[self.mentee])
        invitation = Invitation.objects.get(survey=survey, staff=self.mentee)
        self.login(self.w.mentee_a)
        start = reverse("surveys:answer_start")
        response = self.client.post(start, {"invitation": invitation.pk})
        self.assertEqual(response.status_code, 302)
        token = LINK.search(response["Location"]).group(1)  # type: ignore[union-attr]
        cookie = response.cookies[f"svy{invitation.pk}"]
        self.assertEqual(cookie.value, token)
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertGreater(int(cookie["max-age"]), 13 * 24 * 3600)
        # A draft started there continues from «My questionnaires».
        text = self.q(survey, code="needs_text")
        self.client.post(self.url(token), {"action": "draft", f"q{text.pk}": "Черновик Ольги"})
        again = self.client.post(start, {"invitation": invitation.pk}, follow=True)
        self.assertContains(again, "Черновик Ольги</textarea>")

    def test_it_refuses_another_persons_invitation(self) -> None:
        survey = self.launch(people=[self.mentee, self.mentor])
        invitation = Invitation.objects.get(survey=survey, staff=self.mentee)
        start = reverse("surveys:answer_start")
        for user in (self.w.mentor_a, self.w.mentor_b, self.w.curator_a, self.w.nobody):
            self.login(user)
            response = self.client.post(start, {"invitation": invitation.pk})
            self.assertEqual(response.status_code, 404, user)
        self.login(self.w.mentee_a)
        for garbage in ("", "abc", "-1", "99999999999999999999"):
            response = self.client.post(start, {"invitation": garbage})
            self.assertEqual(response.status_code, 404, garbage)
        self.assertEqual(self.client.get(start).status_code, 405)
