"""The analytical report of an organization's year and its submission upward."""

import datetime
import io
import zipfile
from decimal import Decimal
from typing import Any

import docx
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from nastavnik.banks.models import MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear, AuditEvent
from nastavnik.core.services import academic_year_current
from nastavnik.documents import engine
from nastavnik.mentorships.models import Meeting, Mentorship, PortfolioItem
from nastavnik.organizations.models import Organization
from nastavnik.reports import selectors, services
from nastavnik.reports.demo import demo_reports
from nastavnik.reports.models import AnnualReport, ReportingDeadline, default_due
from nastavnik.roadmaps.models import ExpectedResult, Roadmap
from nastavnik.staff.models import StaffMember
from nastavnik.surveys.models import Answer, Question, Questionnaire, Response, Survey
from nastavnik.testing import BaseTestCase, OrganizationFactory, StaffMemberFactory


def teacher(organization: Organization, name: str) -> StaffMember:
    return StaffMemberFactory.create(organization=organization, last_name=name)


class ReportTestCase(BaseTestCase):
    """School A's year by hand: 2 mentors in the bank (and one excluded), 3 mentees (a young
    one in a pair, one waiting, one on the support list), a pair and a group of two, three
    meetings of which two held, a publication this year and one last year, satisfaction
    marks 8 and 6 of the mentors and 9 of a mentee, and three expected results."""

    year: AcademicYear
    mentor1: StaffMember
    mentor2: StaffMember
    mentee1: StaffMember
    mentee2: StaffMember
    mentee3: StaffMember
    paired: ExpectedResult
    portfolio: ExpectedResult

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.w
        cls.year = academic_year_current()
        year = cls.year
        org = w.org_a
        cls.mentor1, cls.mentor2, excluded = (
            teacher(org, "Наставникова"),
            teacher(org, "Учителева"),
            teacher(org, "Исключённая"),
        )
        cls.mentee1, cls.mentee2, cls.mentee3 = (
            teacher(org, "Молодая"),
            teacher(org, "Новенькая"),
            teacher(org, "Поддержкина"),
        )
        for person in (cls.mentor1, cls.mentor2):
            MentorProfile.objects.create(organization=org, staff=person, academic_year=year)
        MentorProfile.objects.create(
            organization=org,
            staff=excluded,
            academic_year=year,
            status=MentorProfile.Status.EXCLUDED,
        )
        for person, category, status in (
            (cls.mentee1, "young", "paired"),
            (cls.mentee2, "new", "waiting"),
            (cls.mentee3, "young", "support"),
        ):
            MenteeProfile.objects.create(
                organization=org,
                staff=person,
                academic_year=year,
                category=category,
                status=status,
            )
        start = year.starts_on
        pair = Mentorship.objects.create(
            organization=org,
            academic_year=year,
            mentor=cls.mentor1,
            starts_on=start,
            ends_on=year.ends_on,
        )
        pair.mentees.set([cls.mentee1])
        group = Mentorship.objects.create(
            organization=org,
            academic_year=year,
            mentor=cls.mentor2,
            type=Mentorship.Type.GROUP,
            starts_on=start,
            ends_on=year.ends_on,
            status=Mentorship.Status.COMPLETED,
        )
        group.mentees.set([cls.mentee2, cls.mentee3])
        # A pair of school B must not count.
        Mentorship.objects.create(
            organization=w.org_b,
            academic_year=year,
            mentor=teacher(w.org_b, "Бетнаставница"),
            starts_on=start,
            ends_on=year.ends_on,
        )
        for day, held in ((10, True), (20, True), (300, False)):
            Meeting.objects.create(
                mentorship=pair,
                kind="regular",
                date=start + datetime.timedelta(days=day),
                topic="Встреча",
                held=held,
            )
        PortfolioItem.objects.create(
            staff=cls.mentee1,
            kind="publication",
            date=start + datetime.timedelta(days=30),
            title="Статья",
        )
        PortfolioItem.objects.create(
            staff=cls.mentee1,
            kind="publication",
            date=start - datetime.timedelta(days=30),
            title="Прошлогодняя статья",
        )
        for kind, group_code, marks in (
            ("satisfaction_mentor", "mentor", [8, 6]),
            ("satisfaction_mentee", "mentee", [9]),
        ):
            questionnaire = Questionnaire.objects.create(
                region=w.region, organization=org, kind=kind, title=kind, is_template=False
            )
            question = Question.objects.create(
                questionnaire=questionnaire, code="satisfaction", kind="scale10", text="Оценка"
            )
            survey = Survey.objects.create(
                organization=org,
                academic_year=year,
                questionnaire=questionnaire,
                title=kind,
                anonymous=True,
                audience="both_banks",
                opens_on=start,
                closes_on=start + datetime.timedelta(days=10),
            )
            for mark in marks:
                response = Response.objects.create(
                    survey=survey, organization=org, group=group_code, submitted=True
                )
                Answer.objects.create(response=response, question=question, value=mark)
        roadmap = Roadmap.objects.create(organization=org, academic_year=year, title="ДК")
        cls.paired = ExpectedResult.objects.create(
            roadmap=roadmap,
            group="organization",
            order=1,
            text="Все наставляемые в парах",
            indicator="paired",
            target=Decimal("30"),
        )
        cls.portfolio = ExpectedResult.objects.create(
            roadmap=roadmap,
            group="mentee",
            order=1,
            text="Портфолио у каждого",
            indicator="portfolio_every",
            target=Decimal("100"),
        )
        ExpectedResult.objects.create(
            roadmap=roadmap, group="mentor", order=1, text="Рост мастерства"
        )

    def url(self, name: str = "report", org: Organization | None = None) -> str:
        return reverse(f"reports:{name}", args=[(org or self.w.org_a).pk])

    def report(self) -> AnnualReport:
        return services.report_get_or_create(
            actor=self.w.curator_a, organization=self.w.org_a, year=self.year
        )

    def submitted(self) -> AnnualReport:
        return services.report_submit(actor=self.w.curator_a, report=self.report())


class FigureTests(ReportTestCase):
    def test_a_mentee_not_yet_confirmed_is_not_counted_as_waiting(self) -> None:
        # «Waiting for a mentor» is the status the curator gives on confirming the bank, as
        # on the monitoring dashboard; a new entry is only counted among the mentees.
        MenteeProfile.objects.create(
            organization=self.w.org_a,
            staff=StaffMemberFactory.create(organization=self.w.org_a),
            academic_year=self.year,
            category=MenteeProfile.Category.YOUNG,
            status=MenteeProfile.Status.NEW,
        )
        banks = selectors.figures(self.w.org_a, self.year)["banks"]
        self.assertEqual((banks["mentees"], banks["waiting"]), (4, 1))

    def test_the_figures_count_the_hand_made_year_of_school_a(self) -> None:
        f = selectors.figures(self.w.org_a, self.year)
        self.assertEqual(
            f["banks"],
            {"mentors": 2, "mentees": 3, "young": 2, "paired": 1, "waiting": 1, "support": 1},
        )
        self.assertEqual(
            f["pairs"],
            {"total": 2, "pairs": 1, "groups": 1, "by_form": {"teacher_teacher": 2}},
        )
        self.assertEqual(
            f["programs"], {"forming": 0, "active": 1, "completed": 1, "ended_early": 0}
        )
        self.assertEqual(f["meetings"], {"held": 2, "planned": 1, "events": 0})
        self.assertEqual(f["portfolio"]["publication"], 1)
        self.assertEqual(f["portfolio"]["total"], 1)
        self.assertEqual(f["satisfaction"], {"mentor": 7.0, "mentee": 9.0, "answers": 3})
        self.assertEqual(f["flagged"]["active"], 1)

    def test_expected_results_say_which_are_reached_with_figures(self) -> None:
        rows = {r["text"]: r for r in selectors.expected_results(self.w.org_a, self.year)}
        paired = rows["Все наставляемые в парах"]
        self.assertAlmostEqual(paired["value"], 100 / 3)
        self.assertTrue(paired["reached"])
        portfolio = rows["Портфолио у каждого"]
        self.assertAlmostEqual(portfolio["value"], 100 / 3)
        self.assertFalse(portfolio["reached"])
        self.assertIsNone(rows["Рост мастерства"]["reached"])
        self.assertEqual(selectors.reached_count(list(rows.values())), (1, 2))
        # Shown in the order of the groups: mentee, mentor, organization.
        order = [r["group"] for r in selectors.expected_results(self.w.org_a, self.year)]
        self.assertEqual(order, ["mentee", "mentor", "organization"])

    def test_a_school_without_a_roadmap_is_sent_to_the_roadmap_not_to_a_missing_program(
        self,
    ) -> None:
        self.login(self.w.curator_b)
        response = self.client.get(self.url(org=self.w.org_b))
        self.assertContains(response, 'id="no-roadmap"')
        self.assertContains(response, reverse("roadmaps:roadmap_detail", args=[self.w.org_b.pk]))
        self.assertNotContains(response, reverse("roadmaps:program", args=[self.w.org_b.pk]))

    def test_the_curator_sees_the_figures_and_reached_on_the_page(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("Все наставляемые в парах", content)
        self.assertContains(response, 'class="badge text-bg-success"', count=1)
        self.assertIn("33,3\xa0%", content)
        # The drafts are written from the figures, nothing is saved by looking.
        self.assertIn("в банк наставляемых — 3 педагога", content)
        self.assertFalse(AnnualReport.objects.exists())

    def test_the_page_shows_last_year_beside_each_figure(self) -> None:
        previous = AcademicYear.objects.create(start_year=self.year.start_year - 1)
        frozen = selectors.snapshot(self.w.org_a, previous)
        frozen["figures"]["banks"]["mentors"] = 9
        AnnualReport.objects.create(
            organization=self.w.org_a,
            academic_year=previous,
            status=AnnualReport.Status.ACCEPTED,
            snapshot=frozen,
        )
        self.login(self.w.curator_a)
        response = self.client.get(self.url())
        title, rows = response.context["sections"][0]
        mentors = {row.code: (row.value, before) for row, before in rows}["mentors"]
        self.assertEqual(mentors, ("2", "9"))
        self.assertContains(response, str(previous))

    def test_a_new_report_starts_from_drafts_of_the_figures(self) -> None:
        report = self.report()
        self.assertIn("Сформировано 2 наставнические пары (группы)", report.introduction)
        self.assertIn("достигнуто 1", report.conclusions)
        self.assertIn("«Портфолио у каждого»", report.problems)
        self.assertTrue(report.proposals)
        self.assertTrue(AuditEvent.objects.filter(action="annual_report_create").exists())


class TransitionTests(ReportTestCase):
    def test_submit_freezes_the_figures_and_the_texts(self) -> None:
        report = self.submitted()
        self.assertEqual(report.status, AnnualReport.Status.SUBMITTED)
        self.assertEqual(report.snapshot["figures"]["banks"]["mentees"], 3)
        self.assertEqual(report.submitted_by, self.w.curator_a)
        # Later facts do not change the submitted figures.
        MenteeProfile.objects.create(
            organization=self.w.org_a,
            staff=teacher(self.w.org_a, "Поздняя"),
            academic_year=self.year,
            category="young",
        )
        data = selectors.data_of(report, self.w.org_a, self.year)
        self.assertEqual(data["figures"]["banks"]["mentees"], 3)
        with self.assertRaisesMessage(ValidationError, "больше нельзя изменить"):
            services.report_update(actor=self.w.curator_a, report=report, conclusions="Иначе")
        with self.assertRaisesMessage(ValidationError, "Справка уже представлена."):
            services.report_submit(actor=self.w.curator_a, report=report)
        self.assertTrue(AuditEvent.objects.filter(action="annual_report_submit").exists())

    def test_a_draft_cannot_be_accepted_or_returned(self) -> None:
        report = self.report()
        with self.assertRaisesMessage(
            ValidationError, "Справка — черновик: организация её ещё не представила."
        ):
            services.report_accept(actor=self.w.municipal_a, report=report)
        with self.assertRaisesMessage(
            ValidationError, "Справка — черновик: организация её ещё не представила."
        ):
            services.report_return(actor=self.w.municipal_a, report=report, comment="Нет")

    def test_return_needs_a_comment_and_the_curator_resubmits(self) -> None:
        report = self.submitted()
        with self.assertRaisesMessage(
            ValidationError, "Напишите, что организации нужно исправить."
        ):
            services.report_return(actor=self.w.municipal_a, report=report, comment="  ")
        report = services.report_return(
            actor=self.w.municipal_a, report=report, comment="Дополните выводы."
        )
        self.assertEqual(report.status, AnnualReport.Status.RETURNED)
        with self.assertRaisesMessage(
            ValidationError,
            "Справка возвращена организации: дождитесь её повторного представления.",
        ):
            services.report_accept(actor=self.w.municipal_a, report=report)
        services.report_update(actor=self.w.curator_a, report=report, conclusions="Дополнено.")
        report = services.report_submit(actor=self.w.curator_a, report=report)
        report = services.report_accept(actor=self.w.municipal_a, report=report)
        self.assertEqual(report.status, AnnualReport.Status.ACCEPTED)
        self.assertEqual(report.reviewed_by, self.w.municipal_a)
        self.assertEqual(report.return_comment, "")
        with self.assertRaisesMessage(ValidationError, "Справка уже принята."):
            services.report_accept(actor=self.w.municipal_a, report=report)
        with self.assertRaisesMessage(
            ValidationError, "Справка принята, представить её повторно нельзя."
        ):
            services.report_submit(actor=self.w.curator_a, report=report)
        actions = list(
            AuditEvent.objects.filter(target_type="reports.annualreport")
            .order_by("pk")
            .values_list("action", flat=True)
        )
        self.assertEqual(
            actions,
            [
                "annual_report_create",
                "annual_report_submit",
                "annual_report_return",
                "annual_report_update",
                "annual_report_submit",
                "annual_report_accept",
            ],
        )

    def test_an_empty_section_stops_the_submission(self) -> None:
        report = self.report()
        services.report_update(actor=self.w.curator_a, report=report, problems="")
        with self.assertRaisesMessage(
            ValidationError, "Перед представлением заполните все текстовые разделы справки."
        ):
            services.report_submit(actor=self.w.curator_a, report=report)

    def test_the_pages_walk_the_same_way(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(
            self.url(),
            {
                "introduction": "Вводная.",
                "conclusions": "Выводы.",
                "problems": "Нет.",
                "proposals": "Продолжить.",
            },
        )
        self.assertRedirects(response, self.url())
        self.assertEqual(AnnualReport.objects.get().conclusions, "Выводы.")
        self.client.post(self.url("report_submit"))
        self.assertEqual(AnnualReport.objects.get().status, "submitted")
        page = self.client.get(self.url())
        self.assertNotContains(page, 'id="report-texts"')
        self.assertContains(page, "Выводы.")
        # The curator cannot review; the methodologist of another municipality sees nothing.
        self.assertEqual(
            self.client.post(self.url("report_review"), {"action": "accept"}).status_code, 404
        )
        self.login(self.w.municipal_b)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(
            self.client.post(self.url("report_review"), {"action": "accept"}).status_code, 404
        )
        self.login(self.w.municipal_a)
        self.assertContains(self.client.get(self.url()), 'id="accept-report"')
        self.client.post(self.url("report_review"), {"action": "return", "comment": "Исправьте."})
        self.assertEqual(AnnualReport.objects.get().status, "returned")
        self.login(self.w.curator_a)
        self.assertContains(self.client.get(self.url()), "Исправьте.")
        self.client.post(self.url("report_submit"))
        self.login(self.w.municipal_a)
        self.client.post(self.url("report_review"), {"action": "accept"})
        self.assertEqual(AnnualReport.objects.get().status, "accepted")
        # Methodologists read but do not write the texts.
        self.assertEqual(self.client.post(self.url("report_submit")).status_code, 404)

    def test_a_wrong_transition_on_the_page_shows_the_russian_reason(self) -> None:
        self.report()
        self.login(self.w.municipal_a)
        response = self.client.post(self.url("report_review"), {"action": "accept"}, follow=True)
        self.assertEqual(AnnualReport.objects.get().status, "draft")
        self.assertEqual(len(list(response.context["messages"])), 1)


class DocumentTests(ReportTestCase):
    def test_the_docx_has_the_tables_the_results_and_the_texts(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(self.url("report_document"))
        report = AnnualReport.objects.get()
        self.assertIsNotNone(report.document)
        assert report.document is not None
        self.assertRedirects(
            response,
            reverse("documents:document_detail", args=[self.w.org_a.pk, report.document.pk]),
        )
        with report.document.file.open("rb") as f:
            parsed = docx.Document(io.BytesIO(f.read()))
        text = "\n".join(p.text for p in parsed.paragraphs)
        cells = [[c.text for c in row.cells] for t in parsed.tables for row in t.rows]
        self.assertIn("АНАЛИТИЧЕСКАЯ СПРАВКА", text)
        self.assertIn(f"за {self.year} учебный год", text)
        self.assertIn("Достигнуто ожидаемых результатов: 1 из 2", text)
        self.assertIn(report.introduction.splitlines()[0], text)
        self.assertIn(["Наставляемых в банке", "3"], cells)
        self.assertIn(["Встреч проведено", "2"], cells)
        header = ["№", "Ожидаемый результат", "Показатель", "Значение", "Цель", "Достигнут"]
        self.assertIn(header, cells)
        reached_rows = [row for row in cells if len(row) == 6 and row[5] in ("да", "нет")]
        self.assertEqual(len(reached_rows), 2)
        self.assertIn("Для школы: Все наставляемые в парах", [r[1] for r in reached_rows])
        # Made again, the same draft document is updated.
        self.client.post(self.url("report_document"))
        self.assertEqual(AnnualReport.objects.get().document_id, report.document.pk)

    def test_the_docx_has_the_charts_as_pictures_and_opens_in_libreoffice(self) -> None:
        report = self.report()
        document = services.report_document(actor=self.w.curator_a, report=report)
        with document.file.open("rb") as f:
            content = f.read()
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            self.assertIsNone(package.testzip())
            media = sorted(n for n in package.namelist() if n.startswith("word/media/"))
            body = package.read("word/document.xml").decode()
            # By form, satisfaction, meetings held of planned, the main figures.
            self.assertEqual(len(media), 4)
            for name in media:
                self.assertTrue(name.endswith(".png"))
                with Image.open(io.BytesIO(package.read(name))) as image:
                    self.assertEqual((image.format, image.size), ("PNG", (1600, 900)))
        self.assertEqual(body.count("<w:drawing>"), 4)
        parsed = docx.Document(io.BytesIO(content))
        captions = [p.text for p in parsed.paragraphs if p.text.startswith("Рисунок")]
        self.assertEqual(
            captions[:3],
            [
                "Рисунок 1. Наставнические пары и группы по формам наставничества",
                "Рисунок 2. Удовлетворённость участников программой (средняя оценка из 10)",
                "Рисунок 3. Встречи наставников и наставляемых: проведено из запланированных",
            ],
        )
        self.assertTrue(captions[3].startswith("Рисунок 4. Основные показатели"))
        if engine.soffice() is None:
            self.skipTest("LibreOffice is not installed")
        pdf = engine.to_pdf(content)
        assert pdf is not None
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(pdf.count(b"/Subtype /Image") + pdf.count(b"/Subtype/Image"), 3)

    def test_the_charts_set_this_year_against_the_previous_one(self) -> None:
        from nastavnik.documents.kinds.annual_report import annual_report_charts

        now = selectors.figures(self.w.org_a, self.year)
        before = {
            **now,
            "meetings": {"held": 5, "planned": 0, "events": 0},
            "satisfaction": {"mentor": None, "mentee": 8.5, "answers": 1},
        }
        previous = AcademicYear(start_year=self.year.start_year - 1)
        charts = annual_report_charts(self.w.org_a, self.year, now, before, previous)
        self.assertEqual(len(charts), 4)
        self.assertIn(f"{self.year} учебный год к {previous} учебному году", charts[3]["title"])
        for chart in charts:
            self.assertTrue(chart["image"].png.startswith(b"\x89PNG"))
        alone = annual_report_charts(self.w.org_a, self.year, now, None, None)
        self.assertEqual(alone[3]["title"], f"Основные показатели {self.year} учебного года")

    def test_only_authors_make_the_docx(self) -> None:
        for user in (self.w.municipal_a, self.w.mentor_a, self.w.curator_b):
            self.login(user)
            self.assertEqual(self.client.post(self.url("report_document")).status_code, 404)


class MailTests(ReportTestCase):
    def test_submission_mails_the_methodologists_of_the_municipality(self) -> None:
        self.submitted()
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, [self.w.municipal_a.email])
        self.assertIn(reverse("reports:report", args=[self.w.org_a.pk]), mail.outbox[0].body)

    def test_a_return_mails_the_curators_with_the_comment(self) -> None:
        report = self.submitted()
        mail.outbox.clear()
        services.report_return(actor=self.w.municipal_a, report=report, comment="Где выводы?")
        self.assertEqual([m.to for m in mail.outbox], [[self.w.curator_a.email]])
        self.assertIn("Где выводы?", mail.outbox[0].body)


class DeadlineTests(ReportTestCase):
    def test_the_deadline_defaults_to_15_june_and_the_municipality_wins(self) -> None:
        m_a = self.w.m_a
        self.assertEqual(
            selectors.deadline_for(m_a, self.year), datetime.date(self.year.start_year + 1, 6, 15)
        )
        services.deadline_set(
            actor=self.w.regional,
            year=self.year,
            due_on=datetime.date(self.year.start_year + 1, 6, 1),
            region=self.w.region,
        )
        self.assertEqual(selectors.deadline_for(m_a, self.year).day, 1)
        services.deadline_set(
            actor=self.w.municipal_a,
            year=self.year,
            due_on=datetime.date(self.year.start_year + 1, 5, 20),
            municipality=m_a,
        )
        self.assertEqual(selectors.deadline_for(m_a, self.year).day, 20)
        self.assertEqual(selectors.deadline_for(self.w.m_b, self.year).day, 1)
        with self.assertRaisesMessage(ValidationError, "Срок должен приходиться"):
            services.deadline_set(
                actor=self.w.municipal_a,
                year=self.year,
                due_on=datetime.date(self.year.start_year + 3, 1, 1),
                municipality=m_a,
            )

    def test_who_is_late_after_the_deadline(self) -> None:
        passed = self.year.starts_on + datetime.timedelta(days=1)
        ReportingDeadline.objects.create(
            municipality=self.w.m_a, academic_year=self.year, due_on=passed
        )
        self.submitted()
        self.login(self.w.municipal_a)
        response = self.client.get(reverse("reports:municipality_reports", args=[self.w.m_a.pk]))
        rows = {r["organization"].pk: r for r in response.context["rows"]}
        late = timezone.localdate() > passed
        self.assertFalse(rows[self.w.org_a.pk]["late"])
        self.assertEqual(rows[self.w.org_a2.pk]["late"], late)
        self.assertEqual(response.context["late"], 1 if late else 0)
        self.assertNotContains(response, "Школа Бета")

    def test_is_late_reads_the_status(self) -> None:
        due = datetime.date(2026, 6, 15)
        after = datetime.date(2026, 6, 16)
        self.assertFalse(selectors.is_late(None, due, due))
        self.assertTrue(selectors.is_late(None, due, after))
        report = AnnualReport(status=AnnualReport.Status.RETURNED)
        self.assertTrue(selectors.is_late(report, due, after))
        report.status = AnnualReport.Status.SUBMITTED
        self.assertFalse(selectors.is_late(report, due, after))

    def test_the_methodologist_sets_the_deadline_on_the_page(self) -> None:
        self.login(self.w.municipal_a)
        url = reverse("reports:municipality_reports", args=[self.w.m_a.pk])
        due = default_due(self.year) - datetime.timedelta(days=10)
        self.client.post(url, {"due_on": due.isoformat()})
        self.assertEqual(
            ReportingDeadline.objects.get(municipality=self.w.m_a, academic_year=self.year).due_on,
            due,
        )
        self.assertContains(self.client.get(url), due.strftime("%d.%m.%Y"))


class ListTests(ReportTestCase):
    def test_the_municipality_list_takes_the_same_queries_for_one_and_many(self) -> None:
        self.login(self.w.municipal_a)
        url = reverse("reports:municipality_reports", args=[self.w.m_a.pk])
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for i in range(5):
            org = OrganizationFactory.create(municipality=self.w.m_a, short_name=f"Альфа-{i}")
            services.report_get_or_create(actor=self.w.admin, organization=org, year=self.year)
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(url)
        self.assertEqual(len(response.context["rows"]), 7)

    def test_the_region_counts_per_municipality_in_fixed_queries(self) -> None:
        self.submitted()
        services.report_get_or_create(
            actor=self.w.curator_b, organization=self.w.org_b, year=self.year
        )
        self.login(self.w.regional)
        url = reverse("reports:region_reports", args=[self.w.region.pk])
        response = self.client.get(url)
        rows = {r["municipality"].pk: r for r in response.context["rows"]}
        self.assertEqual(rows[self.w.m_a.pk]["organizations"], 2)
        self.assertEqual(rows[self.w.m_a.pk]["submitted"], 1)
        self.assertEqual(rows[self.w.m_a.pk]["draft"], 1)
        self.assertEqual(rows[self.w.m_b.pk]["draft"], 1)
        self.assertNotIn(self.w.m_c.pk, rows)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for i in range(3):
            OrganizationFactory.create(municipality=self.w.m_b, short_name=f"Бета-{i}")
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(url)


class IsolationTests(ReportTestCase):
    def test_outsiders_get_404(self) -> None:
        w = self.w
        cases: list[tuple[Any, str]] = [
            (w.curator_b, self.url()),
            (w.mentor_a, self.url()),
            (w.mentee_a, self.url()),
            (w.municipal_b, self.url()),
            (w.admin2, self.url()),
            (w.nobody, self.url()),
            (w.municipal_b, reverse("reports:municipality_reports", args=[w.m_a.pk])),
            (w.curator_a, reverse("reports:municipality_reports", args=[w.m_a.pk])),
            (w.municipal_a, reverse("reports:region_reports", args=[w.region.pk])),
            (w.admin2, reverse("reports:region_reports", args=[w.region.pk])),
            (w.curator_a, reverse("reports:region_reports", args=[w.region.pk])),
        ]
        for user, url in cases:
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404, (user.username, url))

    def test_those_in_scope_read(self) -> None:
        for user in (self.w.director_a, self.w.municipal_a, self.w.regional, self.w.admin):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 200, user.username)
        # Before the organization saves its report, the methodologist sees the live figures
        # but no text written for the organization.
        self.login(self.w.municipal_a)
        page = self.client.get(self.url())
        self.assertContains(page, 'data-status="none"')
        self.assertNotContains(page, "в банк наставляемых")
        self.assertNotContains(page, 'id="review"')


class DemoTests(BaseTestCase):
    def test_the_demo_is_idempotent_and_has_last_year_accepted(self) -> None:
        school = self.w.org_a
        demo_reports(school, self.w.curator_a)
        demo_reports(school, self.w.curator_a)
        current = academic_year_current()
        previous = AcademicYear.objects.get(start_year=current.start_year - 1)
        self.assertEqual(
            AnnualReport.objects.get(organization=school, academic_year=previous).status,
            "accepted",
        )
        self.assertEqual(
            AnnualReport.objects.get(organization=school, academic_year=current).status, "draft"
        )
        self.assertEqual(
            ReportingDeadline.objects.filter(municipality=school.municipality).count(), 2
        )
        self.assertEqual(len(mail.outbox), 0)
