import datetime
import io
import re
from typing import Any

import openpyxl
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nastavnik.banks.models import Competency, MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_current
from nastavnik.staff.models import StaffMember
from nastavnik.surveys import results, selectors, services
from nastavnik.surveys.models import Invitation, Question, Questionnaire, Section, Survey
from nastavnik.testing import BaseTestCase, OrganizationFactory, StaffMemberFactory

MENTORS, MENTEES, STAFF, _LEARNERS = (label for _v, label in Invitation.Group.choices)
TOKEN = re.compile(r"/s/([^/\s]+)/")


def launch(test: BaseTestCase, survey: Survey) -> dict[str, str]:
    """Launch the survey; the personal tokens by e-mail address, read from the letters."""
    mail.outbox = []
    with test.captureOnCommitCallbacks(execute=True):
        services.survey_launch(actor=test.w.curator_a, survey=survey)
    tokens = {}
    for letter in mail.outbox:
        match = TOKEN.search(str(letter.body))
        assert match
        tokens[letter.to[0]] = match.group(1)
    return tokens


def own_template(test: "ResultsTestCase") -> Questionnaire:
    """A questionnaire of the organization with a question of every type."""
    questionnaire = Questionnaire.objects.create(
        region=test.w.region,
        organization=test.w.org_a,
        kind=Questionnaire.Kind.OTHER,
        title="Анкета обратной связи",
    )
    general = Section.objects.create(questionnaire=questionnaire, title="Общее", order=0)
    details = Section.objects.create(questionnaire=questionnaire, title="Подробно", order=1)

    def add(order: int, kind: str, text: str, section: Section, **extra: Any) -> None:
        Question.objects.create(
            questionnaire=questionnaire,
            section=section,
            order=order,
            kind=kind,
            text=text,
            **extra,
        )

    add(1, "single", "Нужна ли помощь?", general, options=["Да", "Нет", "Не знаю"])
    add(
        2, "multiple", "Полезные формы", general, options=["Уроки", "Мастер-классы", "Консультации"]
    )
    add(3, "scale5", "Качество встреч", general, code="quality")
    add(4, "number", "Сколько встреч было", general)
    add(5, "long_text", "Что изменить?", details)
    add(6, "date", "Дата первой встречи", details)
    add(7, "people", "С кем работать", details, max_choices=3)
    add(8, "competencies", "Запросы", details)
    return questionnaire


class ResultsTestCase(BaseTestCase):
    year: AcademicYear
    people: dict[str, StaffMember]
    competencies: list[Competency]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year = academic_year_current()
        cls.people = {}
        for key, last, position in (
            ("m1", "Морозова", "Учитель математики"),
            ("m2", "Павлов", "Учитель физики"),
            ("e1", "Егорова", "Учитель истории"),
            ("e2", "Ершов", "Учитель химии"),
            ("e3", "Ефимова", "Учитель музыки"),
            ("s1", "Соколова", "Педагог-психолог"),
        ):
            cls.people[key] = StaffMemberFactory.create(
                organization=cls.w.org_a,
                last_name=last,
                first_name="Анна",
                patronymic="Петровна",
                position=position,
                email=f"{key}@example.org",
            )
        for key in ("m1", "m2"):
            MentorProfile.objects.create(
                organization=cls.w.org_a, staff=cls.people[key], academic_year=cls.year
            )
        for key in ("e1", "e2", "e3"):
            MenteeProfile.objects.create(
                organization=cls.w.org_a,
                staff=cls.people[key],
                academic_year=cls.year,
                category=MenteeProfile.Category.DIFFICULTIES,
            )
        cls.competencies = [
            Competency.objects.create(region=cls.w.region, group="Уроки", name=name, order=i)
            for i, name in enumerate(["Планирование уроков", "Работа с родителями"])
        ]
        services.region_library(cls.w.region)

    def template(self, kind: str) -> Questionnaire:
        return Questionnaire.objects.get(
            region=self.w.region, organization=None, is_template=True, kind=kind
        )

    def create(
        self,
        template: Questionnaire,
        *,
        anonymous: bool = False,
        title: str = "Обратная связь",
        keys: tuple[str, ...] = ("m1", "m2", "e1", "e2", "e3", "s1"),
        opens_on: datetime.date | None = None,
        organization: Any = None,
    ) -> Survey:
        today = timezone.localdate()
        return services.survey_create(
            actor=self.w.curator_a,
            organization=organization or self.w.org_a,
            year=self.year,
            template=template,
            title=title,
            anonymous=anonymous,
            audience=Survey.Audience.PEOPLE,
            opens_on=opens_on or today - datetime.timedelta(days=1),
            closes_on=today + datetime.timedelta(days=10),
            people=[self.people[k] for k in keys],
        )

    def answer(self, survey: Survey, tokens: dict[str, str], key: str, **by_text: Any) -> None:
        questions = {q.text: q.pk for q in survey.questionnaire.questions.all()}
        data = {}
        for text, value in by_text.items():
            values = value if isinstance(value, list) else [value]
            data[questions[text]] = [str(v) for v in values]
        saved = services.save_answers(tokens[f"{key}@example.org"], data, final=True)
        assert saved.ok, saved.errors

    def feedback_survey(self, *, anonymous: bool = False) -> Survey:
        """Six invited, four answered."""
        survey = self.create(own_template(self), anonymous=anonymous)
        tokens = launch(self, survey)
        p = self.people
        c1, c2 = (c.pk for c in self.competencies)
        rows = [
            ("m1", "Да", ["Уроки", "Консультации"], 5, 10, "Всё понравилось", "01.10.2025",
             [p["e1"].pk], [c1]),
            ("e1", "Нет", ["Уроки"], 3, 2, "Больше встреч", "02.10.2025",
             [p["m1"].pk, p["m2"].pk], [c1, c2]),
            ("e2", "Да", ["Мастер-классы"], 4, "1,5", "Анализ уроков", "03.10.2025",
             [p["m1"].pk], [c2]),
            ("s1", "Да", [], 4, 4, "", "", [], []),
        ]  # fmt: skip
        for key, single, multiple, scale, number, text, date, chosen, needs in rows:
            self.answer(
                survey,
                tokens,
                key,
                **{
                    "Нужна ли помощь?": single,
                    "Полезные формы": multiple,
                    "Качество встреч": scale,
                    "Сколько встреч было": number,
                    "Что изменить?": text,
                    "Дата первой встречи": date,
                    "С кем работать": chosen,
                    "Запросы": needs,
                },
            )
        return survey

    def url(self, name: str, survey: Survey) -> str:
        return reverse(f"surveys:{name}", args=[survey.pk])

    def by_text(self, response: Any) -> dict[str, selectors.QuestionResult]:
        return {
            item["result"].question.text: item["result"]
            for block in response.context["sections"]
            for item in block["items"]
        }


class AccessRuleTests(ResultsTestCase):
    def test_the_organization_sees_all_overseers_the_aggregate_and_others_nothing(self) -> None:
        survey = results.survey_queryset().get(pk=self.create(own_template(self)).pk)
        w = self.w
        expected = {
            w.curator_a: results.FULL,
            w.director_a: results.FULL,
            w.municipal_a: results.AGGREGATE,
            w.regional: results.AGGREGATE,
            w.admin: results.AGGREGATE,
            w.municipal_b: None,
            w.curator_b: None,
            w.admin2: None,
            w.mentor_a: None,
            w.mentee_a: None,
            w.nobody: None,
        }
        for user, level in expected.items():
            with self.subTest(user=user.username):
                self.assertEqual(results.results_access(user, survey), level)

    def test_outsiders_get_404_on_every_page_of_the_results(self) -> None:
        survey = self.create(own_template(self))
        for user in (self.w.municipal_b, self.w.curator_b, self.w.admin2, self.w.mentor_a):
            self.login(user)
            for name in (
                "survey_results",
                "survey_print_results",
                "survey_export",
                "survey_compare",
            ):
                with self.subTest(user=user.username, page=name):
                    self.assertEqual(self.client.get(self.url(name, survey)).status_code, 404)


class ResultsPageTests(ResultsTestCase):
    def test_it_shows_the_response_rate_and_the_figures_of_each_question(self) -> None:
        survey = self.feedback_survey()
        self.login(self.w.curator_a)
        response = self.client.get(self.url("survey_results", survey))
        self.assertEqual(response.status_code, 200)
        total = response.context["total"]
        self.assertEqual((total.invited, total.answered, total.percent), (6, 4, 67))
        groups = {g.label: (g.invited, g.answered) for g in response.context["groups"]}
        self.assertEqual(
            groups,
            {str(MENTORS): (2, 1), str(MENTEES): (3, 2), str(STAFF): (1, 1)},
        )
        r = self.by_text(response)
        self.assertEqual(
            [(b.label, b.count, b.percent) for b in r["Нужна ли помощь?"].bars],
            [("Да", 3, 75), ("Нет", 1, 25), ("Не знаю", 0, 0)],
        )
        self.assertEqual(
            [(b.label, b.count) for b in r["Полезные формы"].bars],
            [("Уроки", 2), ("Мастер-классы", 1), ("Консультации", 1)],
        )
        self.assertEqual((r["Качество встреч"].mean, r["Качество встреч"].median), (4, 4))
        self.assertEqual(r["Сколько встреч было"].mean, 4.38)
        self.assertEqual(r["Сколько встреч было"].median, 3)
        people = {b.label: b.count for b in r["С кем работать"].bars}
        self.assertEqual(people[self.people["m1"].full_name], 6)  # 3 + 3
        self.assertEqual(people[self.people["m2"].full_name], 2)
        self.assertEqual(
            {b.label: b.count for b in r["Запросы"].bars},
            {"Планирование уроков": 2, "Работа с родителями": 2},
        )
        self.assertEqual(r["Дата первой встречи"].texts, ["01.10.2025", "02.10.2025", "03.10.2025"])
        content = response.content.decode()
        # a chart and its table for a choice, and only a table for a number
        self.assertIn('data-chart="chart-', content)
        self.assertIn('id="chart-', content)
        self.assertIn("chart.umd.min.js", content)
        self.assertNotRegex(content, r"<script>\s*\S")  # no inline scripts
        self.assertIn("Больше встреч", content)
        self.assertIn("4,38", content)

    def test_the_cross_tabulation_counts_each_group(self) -> None:
        survey = self.feedback_survey()
        self.login(self.w.director_a)
        response = self.client.get(self.url("survey_results", survey) + "?split=group")
        columns = self.by_text(response)["Качество встреч"].columns
        self.assertEqual(
            columns,
            sorted([(str(STAFF), 1, 4.0), (str(MENTEES), 2, 3.5), (str(MENTORS), 1, 5.0)]),
        )
        response = self.client.get(self.url("survey_results", survey) + "?split=organization")
        self.assertEqual(
            self.by_text(response)["Качество встреч"].columns, [("Школа Альфа", 4, 4.0)]
        )

    def test_the_organization_sees_each_persons_answers_of_an_identified_survey(self) -> None:
        survey = self.feedback_survey()
        self.login(self.w.director_a)
        response = self.client.get(self.url("survey_results", survey) + "?tab=people")
        self.assertEqual(response.status_code, 200)
        rows = {row["staff"].last_name: row["answers"] for row in response.context["people_rows"]}
        self.assertEqual(set(rows), {"Морозова", "Егорова", "Ершов", "Соколова"})
        self.assertIn(
            f"{self.people['m1'].full_name}; {self.people['m2'].full_name}", rows["Егорова"]
        )
        self.assertIn("Планирование уроков; Работа с родителями", rows["Егорова"])
        self.assertIn("02.10.2025", rows["Егорова"])
        self.assertContains(response, "Учитель истории")

    def test_a_methodologist_sees_no_texts_and_no_persons_of_an_identified_survey(self) -> None:
        survey = self.feedback_survey()
        for user in (self.w.municipal_a, self.w.regional, self.w.admin):
            self.login(user)
            with self.subTest(user=user.username):
                response = self.client.get(self.url("survey_results", survey) + "?tab=people")
                self.assertEqual(response.status_code, 200)
                self.assertFalse(response.context["shows_people"])
                self.assertNotIn("people_rows", response.context)
                self.assertNotContains(response, "Больше встреч")
                self.assertNotContains(response, "Учитель истории")
                self.assertNotContains(response, 'id="tab-people"')
                r = self.by_text(response)
                self.assertEqual(r["Что изменить?"].texts, [])
                self.assertEqual(r["Дата первой встречи"].texts, [])
                self.assertEqual(r["Качество встреч"].mean, 4)
                self.assertEqual(response.context["total"].answered, 4)

    def test_texts_of_an_anonymous_survey_are_aggregates_in_alphabetical_order(self) -> None:
        survey = self.feedback_survey(anonymous=True)
        self.login(self.w.municipal_a)
        response = self.client.get(self.url("survey_results", survey) + "?tab=people")
        self.assertEqual(
            self.by_text(response)["Что изменить?"].texts,
            ["Анализ уроков", "Больше встреч", "Всё понравилось"],
        )
        self.assertNotIn("people_rows", response.context)
        self.login(self.w.curator_a)
        response = self.client.get(self.url("survey_results", survey) + "?tab=people")
        self.assertFalse(response.context["shows_people"])
        self.assertNotContains(response, "Учитель истории")

    def test_small_groups_of_an_anonymous_survey_are_merged(self) -> None:
        survey = self.feedback_survey(anonymous=True)
        self.login(self.w.curator_a)
        response = self.client.get(self.url("survey_results", survey) + "?split=group")
        columns = self.by_text(response)["Качество встреч"].columns
        self.assertEqual(columns, [("—", 4, 4.0)])

    def test_the_number_of_queries_does_not_grow_with_the_answers(self) -> None:
        survey = self.create(own_template(self))
        tokens = launch(self, survey)
        self.answer(
            survey, tokens, "m1", **{"Качество встреч": 5, "С кем работать": [self.people["e1"].pk]}
        )
        self.login(self.w.curator_a)
        url = self.url("survey_results", survey)
        with CaptureQueriesContext(connection) as first:
            self.client.get(url + "?split=group")
        with CaptureQueriesContext(connection) as first_people:
            self.client.get(url + "?tab=people")
        for key in ("m2", "e1", "e2", "e3"):
            self.answer(
                survey,
                tokens,
                key,
                **{
                    "Качество встреч": 3,
                    "С кем работать": [self.people["m1"].pk],
                    "Запросы": [self.competencies[0].pk],
                },
            )
        with self.assertNumQueries(len(first)):
            self.client.get(url + "?split=group")
        with self.assertNumQueries(len(first_people)):
            self.client.get(url + "?tab=people")
        self.assertLessEqual(len(first), 13)


class PrintAndCompareTests(ResultsTestCase):
    def test_the_print_view_has_no_navigation_and_the_same_figures(self) -> None:
        survey = self.feedback_survey()
        self.login(self.w.curator_a)
        response = self.client.get(self.url("survey_print_results", survey))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "navbar")
        self.assertContains(response, 'data-print="1"')
        self.assertContains(response, "Консультации")
        self.assertContains(response, "survey_charts.js")
        self.assertEqual(self.by_text(response)["Качество встреч"].mean, 4)

    def test_it_compares_the_self_assessment_before_and_after(self) -> None:
        growth = self.template(Questionnaire.Kind.GROWTH)
        items = list(growth.questions.order_by("order"))
        today = timezone.localdate()
        before = self.create(
            growth,
            title="Самооценка: до",
            keys=("e1", "e2"),
            opens_on=today - datetime.timedelta(days=5),
        )
        after = self.create(growth, title="Самооценка: после", keys=("e1", "e2"))
        for survey, marks in ((before, (2, 3)), (after, (4, 3))):
            tokens = launch(self, survey)
            for key in ("e1", "e2"):
                values = {q.text: marks[0] if i == 0 else marks[1] for i, q in enumerate(items)}
                self.answer(survey, tokens, key, **values)
        self.login(self.w.municipal_a)
        # the other run of the same purpose is preselected; the earlier one is «before»
        response = self.client.get(self.url("survey_compare", after))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["before"], before)
        rows = response.context["rows"]
        self.assertEqual(len(rows), len(items))
        self.assertEqual((rows[0].before, rows[0].after, rows[0].change), (2, 4, 2))
        self.assertEqual(rows[1].change, 0)
        self.assertContains(response, "▲")
        response = self.client.get(self.url("survey_compare", before) + f"?with={after.pk}")
        self.assertEqual(response.context["before"], before)
        # a survey of another organization cannot be chosen
        other = services.survey_create(
            actor=self.w.multi,
            organization=self.w.org_a2,
            year=self.year,
            template=growth,
            title="Самооценка колледжа",
            anonymous=False,
            audience=Survey.Audience.ALL_STAFF,
            opens_on=today,
            closes_on=today,
        )
        services.survey_launch(actor=self.w.multi, survey=other)
        self.assertEqual(
            self.client.get(self.url("survey_compare", before) + f"?with={other.pk}").status_code,
            404,
        )


def sheet_rows(content: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


class ExportTests(ResultsTestCase):
    def test_the_organization_gets_the_summary_and_each_persons_answers(self) -> None:
        survey = self.feedback_survey()
        self.login(self.w.curator_a)
        response = self.client.get(self.url("survey_export", survey))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        with translation.override("ru"):
            summary_title, answers_title = _("Summary"), _("Answers")
        sheets = sheet_rows(response.content)
        self.assertEqual(list(sheets), [summary_title, answers_title])
        summary = sheets[summary_title]
        self.assertEqual(summary[0][0], "Обратная связь")
        self.assertIn([None, "Да", 3, 75], summary)
        rate = next(r for r in summary if r[1] == 6)
        self.assertEqual(rate[1:], [6, 4, 67])
        scale = [r[0] for r in summary].index("Качество встреч")
        self.assertEqual(summary[scale][2], 4)  # answers to the question
        means = [r for r in summary[scale:] if r[2] is not None and r[0] is None][5:7]
        self.assertEqual([m[2] for m in means], [4, 4])
        answers = sheets[answers_title]
        header = answers[0]
        self.assertEqual(header[4], "Нужна ли помощь?")
        by_name = {row[0]: dict(zip(header, row, strict=True)) for row in answers[1:]}
        self.assertEqual(len(by_name), 4)
        row = by_name[self.people["e1"].full_name]
        self.assertEqual(row[header[1]], "Учитель истории")
        self.assertEqual(row["Дата первой встречи"], "02.10.2025")
        self.assertEqual(
            row["С кем работать"],
            f"{self.people['m1'].full_name}; {self.people['m2'].full_name}",
        )
        self.assertEqual(row["Запросы"], "Планирование уроков; Работа с родителями")
        self.assertEqual(row["Качество встреч"], 3)
        self.assertEqual(by_name[self.people["e2"].full_name]["Сколько встреч было"], 1.5)
        self.assertEqual(row["Полезные формы"], "Уроки")
        self.assertEqual(row[header[3]], timezone.localdate().strftime("%d.%m.%Y"))

    def test_an_anonymous_export_names_nobody(self) -> None:
        survey = self.feedback_survey(anonymous=True)
        self.login(self.w.curator_a)
        sheets = sheet_rows(self.client.get(self.url("survey_export", survey)).content)
        answers = list(sheets.values())[1]
        with translation.override("ru"):
            self.assertEqual(answers[0][0], _("Group"))
        self.assertEqual(answers[0][1], "Нужна ли помощь?")
        self.assertEqual(len(answers), 5)
        # one column for the group, one per question: no name, no position, no date
        self.assertEqual(len(answers[0]), 1 + 8)
        self.assertNotIn("Учитель", str(sheets))
        self.assertEqual(
            [r[0] for r in answers[1:]],
            sorted([str(STAFF), str(MENTEES), str(MENTEES), str(MENTORS)]),
        )

    def test_a_methodologist_gets_the_summary_only(self) -> None:
        survey = self.feedback_survey()
        self.login(self.w.municipal_a)
        response = self.client.get(self.url("survey_export", survey))
        sheets = sheet_rows(response.content)
        self.assertEqual(len(sheets), 1)
        summary = str(sheets)
        self.assertNotIn("Больше встреч", summary)
        self.assertNotIn("Учитель истории", summary)
        self.assertIn("Качество встреч", summary)


class OverviewTests(ResultsTestCase):
    def satisfaction(
        self, organization: Any, people: list[StaffMember], marks: list[int]
    ) -> Survey:
        template = self.template(Questionnaire.Kind.SATISFACTION_MENTEE)
        today = timezone.localdate()
        survey = services.survey_create(
            actor=self.w.admin,
            organization=organization,
            year=self.year,
            template=template,
            title="Удовлетворённость",
            anonymous=True,
            audience=Survey.Audience.PEOPLE,
            opens_on=today,
            closes_on=today,
            people=people,
        )
        tokens = launch(self, survey)
        questions = list(survey.questionnaire.questions.all())
        for person, mark in zip(people, marks, strict=False):
            data = {q.pk: [str(mark)] for q in questions if q.is_scale}
            saved = services.save_answers(tokens[person.email], data, final=True)
            assert saved.ok, saved.errors
        return survey

    def test_it_counts_surveys_rates_and_the_mean_satisfaction_by_purpose(self) -> None:
        a = self.satisfaction(self.w.org_a, [self.people[k] for k in ("e1", "e2", "e3")], [8, 6])
        b_people = [
            StaffMemberFactory.create(organization=self.w.org_b, email=f"b{i}@example.org")
            for i in range(2)
        ]
        b = self.satisfaction(self.w.org_b, b_people, [10, 10])
        feedback = self.feedback_survey()
        self.create(own_template(self), title="Не запущена")  # a draft does not count
        self.login(self.w.regional)
        response = self.client.get(reverse("surveys:overview"))
        self.assertEqual(response.status_code, 200)
        kinds = {k.kind: k for k in response.context["kinds"]}
        self.assertEqual(set(kinds), {"satisfaction_mentee", "other"})
        s = kinds["satisfaction_mentee"]
        self.assertEqual((s.surveys, s.organizations), (2, 2))
        self.assertEqual((s.rate.invited, s.rate.answered, s.rate.percent), (5, 4, 80))
        self.assertEqual(s.satisfaction, 8.5)  # (8 + 6 + 10 + 10) / 4
        self.assertIsNone(kinds["other"].satisfaction)
        self.assertEqual(response.context["total_surveys"], 3)
        self.assertEqual(response.context["ran"], 2)
        rows = {row.organization.pk: row for row in response.context["rows"]}
        self.assertEqual({s.pk for s in rows[self.w.org_a.pk].surveys}, {a.pk, feedback.pk})
        self.assertEqual(rows[self.w.org_a.pk].rate.answered, 6)
        self.assertEqual([s.pk for s in rows[self.w.org_b.pk].surveys], [b.pk])
        self.assertEqual(rows[self.w.org_a2.pk].surveys, [])
        self.assertContains(response, reverse("surveys:survey_results", args=[b.pk]))
        self.assertNotContains(response, "Гамм")

        # the municipality filter of a regional methodologist
        response = self.client.get(reverse("surveys:overview") + f"?municipality={self.w.m_b.pk}")
        self.assertEqual({k.kind for k in response.context["kinds"]}, {"satisfaction_mentee"})
        self.assertEqual([r.organization for r in response.context["rows"]], [self.w.org_b])
        self.assertEqual(
            self.client.get(
                reverse("surveys:overview") + f"?municipality={self.w.m_c.pk}"
            ).status_code,
            404,
        )

        # a municipal methodologist sees the own municipality only
        self.login(self.w.municipal_b)
        response = self.client.get(reverse("surveys:overview"))
        self.assertEqual(response.context["total_surveys"], 1)
        self.assertEqual([r.organization for r in response.context["rows"]], [self.w.org_b])
        self.assertEqual(response.context["municipalities"], [])
        self.assertNotContains(response, "Альф")

    def test_it_is_for_methodologists_and_administrators_only(self) -> None:
        for user in (self.w.curator_a, self.w.mentor_a, self.w.nobody):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(reverse("surveys:overview")).status_code, 403)

    def test_the_number_of_queries_does_not_grow_with_organizations_and_surveys(self) -> None:
        self.satisfaction(self.w.org_a, [self.people["e1"]], [7])
        self.login(self.w.regional)
        url = reverse("surveys:overview")
        with CaptureQueriesContext(connection) as first:
            self.client.get(url)
        for i in range(3):
            organization = OrganizationFactory.create(municipality=self.w.m_b)
            person = StaffMemberFactory.create(organization=organization, email=f"x{i}@example.org")
            self.satisfaction(organization, [person], [9])
            self.satisfaction(organization, [person], [5])
        with self.assertNumQueries(len(first)):
            response = self.client.get(url)
        self.assertEqual(response.context["total_surveys"], 7)
        self.assertLessEqual(len(first), 15)
