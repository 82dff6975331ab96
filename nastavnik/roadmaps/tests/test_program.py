"""The program around the roadmap (issue 13): seeds 002 and 004 entered as data come out of the
roadmap DOCX whole, prose and table; the curator edits the sections and links an expected
result to an indicator that the system measures."""

import io
import re
from typing import Any

import docx
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.services import academic_year_current
from nastavnik.documents import services as documents
from nastavnik.documents.kinds import get_kind
from nastavnik.mentorships.models import PortfolioItem
from nastavnik.organizations.models import Organization
from nastavnik.roadmaps import services
from nastavnik.roadmaps.models import Activity, ExpectedResult, Risk, Roadmap, Stage
from nastavnik.roadmaps.seeds import SEEDS, SeedRoadmap
from nastavnik.testing import BaseTestCase, StaffMemberFactory

_WORD = re.compile(r"\w+")


def words(text: str) -> str:
    """Words only, case folded: spaces, punctuation and list marks do not count."""
    return " ".join(_WORD.findall(text.casefold()))


def enter_seed(seed: SeedRoadmap, organization: Organization, actor: Any) -> Roadmap:
    """The seed as the school would type it: the table, then the sections of the program."""
    roadmap = services.roadmap_create(
        actor=actor, organization=organization, year=academic_year_current()
    )
    roadmap.title = seed.title
    roadmap.save()
    roadmap.stages.all().delete()
    roadmap.risks.all().delete()
    for order, stage in enumerate(seed.stages, start=1):
        new = Stage.objects.create(roadmap=roadmap, order=order, title=stage.title)
        for number, a in enumerate(stage.activities, start=1):
            Activity.objects.create(
                stage=new,
                order=number,
                title=a.title,
                content=a.content,
                deadline=a.deadline,
                responsible_text=a.responsible,
            )
    program = seed.program
    for order, (title, mitigation) in enumerate(program.risks, start=1):
        Risk.objects.create(roadmap=roadmap, order=order, title=title, mitigation=mitigation)
    return services.program_update(
        actor=actor,
        roadmap=roadmap,
        forms=list(program.forms),
        expected_results=[{"group": g, "text": t} for g, t in program.results],
        normative_basis="\n".join(program.basis),
        goal=program.goal,
        tasks="\n".join(program.tasks),
        forms_intro=program.forms_intro,
        forms_note=program.forms_note,
        control="\n".join(program.control),
    )


def roadmap_docx_text(organization: Organization, actor: Any) -> str:
    document = documents.document_create(
        actor=actor,
        organization=organization,
        kind=get_kind("roadmap"),
        number="",
        day=timezone.localdate(),
        title="Дорожная карта",
        data={"approval_number": "12", "council_number": "3"},
    )
    with document.file.open("rb") as f:
        parsed = docx.Document(io.BytesIO(f.read()))
    cells = [c.text for t in parsed.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in parsed.paragraphs] + cells)


class SeedProgramDocxTests(BaseTestCase):
    def check(self, key: str, organization: Organization, headings: list[str]) -> str:
        seed = SEEDS[key]
        enter_seed(seed, organization, self.w.curator_a)
        text = roadmap_docx_text(organization, self.w.curator_a)
        found = f" {words(text)} "
        program = seed.program
        rows = [
            seed.title,
            *[s.title for s in seed.stages],
            *[
                part
                for s in seed.stages
                for a in s.activities
                for part in (a.title, a.content, a.deadline, a.responsible)
            ],
            *program.basis,
            program.goal,
            *program.tasks,
            program.forms_intro,
            program.forms_note,
            *[part for risk in program.risks for part in risk],
            *[t for _g, t in program.results],
            *program.control,
            *headings,
        ]
        missing = [row for row in rows if words(row) and f" {words(row)} " not in found]
        self.assertEqual(missing, [])
        self.assertNotIn("{{", text)
        self.assertNotIn("{%", text)
        return text

    def test_seed_002_comes_out_whole_with_goal_tasks_risks_results_and_control(self) -> None:
        text = self.check(
            "002",
            self.w.org_a,
            [
                "Цель",
                "Задачи",
                "Этапы и сроки реализации",
                "Возможные риски при реализации программы и способы их предотвращения",
                "Риски",
                "Мероприятия по минимизации рисков",
                "Ожидаемые результаты",
                "Для молодого педагога",
                "Для наставника",
                "Для школы",
            ],
        )
        # The sections are in the seed's order and numbered without gaps.
        order = [
            "1. Цель программы",
            "2. Задачи",
            "3. Этапы и сроки реализации",
            "4. Возможные риски",
            "5. Ожидаемые результаты",
            "6. Организация контроля",
        ]
        positions = [text.find(heading) for heading in order]
        self.assertNotIn(-1, positions, order)
        self.assertEqual(positions, sorted(positions))

    def test_seed_004_comes_out_whole_with_basis_goal_and_the_forms_of_a_college(self) -> None:
        text = self.check(
            "004",
            self.w.org_a2,
            [
                "Нормативно-правовое обоснование",
                "Цель",
                "Формы наставничества",
                "«преподаватель – преподаватель»",
                "«студент – студент»",
                "«работодатель – студент»",
                "«преподаватель/мастер производственного обучения – школьник»",
                "«директор образовательной организации – педагог»",
            ],
        )
        self.assertIn("1. Нормативно-правовое обоснование", text)
        self.assertIn("2. Цель программы наставничества", text)


class ProgramPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.year = academic_year_current()
        self.roadmap = services.roadmap_create(
            actor=self.w.curator_a, organization=self.w.org_a, year=self.year
        )
        self.url = reverse("roadmaps:program", args=[self.w.org_a.pk])

    def post(self, **changes: Any) -> Any:
        data = {
            "program-normative_basis": self.roadmap.normative_basis,
            "program-goal": "Закрепление молодых учителей в школе",
            "program-tasks": "Адаптация\nРост мастерства",
            "program-forms_intro": "",
            "program-forms_used": ["teacher_teacher"],
            "program-forms_note": "",
            "program-control": "Текущий контроль раз в полугодие",
            "result-TOTAL_FORMS": "2",
            "result-INITIAL_FORMS": "0",
            "result-MIN_NUM_FORMS": "0",
            "result-MAX_NUM_FORMS": "1000",
            "result-0-group": "mentee",
            "result-0-text": "Портфолио у каждого молодого педагога",
            "result-0-indicator": "portfolio_every",
            "result-0-target": "100",
            "result-1-group": "",
            "result-1-text": "",
            "result-1-indicator": "",
            "result-1-target": "",
            **changes,
        }
        return self.client.post(self.url, data, follow=True)

    def test_the_curator_edits_the_goal_and_links_a_result_to_an_indicator(self) -> None:
        young = StaffMemberFactory.create(organization=self.w.org_a, last_name="Юнова")
        from nastavnik.banks.models import MenteeProfile

        MenteeProfile.objects.create(
            organization=self.w.org_a, staff=young, academic_year=self.year, category="young"
        )
        PortfolioItem.objects.create(
            staff=young, kind="open_lesson", date=timezone.localdate(), title="Открытый урок"
        )
        self.login(self.w.curator_a)
        response = self.post()
        self.assertContains(response, "Закрепление молодых учителей в школе")
        self.assertContains(response, "Портфолио у каждого молодого педагога")
        self.assertContains(response, "100\xa0%")
        self.assertContains(response, "достигнуто")
        self.roadmap.refresh_from_db()
        self.assertEqual(self.roadmap.tasks, "Адаптация\nРост мастерства")
        [result] = ExpectedResult.objects.filter(roadmap=self.roadmap)
        self.assertEqual(result.indicator, "portfolio_every")

    def test_a_result_without_a_group_is_refused_and_nothing_changes(self) -> None:
        self.login(self.w.curator_a)
        before = self.roadmap.expected_results.count()
        response = self.post(**{"result-0-group": ""})
        self.assertContains(response, "Укажите, для кого ожидается результат.")
        self.assertEqual(self.roadmap.expected_results.count(), before)
        self.roadmap.refresh_from_db()
        self.assertNotEqual(self.roadmap.goal, "Закрепление молодых учителей в школе")

    def test_a_methodologist_reads_the_program_and_cannot_change_it(self) -> None:
        self.login(self.w.municipal_a)
        page = self.client.get(self.url)
        self.assertContains(page, self.roadmap.goal)
        self.assertNotContains(page, 'id="edit-program-sections"')
        self.assertEqual(self.post().status_code, 404)

    def test_another_school_does_not_see_the_program(self) -> None:
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_new_roadmap_starts_from_the_program_of_the_region_template(self) -> None:
        self.roadmap.goal = "Цель региона"
        self.roadmap.save()
        services.region_template_publish(actor=self.w.admin, roadmap=self.roadmap)
        other = services.roadmap_create(
            actor=self.w.curator_b,
            organization=self.w.org_b,
            year=self.year,
            copy_from=self.roadmap,
        )
        self.assertEqual(other.goal, "Цель региона")
        self.assertEqual(other.expected_results.count(), self.roadmap.expected_results.count())

    def test_the_page_does_not_query_per_result(self) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.w.curator_a)
        self.client.get(self.url)
        with CaptureQueriesContext(connection) as first:
            self.client.get(self.url)
        for k in range(5):
            ExpectedResult.objects.create(
                roadmap=self.roadmap, group="mentor", text=f"Р{k}", indicator="paired"
            )
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(self.url)
