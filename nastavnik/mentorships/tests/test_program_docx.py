"""The personalized program of a pair as a DOCX document, and the flagged pairs on the home page
of the curator."""

import datetime
import io
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.services import academic_year_current, academic_year_for
from nastavnik.documents import engine, services
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.models import Document
from nastavnik.mentorships.models import Mentorship, Program, ProgramActivity
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory

DAY = datetime.date(2025, 10, 1)


def text_of(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def file_text(document: Document) -> str:
    with document.file.open("rb") as f:
        return text_of(f.read())


def pair(
    organization: Any,
    mentor: StaffMember,
    mentees: list[StaffMember],
    *,
    starts_on: datetime.date = DAY,
    year: Any = None,
) -> Mentorship:
    mentorship = Mentorship.objects.create(
        organization=organization,
        academic_year=year or academic_year_for(starts_on),
        mentor=mentor,
        form="teacher_teacher",
        type="group" if len(mentees) > 1 else "individual",
        starts_on=starts_on,
        ends_on=datetime.date(starts_on.year + 1, 5, 31),
    )
    mentorship.mentees.set(mentees)
    return mentorship


class ProgramDocxTestCase(BaseTestCase):
    mentor: StaffMember
    mentee: StaffMember
    curator: StaffMember

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        org = cls.w.org_a
        cls.mentor = StaffMemberFactory.create(
            organization=org,
            last_name="Лебедева",
            first_name="Наталья",
            patronymic="Сергеевна",
            position="Учитель русского языка и литературы",
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
        cls.curator = StaffMemberFactory.create(
            organization=org,
            last_name="Альфкураторова",
            first_name="Ольга",
            patronymic="Ивановна",
            position="Заместитель директора",
            user=cls.w.curator_a,
        )

    def setUp(self) -> None:
        self.mentorship = pair(self.w.org_a, self.mentor, [self.mentee])
        self.program = Program.objects.create(
            mentorship=self.mentorship,
            goal="Успешное закрепление молодого специалиста в профессии.",
            tasks="Помочь спланировать уроки.\nРазвить навыки классного руководителя.",
            expected_results="Проведён открытый урок.",
            development_plan="",
            status=Program.Status.APPROVED,
            approved_at=datetime.datetime(2025, 10, 3, 12, 0, tzinfo=datetime.UTC),
        )
        ProgramActivity.objects.create(
            program=self.program,
            order=1,
            title="Организационная встреча",
            kind=ProgramActivity.Kind.MEETING,
            due_on=DAY,
            responsible="Наставник",
            status=ProgramActivity.Status.DONE,
            done_on=DAY,
        )
        ProgramActivity.objects.create(
            program=self.program,
            order=2,
            title="Открытый урок наставляемого",
            kind=ProgramActivity.Kind.OPEN_LESSON,
            due_on=datetime.date(2026, 3, 15),
            responsible="Наставляемый",
        )

    def make(self, mentorship: Mentorship | None = None, **data: Any) -> Document:
        return services.document_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            kind=get_kind("mentorship_program"),
            number="",
            day=DAY,
            title="Персонализированная программа наставничества",
            data={"mentorship": (mentorship or self.mentorship).pk, **data},
        )


class ProgramDocumentTests(ProgramDocxTestCase):
    def test_the_program_in_docx_has_its_usual_layout(self) -> None:
        text = file_text(self.make(curator=self.curator.pk))
        self.assertIn(self.w.org_a.full_name, text)
        self.assertIn("УТВЕРЖДАЮ", text)
        self.assertIn("Директор Школа Альфа", text)
        self.assertIn("________________ Н.Х. Горелова", text)
        self.assertIn("«03» октября 2025 г.", text)  # the date of the curator's approval
        self.assertIn("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", text)
        self.assertIn("на 2025/2026 учебный год", text)
        self.assertIn("Срок реализации программы: с 01.10.2025 по 31.05.2026", text)
        self.assertIn(
            "Наставник: Лебедева Наталья Сергеевна, учитель русского языка и литературы", text
        )
        self.assertIn("Наставляемый: Никитин Артём Игоревич, учитель истории", text)
        self.assertIn("Форма наставничества: учитель – учитель", text)
        self.assertIn("Вид наставничества: индивидуальное", text)
        self.assertIn("1. Цель\nУспешное закрепление молодого специалиста в профессии.", text)
        self.assertIn(
            "2. Задачи\nПомочь спланировать уроки.\nРазвить навыки классного руководителя.", text
        )
        self.assertIn("3. Ожидаемые результаты\nПроведён открытый урок.", text)
        self.assertIn("4. Индивидуальный план развития наставляемого\n_____", text)
        self.assertIn("№ | Мероприятие | Вид | Срок | Ответственный | Отметка о выполнении", text)
        self.assertIn(
            "1 | Организационная встреча | встреча | 01.10.2025 | Наставник | выполнено 01.10.2025",
            text,
        )
        self.assertIn(
            "2 | Открытый урок наставляемого | открытый урок | 15.03.2026 | Наставляемый | ", text
        )
        self.assertIn("Наставник: ________________ / Н.С. Лебедева", text)
        self.assertIn("Наставляемый: ________________ / А.И. Никитин", text)
        self.assertIn("Куратор: ________________ / О.И. Альфкураторова", text)

    def test_a_program_not_yet_approved_has_no_approval_block(self) -> None:
        self.program.status, self.program.approved_at = Program.Status.SUBMITTED, None
        self.program.save()
        text = file_text(self.make())
        self.assertNotIn("УТВЕРЖДАЮ", text)
        self.assertIn("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", text)
        self.assertIn("Куратор: ________________ / ________________", text)

    def test_a_group_program_lists_every_mentee_and_signature(self) -> None:
        second = StaffMemberFactory.create(
            organization=self.w.org_a, last_name="Орлова", first_name="Дарья", patronymic=""
        )
        group = pair(self.w.org_a, self.mentor, [self.mentee, second])
        Program.objects.create(mentorship=group, goal="Цель группы.")
        text = file_text(self.make(group))
        self.assertIn(
            "Наставляемые: Никитин Артём Игоревич, учитель истории; Орлова Дарья, "
            "учитель математики",
            text,
        )
        self.assertIn("Вид наставничества: групповое", text)
        self.assertIn("Наставляемый: ________________ / Д. Орлова", text)

    def test_an_empty_program_is_refused_with_a_russian_message(self) -> None:
        empty = pair(self.w.org_a, self.mentor, [self.mentee])
        Program.objects.create(mentorship=empty)
        with self.assertRaisesMessage(DocumentError, "Наставник ещё не написал программу"):
            self.make(empty)
        self.assertFalse(Document.objects.exists())

    def test_the_document_is_linked_to_the_participants(self) -> None:
        document = self.make(curator=self.curator.pk)
        self.assertEqual(
            {s.pk for s in services.linked_staff(document)},
            {self.mentor.pk, self.mentee.pk, self.curator.pk},
        )

    @pytest.mark.skipif(engine.soffice() is None, reason="LibreOffice is not installed")
    def test_the_program_opens_in_libreoffice(self) -> None:
        document = self.make(curator=self.curator.pk)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "program.docx"
            with document.file.open("rb") as f:
                path.write_bytes(f.read())
            subprocess.run(
                [
                    engine.soffice() or "soffice",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(path),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            pdf = path.with_suffix(".pdf")
            self.assertTrue(pdf.exists())
            self.assertTrue(pdf.read_bytes().startswith(b"%PDF"))


class ProgramExportViewTests(ProgramDocxTestCase):
    def create_url(self, organization: Any) -> str:
        return reverse("documents:document_create", args=[organization.pk, "mentorship_program"])

    def post(self, organization: Any, mentorship_pk: int) -> Any:
        return self.client.post(
            self.create_url(organization),
            {
                "doc-date": "2025-10-05",
                "doc-title": "Персонализированная программа наставничества",
                "k-mentorship": mentorship_pk,
                "k-curator": "",
            },
        )

    def test_the_curator_exports_the_program_from_the_page_of_the_pair(self) -> None:
        self.login(self.w.curator_a)
        page = self.client.get(reverse("mentorships:mentorship_detail", args=[self.mentorship.pk]))
        link = f"{self.create_url(self.w.org_a)}?mentorship={self.mentorship.pk}"
        self.assertContains(page, "Программа в DOCX")
        self.assertContains(page, link)
        form = self.client.get(link)
        self.assertContains(
            form,
            'value="Персонализированная программа наставничества: Лебедева Н.С. — Никитин А.И."',
        )
        self.assertContains(form, f'<option value="{self.mentorship.pk}" selected>', html=False)
        self.assertContains(form, f'<option value="{self.curator.pk}" selected>', html=False)
        response = self.post(self.w.org_a, self.mentorship.pk)
        document = Document.objects.get()
        self.assertRedirects(
            response,
            reverse("documents:document_detail", args=[self.w.org_a.pk, document.pk]),
        )
        self.assertEqual((document.kind, document.number), ("mentorship_program", ""))
        download = self.client.get(
            reverse("documents:document_download", args=[self.w.org_a.pk, document.pk, "docx"])
        )
        content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
        self.assertIn("Наставник: Лебедева Наталья Сергеевна", text_of(content))

    def test_the_mentor_and_the_mentee_see_no_export_button(self) -> None:
        for user in (self.w.mentor_a, self.w.mentee_a):
            self.login(user)
            page = self.client.get(
                reverse("mentorships:mentorship_detail", args=[self.mentorship.pk])
            )
            self.assertEqual(page.status_code, 200)
            self.assertNotContains(page, "Программа в DOCX")
            self.assertEqual(self.client.get(self.create_url(self.w.org_a)).status_code, 403)

    def test_a_curator_of_another_school_cannot_export_the_program(self) -> None:
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(self.create_url(self.w.org_a)).status_code, 404)
        self.assertEqual(self.post(self.w.org_a, self.mentorship.pk).status_code, 404)
        # Through the own school's form the pair of school A is neither offered nor accepted.
        own = self.client.get(f"{self.create_url(self.w.org_b)}?mentorship={self.mentorship.pk}")
        self.assertEqual(own.status_code, 200)
        self.assertNotContains(own, "Лебедева")
        self.assertNotContains(own, "Никитин")
        self.assertFalse(own.context["body"].fields["mentorship"].queryset.exists())
        self.assertIsNone(own.context["body"].initial.get("mentorship"))
        response = self.post(self.w.org_b, self.mentorship.pk)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Выберите корректный вариант")
        self.assertFalse(Document.objects.exists())


class FlaggedPairsOnTheHomePageTests(ProgramDocxTestCase):
    def test_the_curator_sees_the_pairs_that_look_formal_with_the_reasons(self) -> None:
        today = timezone.localdate()
        year = academic_year_current()
        quiet = pair(
            self.w.org_a,
            self.mentor,
            [self.mentee],
            starts_on=today - datetime.timedelta(days=45),
            year=year,
        )
        fine = pair(
            self.w.org_a,
            StaffMemberFactory.create(organization=self.w.org_a, last_name="Альфспокойная"),
            [StaffMemberFactory.create(organization=self.w.org_a, last_name="Альфновенькая")],
            starts_on=today,
            year=year,
        )
        self.login(self.w.curator_a)
        response = self.client.get("/")
        self.assertContains(response, "Пары, похожие на формальные")
        detail = reverse("mentorships:mentorship_detail", args=[quiet.pk])
        self.assertContains(response, f'href="{detail}"')
        self.assertContains(response, "Лебедева Наталья Сергеевна — Никитин Артём Игоревич")
        self.assertContains(response, "нет встреч 45 дн.")
        self.assertNotContains(
            response, reverse("mentorships:mentorship_detail", args=[fine.pk]) + '"'
        )

    def test_the_list_of_flagged_pairs_does_not_query_per_row(self) -> None:
        today = timezone.localdate()
        year = academic_year_current()

        def quiet_pair() -> None:
            pair(
                self.w.org_a,
                StaffMemberFactory.create(organization=self.w.org_a),
                [StaffMemberFactory.create(organization=self.w.org_a)],
                starts_on=today - datetime.timedelta(days=60),
                year=year,
            )

        quiet_pair()
        self.login(self.w.curator_a)
        self.client.get("/")
        with self.assertNumQueries(14):
            self.client.get("/")
        for _i in range(5):
            quiet_pair()
        with self.assertNumQueries(14):
            response = self.client.get("/")
        self.assertContains(response, "нет встреч 60 дн.", count=6)

    def test_without_formal_pairs_the_home_page_says_so(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.get("/")
        self.assertContains(response, "Формальных пар и групп нет")
