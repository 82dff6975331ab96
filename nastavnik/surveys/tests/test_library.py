"""The library of questionnaires and the questionnaire editor, as each role sees them."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from nastavnik.core.models import AuditEvent
from nastavnik.core.services import academic_year_current
from nastavnik.surveys import permissions, services
from nastavnik.surveys.models import Question, Questionnaire, Section, Survey
from nastavnik.testing import BaseTestCase

# New messages, compared through gettext: Russian once the translations are compiled.
LAUNCHED_NOTE = gettext(
    "The survey is launched: its questionnaire can no longer be changed, so that every answer "
    "refers to the same questions."
)
LAUNCHED_ERROR = gettext("The survey is launched: its questionnaire can no longer be changed.")


def region_template(region: Any, kind: str = Questionnaire.Kind.MENTEE_NEEDS) -> Questionnaire:
    services.region_library(region)
    return Questionnaire.objects.get(region=region, organization=None, kind=kind)


def edit_url(q: Questionnaire) -> str:
    return reverse("surveys:questionnaire_edit", args=[q.pk])


def question_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": Question.Kind.SINGLE,
        "text": "Как часто вы встречаетесь с наставником?",
        "help_text": "",
        "options_text": "Раз в неделю\nРаз в месяц\nРеже",
        "max_choices": "",
        "section": "",
        "condition_question": "",
        "condition_value": "",
        "code": "",
    }
    data.update(overrides)
    return data


class LibraryTestCase(BaseTestCase):
    template: Questionnaire
    own: Questionnaire
    own_b: Questionnaire
    template_c: Questionnaire

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.template = region_template(cls.w.region)
        cls.own = services.questionnaire_copy(
            cls.template, organization=cls.w.org_a, is_template=True, title="Анкета Альфы"
        )
        cls.own_b = services.questionnaire_copy(
            cls.template, organization=cls.w.org_b, is_template=True, title="Анкета Беты"
        )
        cls.template_c = region_template(cls.w.region2)

    def small_own(self) -> Questionnaire:
        """An own template of school A with two sections and three questions."""
        q = Questionnaire.objects.create(
            region=self.w.region,
            organization=self.w.org_a,
            kind=Questionnaire.Kind.OTHER,
            title="Небольшая анкета",
        )
        s1 = Section.objects.create(questionnaire=q, title="Первый", order=1)
        s2 = Section.objects.create(questionnaire=q, title="Второй", order=2)
        self.q1 = Question.objects.create(
            questionnaire=q,
            section=s1,
            order=1,
            kind=Question.Kind.SINGLE,
            text="Есть ли трудности?",
            options=["Да", "Нет"],
        )
        self.q2 = Question.objects.create(
            questionnaire=q,
            section=s1,
            order=2,
            kind=Question.Kind.LONG_TEXT,
            text="Опишите трудности",
            condition_question=self.q1,
            condition_value="Да",
        )
        self.q3 = Question.objects.create(
            questionnaire=q, section=s2, order=3, kind=Question.Kind.SCALE5, text="Оценка"
        )
        self.s1, self.s2 = s1, s2
        return q


class LibraryPageTests(LibraryTestCase):
    def test_it_shows_the_curator_the_region_templates_and_the_own_ones_grouped(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.get(reverse("surveys:library", args=[self.w.org_a.pk]))
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn(self.template.title, body)
        self.assertIn("Анкета Альфы", body)
        self.assertNotIn("Анкета Беты", body)
        count = self.template.questions.count()
        self.assertContains(response, f"{count} ")
        self.assertContains(
            response,
            reverse("surveys:survey_create", args=[self.w.org_a.pk]) + f"?template={self.own.pk}",
        )
        self.assertContains(
            response,
            reverse("surveys:questionnaire_copy", args=[self.w.org_a.pk, self.template.pk]),
        )

    def test_the_library_page_does_not_query_per_questionnaire(self) -> None:
        self.login(self.w.director_a)
        url = reverse("surveys:library", args=[self.w.org_a.pk])
        self.client.get(url)
        with CaptureQueriesContext(connection) as first:
            self.client.get(url)
        for i in range(3):
            services.questionnaire_copy(
                self.own, organization=self.w.org_a, is_template=True, title=f"Ещё {i}"
            )
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(url)

    def test_a_mentor_does_not_open_the_library(self) -> None:
        self.login(self.w.mentor_a)
        response = self.client.get(reverse("surveys:library", args=[self.w.org_a.pk]))
        self.assertIn(response.status_code, (403, 404))

    def test_the_curator_of_another_school_gets_404(self) -> None:
        self.login(self.w.curator_b)
        response = self.client.get(reverse("surveys:library", args=[self.w.org_a.pk]))
        self.assertEqual(response.status_code, 404)

    def test_the_municipal_methodologist_reads_the_library_without_buttons_to_change(
        self,
    ) -> None:
        self.login(self.w.municipal_a)
        response = self.client.get(reverse("surveys:library", args=[self.w.org_a.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "?template=")
        self.assertNotContains(response, "/copy/")

    def test_the_curator_makes_a_copy_and_edits_it(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("surveys:questionnaire_copy", args=[self.w.org_a.pk, self.template.pk])
        )
        copy = Questionnaire.objects.filter(organization=self.w.org_a).latest("pk")
        self.assertRedirects(response, edit_url(copy))
        self.assertTrue(copy.is_template)
        self.assertEqual(copy.based_on, self.template)
        self.assertEqual(copy.questions.count(), self.template.questions.count())
        self.assertTrue(
            AuditEvent.objects.filter(action="questionnaire_create", target_id=str(copy.pk))
        )
        response = self.client.get(edit_url(copy))
        self.assertContains(response, 'id="heading-form"')

    def test_the_curator_cannot_copy_a_template_of_another_school(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("surveys:questionnaire_copy", args=[self.w.org_a.pk, self.own_b.pk])
        )
        self.assertEqual(response.status_code, 404)
        response = self.client.post(
            reverse("surveys:questionnaire_copy", args=[self.w.org_a.pk, self.template_c.pk])
        )
        self.assertEqual(response.status_code, 404)

    def test_the_director_deletes_an_own_template_after_confirming(self) -> None:
        self.login(self.w.director_a)
        url = reverse("surveys:questionnaire_delete", args=[self.own.pk])
        response = self.client.get(url)
        self.assertContains(response, "Анкета Альфы")
        self.assertTrue(Questionnaire.objects.filter(pk=self.own.pk).exists())
        response = self.client.post(url)
        self.assertRedirects(response, reverse("surveys:library", args=[self.w.org_a.pk]))
        self.assertFalse(Questionnaire.objects.filter(pk=self.own.pk).exists())

    def test_a_region_template_cannot_be_deleted_by_the_curator(self) -> None:
        self.login(self.w.curator_a)
        url = reverse("surveys:questionnaire_delete", args=[self.template.pk])
        self.assertEqual(self.client.post(url).status_code, 403)
        self.assertTrue(Questionnaire.objects.filter(pk=self.template.pk).exists())


class RegionLibraryTests(LibraryTestCase):
    def test_the_regional_methodologist_sees_and_edits_the_region_library(self) -> None:
        self.login(self.w.regional)
        response = self.client.get(reverse("surveys:region_library", args=[self.w.region.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.template.title)
        self.assertNotContains(response, "Анкета Альфы")
        response = self.client.post(
            edit_url(self.template),
            {"title": "Новая анкета наставляемого", "kind": "mentee_needs", "description": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.template.refresh_from_db()
        self.assertEqual(self.template.title, "Новая анкета наставляемого")

    def test_the_region_library_does_not_query_per_questionnaire(self) -> None:
        self.login(self.w.admin)
        url = reverse("surveys:region_library", args=[self.w.region.pk])
        self.client.get(url)
        with CaptureQueriesContext(connection) as first:
            self.client.get(url)
        services.questionnaire_copy(self.template, organization=None, is_template=True)
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(url)

    def test_the_admin_of_another_region_gets_404(self) -> None:
        self.login(self.w.admin2)
        response = self.client.get(reverse("surveys:region_library", args=[self.w.region.pk]))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get(edit_url(self.template)).status_code, 404)

    def test_the_curator_sees_a_region_template_read_only(self) -> None:
        self.login(self.w.curator_a)
        self.assertEqual(
            self.client.get(reverse("surveys:region_library", args=[self.w.region.pk])).status_code,
            403,
        )
        response = self.client.get(edit_url(self.template) + f"?org={self.w.org_a.pk}")
        self.assertContains(response, 'id="read-only"')
        self.assertNotContains(response, 'id="heading-form"')
        self.assertContains(response, reverse("surveys:library", args=[self.w.org_a.pk]))
        copy_url = reverse("surveys:questionnaire_copy", args=[self.w.org_a.pk, self.template.pk])
        self.assertContains(response, copy_url)
        response = self.client.post(
            edit_url(self.template), {"title": "Взлом", "kind": "other", "description": ""}
        )
        self.assertEqual(response.status_code, 403)
        self.template.refresh_from_db()
        self.assertNotEqual(self.template.title, "Взлом")

    def test_the_municipal_methodologist_reads_the_region_library(self) -> None:
        self.login(self.w.municipal_a)
        url = reverse("surveys:municipality_library", args=[self.w.m_a.pk])
        response = self.client.get(url)
        self.assertContains(response, self.template.title)
        self.assertNotContains(response, "Анкета Альфы")
        self.assertFalse(permissions.can_edit_questionnaire(self.w.municipal_a, self.template))
        self.assertContains(self.client.get(edit_url(self.template)), 'id="read-only"')
        other = reverse("surveys:municipality_library", args=[self.w.m_b.pk])
        self.assertEqual(self.client.get(other).status_code, 404)

    def test_an_organization_sees_the_change_of_a_region_template_and_a_survey_keeps_its_copy(
        self,
    ) -> None:
        survey = services.survey_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            year=academic_year_current(),
            template=self.template,
            title="Анкетирование",
            anonymous=False,
            audience=Survey.Audience.ALL_STAFF,
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
        )
        self.login(self.w.regional)
        first = self.template.questions.first()
        assert first is not None
        data = question_data(kind=first.kind, text="Изменённый вопрос региона", options_text="")
        self.client.post(reverse("surveys:question_edit", args=[self.template.pk, first.pk]), data)
        self.login(self.w.curator_a)
        response = self.client.get(edit_url(self.template))
        self.assertContains(response, "Изменённый вопрос региона")
        self.assertNotContains(self.client.get(edit_url(survey.questionnaire)), "Изменённый")


class EditorTests(LibraryTestCase):
    def test_the_editor_shows_questions_with_their_condition(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        response = self.client.get(edit_url(q))
        self.assertContains(response, "Опишите трудности")
        self.assertContains(response, "«Есть ли трудности?»")
        self.assertContains(response, "Первый")

    def test_the_editor_does_not_query_per_question(self) -> None:
        self.login(self.w.curator_a)
        url = edit_url(self.own)
        self.client.get(url)
        with CaptureQueriesContext(connection) as first:
            self.client.get(url)
        parent = self.own.questions.filter(kind=Question.Kind.SINGLE).first()
        for i in range(3):
            Question.objects.create(
                questionnaire=self.own,
                order=100 + i,
                kind=Question.Kind.SHORT_TEXT,
                text=f"Дополнительный {i}",
                condition_question=parent,
                condition_value=parent.options[0] if parent else "",
            )
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(url)

    def test_the_curator_adds_a_question_that_persists(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("surveys:question_add", args=[q.pk]),
            question_data(section=self.s1.pk, required="on"),
        )
        self.assertEqual(response.status_code, 302)
        added = q.questions.get(text="Как часто вы встречаетесь с наставником?")
        self.assertEqual(added.options, ["Раз в неделю", "Раз в месяц", "Реже"])
        self.assertTrue(added.required)
        # At the end of the first section, before the second section's question.
        self.assertEqual(added.order, 3)
        self.q3.refresh_from_db()
        self.assertEqual(self.q3.order, 4)
        self.assertTrue(
            AuditEvent.objects.filter(action="questionnaire_change", target_id=str(q.pk))
        )

    def test_a_single_choice_with_one_option_is_refused_in_russian(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("surveys:question_add", args=[q.pk]), question_data(options_text="Да")
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors["options_text"]
        self.assertEqual(errors, [gettext("A question with a list needs at least two options.")])
        self.assertContains(response, f'<div class="invalid-feedback d-block">{errors[0]}</div>')
        self.assertFalse(q.questions.filter(text__startswith="Как часто").exists())

    def test_the_condition_offers_only_earlier_questions(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        response = self.client.get(reverse("surveys:question_edit", args=[q.pk, self.q2.pk]))
        choices = list(response.context["form"].fields["condition_question"].queryset)
        self.assertEqual(choices, [self.q1])
        response = self.client.post(
            reverse("surveys:question_edit", args=[q.pk, self.q1.pk]),
            question_data(
                text=self.q1.text,
                options_text="Да\nНет",
                section=self.s1.pk,
                condition_question=self.q3.pk,
                condition_value="5",
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["condition_question"])
        self.q1.refresh_from_db()
        self.assertIsNone(self.q1.condition_question)

    def test_a_new_question_cannot_depend_on_a_later_section(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("surveys:question_add", args=[q.pk]),
            question_data(
                kind="short_text",
                options_text="",
                section=self.s1.pk,
                condition_question=self.q3.pk,
                condition_value="5",
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("«Оценка»", response.context["form"].errors["condition_question"][0])
        response = self.client.post(
            reverse("surveys:question_add", args=[q.pk]),
            question_data(
                kind="short_text",
                options_text="",
                section=self.s2.pk,
                condition_question=self.q3.pk,
                condition_value="5",
            ),
        )
        self.assertEqual(response.status_code, 302)
        added = q.questions.get(kind="short_text")
        self.assertEqual((added.condition_question, added.order), (self.q3, 4))

    def test_a_condition_value_must_be_an_option(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("surveys:question_add", args=[q.pk]),
            question_data(
                section=self.s2.pk, condition_question=self.q1.pk, condition_value="Может быть"
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "«Может быть»")

    def test_moving_a_question_before_its_condition_is_refused(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("surveys:question_move", args=[q.pk, self.q2.pk]), {"direction": "up"}
        )
        self.assertEqual(response.status_code, 302)
        self.q1.refresh_from_db()
        self.q2.refresh_from_db()
        self.assertEqual((self.q1.order, self.q2.order), (1, 2))
        messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
        self.assertTrue(any("«Опишите трудности»" in m for m in messages), messages)

    def test_questions_move_within_their_section(self) -> None:
        q = self.small_own()
        self.q2.condition_question = None
        self.q2.condition_value = ""
        self.q2.save()
        self.login(self.w.curator_a)
        self.client.post(
            reverse("surveys:question_move", args=[q.pk, self.q2.pk]), {"direction": "up"}
        )
        self.assertEqual(
            list(q.questions.order_by("order").values_list("pk", flat=True)),
            [self.q2.pk, self.q1.pk, self.q3.pk],
        )

    def test_a_question_others_depend_on_is_not_deleted(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("surveys:question_delete", args=[q.pk, self.q1.pk]), follow=True
        )
        self.assertContains(response, "«Опишите трудности»")
        self.assertContains(response, "alert-danger")
        self.assertTrue(Question.objects.filter(pk=self.q1.pk).exists())
        self.client.post(reverse("surveys:question_delete", args=[q.pk, self.q3.pk]))
        self.assertFalse(Question.objects.filter(pk=self.q3.pk).exists())

    def test_sections_are_added_renamed_moved_and_deleted(self) -> None:
        q = self.small_own()
        self.login(self.w.curator_a)
        self.client.post(reverse("surveys:section_add", args=[q.pk]), {"title": "Третий"})
        self.assertEqual(
            list(q.sections.values_list("title", flat=True)), ["Первый", "Второй", "Третий"]
        )
        self.client.post(
            reverse("surveys:section_edit", args=[q.pk, self.s2.pk]), {"title": "Итоги"}
        )
        self.client.post(
            reverse("surveys:section_move", args=[q.pk, self.s2.pk]), {"direction": "up"}
        )
        self.assertEqual(
            list(q.sections.values_list("title", flat=True)), ["Итоги", "Первый", "Третий"]
        )
        self.q3.refresh_from_db()
        self.assertEqual(self.q3.order, 1)
        self.client.post(reverse("surveys:section_delete", args=[q.pk, self.s1.pk]))
        self.assertFalse(Section.objects.filter(pk=self.s1.pk).exists())
        self.q1.refresh_from_db()
        self.assertIsNone(self.q1.section)
        # Without a section the questions come first, still before the one depending on them.
        self.assertEqual(
            list(q.questions.order_by("order").values_list("pk", flat=True)),
            [self.q1.pk, self.q2.pk, self.q3.pk],
        )

    def test_the_preview_shows_the_conditional_question_hidden_until_its_answer(self) -> None:
        q = self.small_own()
        self.login(self.w.municipal_a)
        response = self.client.get(reverse("surveys:questionnaire_preview", args=[q.pk]))
        self.assertContains(response, f'data-if="{self.q1.pk}" data-if-value="Да"')
        self.assertContains(response, "cond-off")
        self.assertContains(response, 'type="radio"')
        body = response.content.decode()
        start = body.index('id="survey-form"')
        self.assertNotIn('type="submit"', body[start : body.index("</form>", start)])

    def test_the_preview_shows_every_type_of_question(self) -> None:
        q = self.small_own()
        for i, kind in enumerate(Question.Kind.values):
            Question.objects.create(
                questionnaire=q,
                order=10 + i,
                kind=kind,
                text=f"Вопрос типа {kind}",
                options=["Первый", "Второй"] if kind in ("single", "multiple") else [],
                max_choices=2 if kind in ("multiple", "people") else None,
            )
        self.login(self.w.curator_a)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("surveys:questionnaire_preview", args=[q.pk]))
        self.assertLess(len(queries.captured_queries), 15)
        for kind in Question.Kind.values:
            self.assertContains(response, f"Вопрос типа {kind}")
        self.assertContains(response, "Альфсотрудникова0")

    def test_another_school_and_another_region_get_404(self) -> None:
        q = self.small_own()
        for user in (self.w.curator_b, self.w.municipal_b, self.w.curator_c, self.w.admin2):
            self.login(user)
            for url in (
                edit_url(q),
                reverse("surveys:questionnaire_preview", args=[q.pk]),
                reverse("surveys:question_edit", args=[q.pk, self.q1.pk]),
            ):
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))
            response = self.client.post(reverse("surveys:question_delete", args=[q.pk, self.q3.pk]))
            self.assertEqual(response.status_code, 404)
        self.login(self.w.curator_a)
        self.assertEqual(self.client.get(edit_url(self.template_c)).status_code, 404)
        self.assertEqual(self.client.get(edit_url(self.own_b)).status_code, 404)
        # A question of another questionnaire under this questionnaire's address.
        other = self.own_b.questions.first()
        assert other is not None
        url = reverse("surveys:question_edit", args=[q.pk, other.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_mentors_see_no_questionnaire(self) -> None:
        self.login(self.w.mentor_a)
        self.assertIn(self.client.get(edit_url(self.own)).status_code, (403, 404))
        self.assertIn(self.client.get(edit_url(self.template)).status_code, (403, 404))


class SurveyCopyTests(LibraryTestCase):
    def make_survey(self) -> Survey:
        return services.survey_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            year=academic_year_current(),
            template=self.own,
            title="Анкетирование наставляемых",
            anonymous=False,
            audience=Survey.Audience.ALL_STAFF,
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
        )

    def test_the_survey_copy_is_editable_before_launch(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_a)
        response = self.client.get(edit_url(survey.questionnaire))
        self.assertContains(response, 'id="heading-form"')
        self.assertContains(response, reverse("surveys:survey_detail", args=[survey.pk]))
        self.client.post(
            reverse("surveys:section_add", args=[survey.questionnaire.pk]), {"title": "Ещё"}
        )
        self.assertTrue(survey.questionnaire.sections.filter(title="Ещё").exists())
        self.assertFalse(self.own.sections.filter(title="Ещё").exists())

    def test_after_launch_the_survey_copy_is_read_only(self) -> None:
        survey = self.make_survey()
        Survey.objects.filter(pk=survey.pk).update(launched_at=timezone.now())
        q = survey.questionnaire
        self.login(self.w.curator_a)
        response = self.client.get(edit_url(q))
        self.assertContains(response, 'id="read-only"')
        self.assertContains(response, LAUNCHED_NOTE)
        self.assertNotContains(response, 'id="add-question"')
        response = self.client.post(
            reverse("surveys:section_add", args=[q.pk]), {"title": "Ещё"}, follow=True
        )
        self.assertContains(response, LAUNCHED_ERROR)
        self.assertFalse(q.sections.filter(title="Ещё").exists())
        first = q.questions.first()
        assert first is not None
        self.client.post(reverse("surveys:question_delete", args=[q.pk, first.pk]))
        self.assertTrue(Question.objects.filter(pk=first.pk).exists())

    def test_the_survey_copy_of_another_school_is_404(self) -> None:
        survey = self.make_survey()
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(edit_url(survey.questionnaire)).status_code, 404)
