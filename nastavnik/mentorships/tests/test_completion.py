"""The completion of programs: the participants' reports, the curator's list and return, the
mentor's analytical report in DOCX, the mentorships on the person's card (stage 8)."""

import datetime
import io
from typing import Any

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from nastavnik.core.models import AuditEvent
from nastavnik.core.services import academic_year_current
from nastavnik.documents import services as documents
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.models import Document
from nastavnik.mentorships import completion
from nastavnik.mentorships.models import (
    Meeting,
    Mentorship,
    ParticipantReport,
    PortfolioItem,
    Program,
    ProgramActivity,
)
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory

MENTOR_REPORT = {
    "done": "Проведено 12 встреч, посещено 8 уроков наставляемого.",
    "results": "Наставляемый провёл открытый урок по теме «Смутное время».",
    "difficulties": "Нехватка времени на совместное планирование.",
    "self_assessment": "8",
    "to_continue": "Взаимопосещение уроков.",
    "suggestions": "Включить в программу участие в конкурсе.",
}
MENTEE_REPORT = {
    "done": "Подготовил и провёл открытый урок.",
    "results": "Освоил технологию проблемного обучения.",
    "difficulties": "",
    "self_assessment": "7",
    "to_continue": "",
    "suggestions": "",
    "useful_forms": "Посещение уроков наставника, совместный разбор уроков.",
    "recommends_mentor": "yes",
}


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


class CompletionTestCase(BaseTestCase):
    mentor: StaffMember
    mentee: StaffMember

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        org = cls.w.org_a
        cls.mentor = StaffMemberFactory.create(
            organization=org,
            last_name="Лебедева",
            first_name="Наталья",
            patronymic="Сергеевна",
            position="Учитель русского языка",
            user=cls.w.mentor_a,
        )
        cls.mentee = StaffMemberFactory.create(
            organization=org,
            last_name="Никитин",
            first_name="Артём",
            patronymic="Игоревич",
            gender=StaffMember.Gender.MALE,
            position="Учитель истории",
            user=cls.w.mentee_a,
        )

    def setUp(self) -> None:
        year = academic_year_current()
        today = timezone.localdate()
        self.mentorship = self.pair(self.w.org_a, self.mentor, [self.mentee], year)
        program = Program.objects.create(
            mentorship=self.mentorship,
            goal="Успешное закрепление молодого специалиста в профессии.",
            tasks="Помочь спланировать уроки.\nРазвить навыки классного руководителя.",
        )
        ProgramActivity.objects.create(
            program=program,
            order=1,
            title="Посещение уроков наставника",
            status=ProgramActivity.Status.DONE,
            due_on=year.starts_on,
            done_on=year.starts_on,
        )
        ProgramActivity.objects.create(
            program=program,
            order=2,
            title="Открытый урок наставляемого",
            due_on=today - datetime.timedelta(days=3),
        )
        for kind in (Meeting.Kind.ORGANIZATIONAL, Meeting.Kind.REGULAR, Meeting.Kind.REGULAR):
            Meeting.objects.create(
                mentorship=self.mentorship,
                kind=kind,
                date=year.starts_on,
                topic="Встреча",
                held=True,
            )
        PortfolioItem.objects.create(
            staff=self.mentee,
            mentorship=self.mentorship,
            kind=PortfolioItem.Kind.DEVELOPMENT,
            date=year.starts_on,
            title="Технологическая карта урока истории",
        )

    @staticmethod
    def pair(org, mentor, mentees, year) -> Mentorship:  # type: ignore[no-untyped-def]
        mentorship = Mentorship.objects.create(
            organization=org,
            academic_year=year,
            mentor=mentor,
            starts_on=year.starts_on,
            ends_on=year.ends_on,
        )
        mentorship.mentees.set(mentees)
        return mentorship

    def write(self, user, data, *, submit: bool = True):  # type: ignore[no-untyped-def]
        self.login(user)
        payload = {**data, ("submit" if submit else "save"): "1"}
        return self.client.post(
            reverse("mentorships:report_edit", args=[self.mentorship.pk]), payload
        )

    def report_of(self, person: StaffMember) -> ParticipantReport:
        return ParticipantReport.objects.get(mentorship=self.mentorship, author=person)


class ReportFlowTests(CompletionTestCase):
    def test_the_mentor_saves_a_draft_and_then_submits_his_report(self) -> None:
        response = self.write(self.w.mentor_a, {"done": "Черновик"}, submit=False)
        self.assertRedirects(
            response, reverse("mentorships:mentorship_detail", args=[self.mentorship.pk])
        )
        report = self.report_of(self.mentor)
        self.assertEqual(report.status, ParticipantReport.Status.DRAFT)
        self.assertEqual(report.role, ParticipantReport.Role.MENTOR)
        self.write(self.w.mentor_a, MENTOR_REPORT)
        report.refresh_from_db()
        self.assertEqual(report.status, ParticipantReport.Status.SUBMITTED)
        self.assertEqual(report.self_assessment, 8)
        self.assertIsNotNone(report.submitted_at)
        self.assertTrue(AuditEvent.objects.filter(action="report_submit").exists())

    def test_the_mentee_form_asks_for_useful_forms_and_the_mentor_form_does_not(self) -> None:
        url = reverse("mentorships:report_edit", args=[self.mentorship.pk])
        self.login(self.w.mentee_a)
        self.assertContains(self.client.get(url), 'name="useful_forms"')
        self.login(self.w.mentor_a)
        self.assertNotContains(self.client.get(url), 'name="useful_forms"')

    def test_the_mentee_submits_hers_with_the_recommendation(self) -> None:
        self.write(self.w.mentee_a, MENTEE_REPORT)
        report = self.report_of(self.mentee)
        self.assertEqual(report.status, ParticipantReport.Status.SUBMITTED)
        self.assertEqual(report.role, ParticipantReport.Role.MENTEE)
        self.assertTrue(report.recommends_mentor)

    def test_submitting_an_incomplete_report_says_in_russian_what_is_missing(self) -> None:
        response = self.write(self.w.mentee_a, {"done": "Кое-что", "self_assessment": ""})
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        with translation.override("ru"):  # «Чтобы отправить отчёт, заполните: …»
            expected = gettext("To submit the report, fill in: %(fields)s.") % {
                "fields": ", ".join(
                    gettext(name)
                    for name in (
                        "results achieved against the goal and tasks of the program",
                        "self-assessment, 1–10",
                        "the most useful forms of work",
                        "would recommend the mentor",
                    )
                )
            }
        self.assertIn(expected, text)
        report = self.report_of(self.mentee)  # what was written is kept as a draft
        self.assertEqual(report.status, ParticipantReport.Status.DRAFT)
        self.assertEqual(report.done, "Кое-что")

    def test_a_self_assessment_outside_1_to_10_is_refused(self) -> None:
        response = self.write(self.w.mentor_a, {**MENTOR_REPORT, "self_assessment": "11"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ParticipantReport.objects.exists())

    def test_a_submitted_report_cannot_be_changed_by_its_author(self) -> None:
        self.write(self.w.mentor_a, MENTOR_REPORT)
        response = self.write(self.w.mentor_a, {**MENTOR_REPORT, "done": "Другое"})
        report = self.report_of(self.mentor)
        self.assertRedirects(response, reverse("mentorships:report_detail", args=[report.pk]))
        self.assertEqual(report.done, MENTOR_REPORT["done"])

    def test_the_curator_returns_a_report_with_a_comment_and_the_author_reworks_it(self) -> None:
        self.write(self.w.mentor_a, MENTOR_REPORT)
        report = self.report_of(self.mentor)
        self.login(self.w.curator_a)
        url = reverse("mentorships:report_return", args=[report.pk])
        self.client.post(url, {"comment": ""})
        report.refresh_from_db()
        self.assertEqual(report.status, ParticipantReport.Status.SUBMITTED)
        self.client.post(url, {"comment": "Опишите результаты по каждой задаче."})
        report.refresh_from_db()
        self.assertEqual(report.status, ParticipantReport.Status.RETURNED)
        self.login(self.w.mentor_a)
        page = self.client.get(reverse("mentorships:mentorship_detail", args=[self.mentorship.pk]))
        self.assertContains(page, "Опишите результаты по каждой задаче.")
        self.write(self.w.mentor_a, {**MENTOR_REPORT, "results": "По задаче 1: …"})
        report.refresh_from_db()
        self.assertEqual(report.status, ParticipantReport.Status.SUBMITTED)
        self.assertEqual(report.results, "По задаче 1: …")

    def test_the_mentor_cannot_return_a_report(self) -> None:
        self.write(self.w.mentee_a, MENTEE_REPORT)
        report = self.report_of(self.mentee)
        self.login(self.w.mentor_a)
        response = self.client.post(
            reverse("mentorships:report_return", args=[report.pk]), {"comment": "Нет"}
        )
        self.assertEqual(response.status_code, 403)

    def test_the_page_of_the_pair_shows_who_has_submitted(self) -> None:
        self.write(self.w.mentor_a, MENTOR_REPORT)
        self.login(self.w.curator_a)
        page = self.client.get(reverse("mentorships:mentorship_detail", args=[self.mentorship.pk]))
        self.assertContains(page, 'id="completion-reports"')
        self.assertContains(
            page, reverse("mentorships:report_detail", args=[self.report_of(self.mentor).pk])
        )
        self.assertContains(page, "analytical_note")


class ReportAccessTests(CompletionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.write(self.w.mentor_a, MENTOR_REPORT)
        self.write(self.w.mentee_a, MENTEE_REPORT)
        self.mentor_report = self.report_of(self.mentor)
        self.mentee_report = self.report_of(self.mentee)

    def detail(self, user, report: ParticipantReport) -> int:  # type: ignore[no-untyped-def]
        self.login(user)
        return self.client.get(reverse("mentorships:report_detail", args=[report.pk])).status_code

    def test_participants_and_observers_of_the_organization_read_the_reports(self) -> None:
        for user in (self.w.mentor_a, self.w.curator_a, self.w.municipal_a, self.w.regional):
            self.assertEqual(self.detail(user, self.mentee_report), 200, user)
        self.assertEqual(self.detail(self.w.mentee_a, self.mentor_report), 200)

    def test_others_get_404(self) -> None:
        for user in (
            self.w.curator_b,
            self.w.municipal_b,
            self.w.mentor_b,
            self.w.curator_c,
            self.w.nobody,
        ):
            self.assertEqual(self.detail(user, self.mentee_report), 404, user)
            self.login(user)
            response = self.client.post(
                reverse("mentorships:report_return", args=[self.mentee_report.pk]),
                {"comment": "x"},
            )
            self.assertIn(response.status_code, (302, 404), user)
            self.mentee_report.refresh_from_db()
            self.assertEqual(self.mentee_report.status, ParticipantReport.Status.SUBMITTED)

    def test_another_mentee_of_a_group_does_not_read_a_mentees_report(self) -> None:
        other = StaffMemberFactory.create(organization=self.w.org_a, user=self.w.multi)
        self.mentorship.mentees.add(other)
        self.assertEqual(self.detail(self.w.multi, self.mentee_report), 404)
        self.assertEqual(self.detail(self.w.multi, self.mentor_report), 200)

    def test_an_outsider_cannot_write_a_report_on_the_pair(self) -> None:
        self.login(self.w.curator_b)
        url = reverse("mentorships:report_edit", args=[self.mentorship.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.w.curator_a)  # the curator sees the pair but does not write a report
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_the_list_is_scoped_to_the_organization(self) -> None:
        url = reverse("mentorships:report_list", args=[self.w.org_a.pk])
        for user in (self.w.curator_a, self.w.municipal_a, self.w.regional):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 200)
        for user in (self.w.curator_b, self.w.municipal_b, self.w.curator_c):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404, user)
        self.login(self.w.mentor_a)
        self.assertIn(self.client.get(url).status_code, (403, 404))


class ReportListTests(CompletionTestCase):
    def test_the_list_shows_who_has_and_has_not_submitted(self) -> None:
        self.write(self.w.mentor_a, MENTOR_REPORT)
        self.login(self.w.curator_a)
        response = self.client.get(reverse("mentorships:report_list", args=[self.w.org_a.pk]))
        self.assertContains(response, self.mentor.full_name)
        self.assertContains(response, self.mentee.full_name)
        self.assertEqual(response.context["submitted"], 1)
        self.assertEqual(response.context["expected"], 2)

    def test_the_list_makes_the_same_number_of_queries_for_one_and_many_pairs(self) -> None:
        self.login(self.w.curator_a)
        url = reverse("mentorships:report_list", args=[self.w.org_a.pk])
        self.client.get(url)
        with CaptureQueriesContext(connection) as one:
            self.client.get(url)
        year = academic_year_current()
        for i in range(4):
            mentor = StaffMemberFactory.create(
                organization=self.w.org_a, last_name=f"Наставникова{i}"
            )
            mentees = [StaffMemberFactory.create(organization=self.w.org_a) for _ in range(2)]
            m = self.pair(self.w.org_a, mentor, mentees, year)
            ParticipantReport.objects.create(
                mentorship=m, author=mentor, role=ParticipantReport.Role.MENTOR
            )
        with self.assertNumQueries(len(one)):
            response = self.client.get(url)
        self.assertEqual(len(response.context["rows"]), 5)


class AnalyticalNoteTests(CompletionTestCase):
    def test_the_document_contains_the_facts_of_the_pair(self) -> None:
        self.write(self.w.mentor_a, MENTOR_REPORT)
        self.write(self.w.mentee_a, MENTEE_REPORT)
        kind = get_kind("analytical_note")
        data = {"mentorship": self.mentorship.pk, "work_done": "Раздел наставника"}
        document = documents.document_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            kind=kind,
            number="",
            day=timezone.localdate(),
            title="Аналитическая справка",
            data=data,
        )
        with document.file.open("rb") as f:
            text = docx_text(f.read())
        for fact in (
            "АНАЛИТИЧЕСКАЯ СПРАВКА",
            "Лебедева Наталья Сергеевна",
            "Никитин Артём Игоревич",
            "Успешное закрепление молодого специалиста в профессии.",
            "Развить навыки классного руководителя.",
            "Выполнено мероприятий: 1 из 2; просрочено: 1.",
            "Посещение уроков наставника",
            "Открытый урок наставляемого (срок",
            "Всего проведено встреч: 3.",
            "регулярная встреча: 2",
            "Технологическая карта урока истории",
            "Раздел наставника",
            MENTEE_REPORT["results"],
            MENTEE_REPORT["useful_forms"],
            "Рекомендует наставника коллегам: да",
        ):
            self.assertIn(fact, text)
        self.assertNotIn("{{", text)

    def test_the_curators_form_is_prefilled_from_the_mentors_report(self) -> None:
        self.write(self.w.mentor_a, MENTOR_REPORT)
        self.login(self.w.curator_a)
        url = reverse("documents:document_create", args=[self.w.org_a.pk, "analytical_note"])
        response = self.client.get(url, {"mentorship": self.mentorship.pk})
        self.assertEqual(response.status_code, 200)
        body = response.context["body"]
        self.assertEqual(body.initial["mentorship"], self.mentorship.pk)
        self.assertIn(MENTOR_REPORT["done"], body.initial["work_done"])
        self.assertIn("Выполнено мероприятий программы: 1 из 2", body.initial["work_done"])
        self.assertEqual(body.initial["difficulties"], MENTOR_REPORT["difficulties"])
        self.assertIn(MENTOR_REPORT["suggestions"], body.initial["recommendations"])

    def test_the_mentor_makes_the_document_from_the_page_of_the_pair(self) -> None:
        self.write(self.w.mentor_a, MENTOR_REPORT)
        self.login(self.w.mentor_a)
        url = reverse("mentorships:analytical_note", args=[self.mentorship.pk])
        page = self.client.get(url)
        self.assertContains(page, MENTOR_REPORT["difficulties"])
        response = self.client.post(
            url,
            {
                "k-mentorship": self.mentorship.pk,
                "k-work_done": "Отредактированный раздел",
                "k-results": "",
                "k-difficulties": "",
                "k-recommendations": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        text = docx_text(b"".join(response.streaming_content))  # type: ignore[attr-defined]
        self.assertIn("Отредактированный раздел", text)
        self.assertTrue(Document.objects.filter(kind="analytical_note").exists())

    def post_note(self, work_done: str) -> Any:
        url = reverse("mentorships:analytical_note", args=[self.mentorship.pk])
        response = self.client.post(
            url,
            {
                "k-mentorship": self.mentorship.pk,
                "k-work_done": work_done,
                "k-results": "",
                "k-difficulties": "",
                "k-recommendations": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        return docx_text(b"".join(response.streaming_content))  # type: ignore[attr-defined]

    def test_making_the_note_again_updates_the_one_in_the_registry_instead_of_a_copy(
        self,
    ) -> None:
        self.login(self.w.mentor_a)
        for n in range(4):
            self.assertIn(f"Вариант {n}", self.post_note(f"Вариант {n}"))
        notes = Document.objects.filter(organization=self.w.org_a, kind="analytical_note")
        self.assertEqual(notes.count(), 1)
        note = notes.get()
        self.assertEqual(note.data["work_done"], "Вариант 3")
        with note.file.open("rb") as f:
            self.assertIn("Вариант 3", docx_text(f.read()))
        page = self.client.get(reverse("mentorships:analytical_note", args=[self.mentorship.pk]))
        self.assertContains(page, 'id="note-in-registry"')

    def test_a_signed_note_stays_and_making_it_again_adds_a_new_version(self) -> None:
        self.login(self.w.mentor_a)
        self.post_note("Подписанный вариант")
        signed = Document.objects.get(kind="analytical_note")
        documents.document_sign(
            actor=self.w.curator_a,
            document=signed,
            scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed"),
            signed_at=timezone.localdate(),
        )
        url = reverse("mentorships:analytical_note", args=[self.mentorship.pk])
        with translation.override("ru"):
            said = gettext(
                "The analytical report of %(date)s in the registry of documents is signed: it "
                "stays as it is, and making the document again registers a new version."
            ) % {"date": signed.date.strftime("%d.%m.%Y")}
        self.assertContains(self.client.get(url), said)
        self.post_note("Новая версия")
        self.post_note("Новая версия, исправленная")
        notes = Document.objects.filter(kind="analytical_note").order_by("pk")
        self.assertEqual(notes.count(), 2)
        old, new = notes
        self.assertEqual(old.pk, signed.pk)
        self.assertEqual(old.data["work_done"], "Подписанный вариант")
        self.assertTrue(old.is_frozen)
        self.assertEqual(new.data["work_done"], "Новая версия, исправленная")
        self.assertFalse(new.is_frozen)

    def test_the_mentee_and_outsiders_cannot_make_it(self) -> None:
        url = reverse("mentorships:analytical_note", args=[self.mentorship.pk])
        self.login(self.w.mentee_a)
        self.assertEqual(self.client.get(url).status_code, 403)
        for user in (self.w.curator_b, self.w.mentor_b, self.w.municipal_b):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_pair_of_another_organization_is_not_preselected(self) -> None:
        self.login(self.w.curator_b)
        url = reverse("documents:document_create", args=[self.w.org_b.pk, "analytical_note"])
        response = self.client.get(url, {"mentorship": self.mentorship.pk})
        self.assertNotIn("mentorship", response.context["body"].initial)


class PersonHistoryTests(CompletionTestCase):
    def test_the_card_shows_the_mentorships_by_year(self) -> None:
        self.write(self.w.mentee_a, MENTEE_REPORT)
        self.login(self.w.curator_a)
        url = reverse("banks:person_detail", args=[self.w.org_a.pk, self.mentee.pk])
        response = self.client.get(url)
        self.assertContains(response, 'id="person-mentorships"')
        self.assertContains(response, self.mentor.full_name)
        years = completion.person_mentorships(self.mentee)
        row = years[0]["mentorships"][0]
        self.assertEqual(row["role"], "mentee")
        self.assertEqual(row["percent"], 50)
        self.assertEqual(row["portfolio"], 1)
        self.assertEqual(row["report"].status, ParticipantReport.Status.SUBMITTED)
        mentor_row = completion.person_mentorships(self.mentor)[0]["mentorships"][0]
        self.assertEqual(mentor_row["role"], "mentor")
        self.assertIsNone(mentor_row["report"])

    def test_the_history_takes_a_fixed_number_of_queries(self) -> None:
        with CaptureQueriesContext(connection) as one:
            completion.person_mentorships(self.mentee)
        year = academic_year_current()
        for _ in range(3):
            self.pair(
                self.w.org_a,
                StaffMemberFactory.create(organization=self.w.org_a),
                [self.mentee],
                year,
            )
        with self.assertNumQueries(len(one)):
            rows = completion.person_mentorships(self.mentee)
        self.assertEqual(len(rows[0]["mentorships"]), 4)


class DraftPrivacyTests(CompletionTestCase):
    def test_a_draft_is_read_by_its_author_and_the_curator_only(self) -> None:
        self.write(self.w.mentee_a, {"done": "Черновик"}, submit=False)
        report = self.report_of(self.mentee)
        url = reverse("mentorships:report_detail", args=[report.pk])
        for user, status in (
            (self.w.mentee_a, 200),
            (self.w.curator_a, 200),
            (self.w.mentor_a, 404),
            (self.w.municipal_a, 404),
        ):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, status, user)


class DemoTests(CompletionTestCase):
    def test_past_completed_mentorships_get_submitted_reports_and_it_is_idempotent(self) -> None:
        from nastavnik.core.models import AcademicYear
        from nastavnik.mentorships.demo_completion import demo_completion

        current = academic_year_current()
        past, _created = AcademicYear.objects.get_or_create(start_year=current.start_year - 1)
        old = self.pair(self.w.org_a, self.mentor, [self.mentee], past)
        old.status = Mentorship.Status.COMPLETED
        old.save()
        demo_completion(self.w.org_a, self.w.curator_a)
        demo_completion(self.w.org_a, self.w.curator_a)
        reports = ParticipantReport.objects.filter(mentorship=old)
        self.assertEqual(reports.count(), 2)
        self.assertTrue(all(r.status == ParticipantReport.Status.SUBMITTED for r in reports))


class ButtonsTests(CompletionTestCase):
    def test_only_the_curator_sees_the_return_form_and_only_the_mentor_the_note_link(self) -> None:
        self.write(self.w.mentee_a, MENTEE_REPORT)
        url = reverse("mentorships:report_detail", args=[self.report_of(self.mentee).pk])
        self.login(self.w.curator_a)
        self.assertContains(self.client.get(url), 'id="return-form"')
        self.login(self.w.municipal_a)
        self.assertNotContains(self.client.get(url), 'id="return-form"')
        detail = reverse("mentorships:mentorship_detail", args=[self.mentorship.pk])
        note = reverse("mentorships:analytical_note", args=[self.mentorship.pk])
        self.assertNotContains(self.client.get(detail), 'id="analytical-note"')
        self.login(self.w.mentee_a)
        page = self.client.get(detail)
        self.assertNotContains(page, 'id="analytical-note"')
        self.assertNotContains(page, 'id="write-report"')  # hers is submitted
        self.login(self.w.mentor_a)
        page = self.client.get(detail)
        self.assertContains(page, note)
        self.assertContains(page, 'id="write-report"')
