import datetime
import io
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nastavnik.documents import engine, services
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.kinds import KINDS, get_kind
from nastavnik.documents.kinds.regulation import parse_markup, regulation_markup
from nastavnik.documents.models import Document, DocumentBatch, DocumentTemplate
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


def docx_with(text: str) -> bytes:
    out = io.BytesIO()
    d = docx.Document()
    d.add_paragraph(text)
    d.save(out)
    return out.getvalue()


class DocumentsTestCase(BaseTestCase):
    ivanova: StaffMember
    petrov: StaffMember
    shevchenko: StaffMember

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        org = cls.w.org_a
        org.locality = "г. Альфинск"
        org.save()
        cls.ivanova = StaffMemberFactory.create(
            organization=org,
            last_name="Иванова",
            first_name="Мария",
            patronymic="Петровна",
            position="Учитель математики",
        )
        cls.petrov = StaffMemberFactory.create(
            organization=org,
            last_name="Петров",
            first_name="Иван",
            patronymic="Сергеевич",
            gender=StaffMember.Gender.MALE,
            position="Учитель истории и обществознания",
        )
        cls.shevchenko = StaffMemberFactory.create(
            organization=org,
            last_name="Шевченко",
            first_name="Оксана",
            patronymic="Викторовна",
            position="Педагог-психолог",
        )

    def make(self, kind: str, data: dict[str, Any], **kwargs: Any) -> Document:
        return services.document_create(
            actor=self.w.curator_a,
            organization=kwargs.get("organization", self.w.org_a),
            kind=get_kind(kind),
            number=kwargs.get("number", "17"),
            day=kwargs.get("day", DAY),
            title=kwargs.get("title", str(get_kind(kind).default_title)),
            data=data,
        )


class DocumentKindsTests(DocumentsTestCase):
    def test_the_order_has_the_requisites_of_gost(self) -> None:
        document = self.make(
            "order_implementation",
            {"start_date": "2025-10-01", "curator": self.ivanova.pk, "controller": None},
        )
        text = file_text(document)
        self.assertIn(self.w.org_a.full_name, text)
        self.assertIn("ПРИКАЗ", text)
        self.assertIn("01 октября 2025 г. | № 17", text)
        self.assertIn("г. Альфинск", text)
        self.assertIn("О внедрении целевой модели наставничества педагогических работников", text)
        self.assertIn("ПРИКАЗЫВАЮ:", text)
        self.assertIn("1. Внедрить с 01 октября 2025 г. целевую модель", text)
        self.assertIn("на 2025/2026 учебный год", text)
        self.assertIn(
            "4. Назначить куратором внедрения целевой модели наставничества Иванову Марию "
            "Петровну, учителя математики.",
            text,
        )
        self.assertIn("6. Контроль за исполнением настоящего приказа оставляю за собой.", text)
        self.assertIn("Директор | Н.Х. Горелова", text)
        self.assertIn("М.П. Иванова", text)  # acquainted with the order

    def test_the_curator_order_declines_names_and_positions(self) -> None:
        document = self.make(
            "order_curator",
            {
                "regulation_number": "12",
                "regulation_date": "2025-09-01",
                "rows": [
                    {"person": self.petrov.pk, "direction": "учитель – учитель"},
                    {"person": self.shevchenko.pk, "direction": ""},
                ],
            },
        )
        text = file_text(document)
        self.assertIn("утверждённым приказом от 01.09.2025 № 12", text)
        self.assertIn("1. Назначить кураторами", text)
        self.assertIn(
            "1.1. Петрова Ивана Сергеевича, учителя истории и обществознания, — по направлению "
            "«учитель – учитель»;",
            text,
        )
        self.assertIn("1.2. Шевченко Оксану Викторовну, педагога-психолога.", text)
        self.assertIn("2. Кураторам:", text)

    def test_the_pair_order_lists_every_pair_in_its_table(self) -> None:
        document = self.make(
            "order_pairs",
            {
                "regulation_number": "",
                "regulation_date": None,
                "programs_due": "2025-11-01",
                "curator": self.shevchenko.pk,
                "rows": [
                    {
                        "mentor": self.ivanova.pk,
                        "mentees": [self.petrov.pk],
                        "form": "teacher_teacher",
                        "start": "2025-10-01",
                        "end": "2026-05-31",
                    }
                ],
            },
        )
        text = file_text(document)
        self.assertIn("на основании письменного согласия наставников и наставляемых", text)
        self.assertIn(
            "1 | Иванова Мария Петровна, учитель математики | Петров Иван Сергеевич, учитель "
            "истории и обществознания | учитель – учитель | с 01.10.2025 по 31.05.2026",
            text,
        )
        self.assertIn("в срок до 01.11.2025", text)
        self.assertIn("3. Куратору Шевченко Оксане Викторовне обеспечить", text)
        self.assertEqual(
            set(document.links.values_list("object_id", flat=True)),
            {self.ivanova.pk, self.petrov.pk, self.shevchenko.pk},
        )

    def test_the_reward_order_uses_the_dative(self) -> None:
        document = self.make(
            "order_award",
            {
                "basis": "За активное участие в реализации целевой модели наставничества",
                "rows": [
                    {"person": self.ivanova.pk, "award": "gratitude", "amount": None},
                    {"person": self.petrov.pk, "award": "bonus", "amount": "5000.00"},
                ],
            },
        )
        text = file_text(document)
        self.assertIn("1. Объявить благодарность:", text)
        self.assertIn("1.1. Ивановой Марии Петровне, учителю математики.", text)
        self.assertIn("2. Выплатить премию:", text)
        self.assertIn(
            "2.1. Петрову Ивану Сергеевичу, учителю истории и обществознания, — в размере "
            "5000.00 руб.",
            text,
        )

    def test_the_final_event_and_the_early_end(self) -> None:
        event = self.make(
            "order_final_event",
            {
                "form": "conference",
                "topic": "Наставничество: итоги года",
                "date": "2026-05-20",
                "time": "15:00:00",
                "place": "актовый зал",
                "responsible": self.shevchenko.pk,
                "participants": [self.ivanova.pk, self.petrov.pk],
            },
        )
        text = file_text(event)
        self.assertIn(
            "1. Провести 20 мая 2026 г. в 15:00 конференцию «Наставничество: итоги года» "
            "(актовый зал).",
            text,
        )
        self.assertIn("назначить Шевченко Оксану Викторовну, педагога-психолога.", text)
        self.assertIn("4.2. Петров Иван Сергеевич, учитель истории и обществознания.", text)
        end = self.make(
            "order_early_end",
            {
                "mentor": self.ivanova.pk,
                "mentee": self.petrov.pk,
                "end_date": "2026-02-01",
                "initiator": "mentee",
                "reason": "",
                "pair_order_number": "25",
                "pair_order_date": "2025-10-01",
                "search_due": "2026-02-15",
                "curator": self.shevchenko.pk,
            },
            number="18",
        )
        text = file_text(end)
        self.assertIn("на основании заявления наставляемого", text)
        self.assertIn(
            "1. Прекратить досрочно с 01.02.2026 наставничество Ивановой Марии Петровны, учителя "
            "математики, в отношении Петрова Ивана Сергеевича, учителя истории и "
            "обществознания, закреплённое приказом от 01.10.2025 № 25.",
            text,
        )
        self.assertIn("2. Куратору Шевченко Оксане Викторовне в срок до 15.02.2026", text)

    def test_the_protocol_and_its_extract(self) -> None:
        data = {
            "extract": True,
            "chair": self.ivanova.pk,
            "secretary": self.petrov.pk,
            "present": 30,
            "absent": 2,
            "rows": [
                {
                    "topic": "О внедрении целевой модели наставничества",
                    "heard": "Иванову М.П., директора",
                    "spoke": "",
                    "decided": "Одобрить Положение о системе наставничества.",
                    "votes_for": 30,
                    "votes_against": 0,
                    "votes_abstained": 0,
                }
            ],
        }
        text = file_text(self.make("protocol", data, number="1"))
        self.assertIn("ВЫПИСКА ИЗ ПРОТОКОЛА", text)
        self.assertIn("Председатель — М.П. Иванова", text)
        self.assertIn("Присутствовали: 30 чел. Отсутствовали: 2 чел.", text)
        self.assertIn("1. СЛУШАЛИ: Иванову М.П., директора", text)
        self.assertIn("Голосовали: «за» — 30, «против» — 0, «воздержались» — 0.", text)
        self.assertIn("Выписка верна.", text)

    def test_the_regulation_carries_the_model_text_and_the_approval_blocks(self) -> None:
        markup = regulation_markup(self.w.org_a)
        self.assertTrue(markup.startswith("# Общие положения"))
        text = file_text(
            self.make(
                "regulation",
                {
                    "council_number": "1",
                    "council_date": "2025-09-16",
                    "approval_number": "63",
                    "approval_date": "2025-10-16",
                    "text": markup,
                },
                number="",
            )
        )
        self.assertIn("ПРИНЯТО", text)
        self.assertIn("протокол № 1", text)
        self.assertIn("УТВЕРЖДАЮ", text)
        self.assertIn("Приказ № 63 от «16» октября 2025 г.", text)
        self.assertIn("1. Общие положения", text)
        self.assertIn("1.1. ", text)
        self.assertIn(self.w.org_a.full_name, text)
        self.assertIn("12. Документы, регламентирующие наставничество", text)

    def test_the_regulation_editor_explains_its_mistakes(self) -> None:
        with self.assertRaisesMessage(Exception, "должен начинаться с заголовка раздела"):
            parse_markup("Пункт без раздела")
        with self.assertRaisesMessage(Exception, "нет ни одного пункта"):
            parse_markup("# Раздел\n# Другой раздел\nПункт")
        sections = parse_markup("# Раздел\nПервый.\n\nВторой.\n")
        self.assertEqual(sections, [{"title": "Раздел", "points": ["Первый.", "Второй."]}])

    def test_every_shipped_template_uses_only_the_variables_of_its_kind(self) -> None:
        for kind in KINDS.values():
            used = engine.template_variables(services.shipped_template(kind))
            self.assertLessEqual(used, services.allowed_variables(kind), kind.code)


class NumberingAndRulesTests(DocumentsTestCase):
    def test_numbers_follow_each_other_in_the_series_and_year(self) -> None:
        kind = get_kind("order_curator")
        self.assertEqual(services.next_number(organization=self.w.org_a, kind=kind, day=DAY), "1")
        self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]}, number="63-о")
        self.assertEqual(services.next_number(organization=self.w.org_a, kind=kind, day=DAY), "64")
        protocol = get_kind("protocol")
        self.assertEqual(
            services.next_number(organization=self.w.org_a, kind=protocol, day=DAY), "1"
        )
        next_year = datetime.date(2026, 1, 10)
        self.assertEqual(
            services.next_number(organization=self.w.org_a, kind=kind, day=next_year), "1"
        )
        self.assertEqual(services.next_number(organization=self.w.org_b, kind=kind, day=DAY), "1")

    def test_a_taken_number_is_refused_and_nothing_is_saved(self) -> None:
        self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]}, number="5")
        with self.assertRaisesMessage(DocumentError, "Номер 5 в 2025 году уже занят"):
            self.make("order_pairs", {"rows": []}, number="5")
        self.assertEqual(Document.objects.count(), 1)

    def test_a_missing_head_stops_the_document_with_a_russian_message(self) -> None:
        self.w.org_a.head_last_name = ""
        self.w.org_a.save()
        with self.assertRaisesMessage(DocumentError, "Не указан руководитель организации"):
            self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]})
        self.assertEqual(Document.objects.count(), 0)

    def test_a_person_removed_from_the_staff_is_named_in_the_error(self) -> None:
        document = self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]})
        document.links.all().delete()
        StaffMember.objects.filter(pk=self.ivanova.pk).delete()
        with self.assertRaisesMessage(DocumentError, "больше не числится среди работников"):
            services.document_regenerate(actor=self.w.curator_a, document=document)

    def test_a_draft_is_made_again_with_the_current_names(self) -> None:
        document = self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]})
        StaffMember.objects.filter(pk=self.ivanova.pk).update(last_name="Смирнова")
        services.document_regenerate(actor=self.w.curator_a, document=document)
        document.refresh_from_db()
        self.assertIn("Смирнову Марию Петровну", file_text(document))

    def test_a_signed_document_is_frozen(self) -> None:
        document = self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]})
        with self.assertRaisesMessage(DocumentError, "PDF, JPG или PNG"):
            services.document_sign(
                actor=self.w.curator_a,
                document=document,
                scan=SimpleUploadedFile("scan.pdf", b"not a pdf at all"),
                signed_at=DAY,
            )
        services.document_sign(
            actor=self.w.curator_a,
            document=document,
            scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed"),
            signed_at=DAY,
        )
        document.refresh_from_db()
        self.assertEqual(document.status, Document.Status.SIGNED)
        with self.assertRaisesMessage(DocumentError, "Документ подписан"):
            services.document_regenerate(actor=self.w.curator_a, document=document)
        with self.assertRaisesMessage(DocumentError, "Документ подписан"):
            services.document_delete(actor=self.w.curator_a, document=document)


class TemplateTests(DocumentsTestCase):
    def upload(self, content: bytes, **owner: Any) -> DocumentTemplate:
        return services.template_upload(
            actor=self.w.curator_a,
            kind=get_kind("order_curator"),
            upload=SimpleUploadedFile("my.docx", content),
            **owner,
        )

    def test_an_unknown_variable_is_named_in_the_error(self) -> None:
        with self.assertRaisesMessage(DocumentError, "unknown_thing"):
            self.upload(docx_with("{{ unknown_thing }}"), organization=self.w.org_a)
        self.assertFalse(DocumentTemplate.objects.exists())

    def test_a_broken_file_and_a_broken_tag_are_refused(self) -> None:
        with self.assertRaisesMessage(DocumentError, "не является документом Word"):
            self.upload(b"PK\x03\x04 this is no docx", organization=self.w.org_a)
        with self.assertRaisesMessage(DocumentError, "ошибка в теге"):
            self.upload(docx_with("{% if %}"), organization=self.w.org_a)

    def test_the_nearest_template_wins(self) -> None:
        self.upload(docx_with("Шаблон региона {{ organization.short_name }}"), region=self.w.region)
        document = self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]})
        self.assertIn("Шаблон региона Школа Альфа", file_text(document))
        self.upload(docx_with("Свой шаблон {{ head.initials_name }}"), organization=self.w.org_a)
        services.document_regenerate(actor=self.w.curator_a, document=document)
        document.refresh_from_db()
        self.assertIn("Свой шаблон Н.Х. Горелова", file_text(document))
        other = self.make(
            "order_curator",
            {"rows": [{"person": StaffMemberFactory.create(organization=self.w.org_b).pk}]},
            organization=self.w.org_b,
        )
        self.assertIn("Шаблон региона Школа Бета", file_text(other))


class BatchTests(DocumentsTestCase):
    def test_consents_for_many_people_come_as_one_zip(self) -> None:
        people = list(StaffMember.objects.filter(organization=self.w.org_a))
        with self.captureOnCommitCallbacks(execute=True):
            batch = services.batch_start(
                actor=self.w.curator_a,
                organization=self.w.org_a,
                kind=get_kind("consent_personal_data"),
                staff=people,
            )
        batch.refresh_from_db()
        self.assertEqual(batch.status, DocumentBatch.Status.DONE)
        self.assertEqual((batch.done, batch.total), (len(people), len(people)))
        with batch.file.open("rb") as f, zipfile.ZipFile(f) as archive:
            names = archive.namelist()
            self.assertEqual(len(names), len(people))
            text = text_of(archive.read("Иванова_МП.docx"))
        self.assertIn("СОГЛАСИЕ", text)
        self.assertIn("Я, Иванова Мария Петровна,", text)
        self.assertIn("от Ивановой Марии Петровны, учителя математики", text)
        self.assertIn("152-ФЗ", text)

    def test_a_batch_without_people_is_refused(self) -> None:
        with self.assertRaisesMessage(DocumentError, "хотя бы одного"):
            services.batch_start(
                actor=self.w.curator_a,
                organization=self.w.org_a,
                kind=get_kind("consent_personal_data"),
                staff=[],
            )


class ViewTests(DocumentsTestCase):
    def url(self, name: str, *args: Any) -> str:
        return reverse(f"documents:{name}", args=[self.w.org_a.pk, *args])

    def test_the_curator_makes_an_order_from_the_form(self) -> None:
        self.login(self.w.curator_a)
        page = self.client.get(self.url("document_create", "order_curator"))
        self.assertContains(page, "Приказ о назначении куратора наставничества")
        self.assertContains(page, 'value="1"')  # the next number
        response = self.client.post(
            self.url("document_create", "order_curator"),
            {
                "doc-number": "7",
                "doc-date": "2025-10-01",
                "doc-title": "О назначении куратора наставничества",
                "k-regulation_number": "",
                "k-regulation_date": "",
                "rows-TOTAL_FORMS": "1",
                "rows-INITIAL_FORMS": "0",
                "rows-MIN_NUM_FORMS": "1",
                "rows-MAX_NUM_FORMS": "1000",
                "rows-0-person": self.ivanova.pk,
                "rows-0-direction": "",
            },
        )
        document = Document.objects.get()
        self.assertRedirects(response, self.url("document_detail", document.pk))
        self.assertEqual((document.number, document.created_by), ("7", self.w.curator_a))
        download = self.client.get(self.url("document_download", document.pk, "docx"))
        content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
        self.assertIn("Иванову Марию Петровну", text_of(content))

    def test_a_form_without_rows_says_so(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(
            self.url("document_create", "order_curator"),
            {
                "doc-date": "2025-10-01",
                "doc-title": "О назначении",
                "rows-TOTAL_FORMS": "0",
                "rows-INITIAL_FORMS": "0",
                "rows-MIN_NUM_FORMS": "1",
                "rows-MAX_NUM_FORMS": "1000",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Document.objects.exists())

    def test_a_methodologist_reads_but_does_not_make_documents(self) -> None:
        document = self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]})
        self.login(self.w.municipal_a)
        page = self.client.get(self.url("document_list"), {"year": "all"})
        self.assertContains(page, document.title)
        self.assertNotContains(page, "new-document")
        self.assertEqual(
            self.client.get(self.url("document_create", "order_curator")).status_code, 403
        )
        self.login(self.w.mentor_a)
        self.assertEqual(self.client.get(self.url("document_list")).status_code, 403)

    def test_the_register_does_not_issue_a_query_per_row(self) -> None:
        self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]}, number="1")
        self.login(self.w.curator_a)
        url = self.url("document_list") + "?year=all"
        self.client.get(url)
        with self.assertNumQueries(10):
            self.client.get(url)
        for n in range(2, 12):
            self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]}, number=str(n))
        with self.assertNumQueries(10):
            self.client.get(url)


@pytest.mark.skipif(engine.soffice() is None, reason="LibreOffice is not installed")
class LibreOfficeTests(DocumentsTestCase):
    def test_every_kind_opens_in_libreoffice(self) -> None:
        from nastavnik.core.services import academic_year_for
        from nastavnik.mentorships.models import Mentorship, Program, ProgramActivity

        mentorship = Mentorship.objects.create(
            organization=self.w.org_a,
            academic_year=academic_year_for(DAY),
            mentor=self.ivanova,
            starts_on=DAY,
            ends_on=datetime.date(2026, 5, 31),
        )
        mentorship.mentees.set([self.petrov])
        program = Program.objects.create(mentorship=mentorship, goal="Закрепление в профессии.")
        ProgramActivity.objects.create(program=program, title="Организационная встреча", due_on=DAY)
        examples: dict[str, dict[str, Any]] = {
            "order_implementation": {"start_date": "2025-10-01"},
            "order_curator": {"rows": [{"person": self.ivanova.pk}]},
            "order_pairs": {
                "rows": [
                    {
                        "mentor": self.ivanova.pk,
                        "mentees": [self.petrov.pk, self.shevchenko.pk],
                        "form": "teacher_teacher",
                        "start": "2025-10-01",
                        "end": "2026-05-31",
                    }
                ]
            },
            "order_award": {
                "basis": "За участие",
                "rows": [{"person": self.ivanova.pk, "award": "diploma"}],
            },
            "order_final_event": {
                "form": "round_table",
                "date": "2026-05-20",
                "responsible": self.ivanova.pk,
            },
            "order_early_end": {
                "mentor": self.ivanova.pk,
                "mentee": self.petrov.pk,
                "end_date": "2026-02-01",
                "initiator": "both",
                "search_due": "2026-02-15",
            },
            "protocol": {
                "chair": self.ivanova.pk,
                "secretary": self.petrov.pk,
                "present": 3,
                "rows": [
                    {
                        "topic": "О наставничестве",
                        "heard": "Иванову М.П.",
                        "decided": "Принять.",
                        "votes_for": 3,
                        "votes_against": 0,
                        "votes_abstained": 0,
                    }
                ],
            },
            "regulation": {"text": regulation_markup(self.w.org_a)},
            "roadmap": {"approval_number": "63", "council_number": "1"},
            "mentorship_program": {"mentorship": mentorship.pk, "curator": self.shevchenko.pk},
            "analytical_note": {"mentorship": mentorship.pk, "work_done": "Проведены встречи."},
            "annual_report": {
                "year": academic_year_for(DAY).start_year,
                "curator": self.shevchenko.pk,
            },
        }
        from nastavnik.roadmaps.services import roadmap_create

        roadmap_create(
            actor=self.w.curator_a, organization=self.w.org_a, year=academic_year_for(DAY)
        )
        from nastavnik.reports.services import report_get_or_create

        report_get_or_create(
            actor=self.w.curator_a, organization=self.w.org_a, year=academic_year_for(DAY)
        )
        per_person = {k.code for k in KINDS.values() if k.per_person}
        self.assertEqual(set(examples) | per_person, set(KINDS))
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for number, (kind, data) in enumerate(examples.items(), start=1):
                document = self.make(kind, data, number=str(number))
                path = Path(tmp) / f"{kind}.docx"
                with document.file.open("rb") as f:
                    path.write_bytes(f.read())
                paths.append(path)
            subprocess.run(
                [
                    engine.soffice() or "soffice",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    *map(str, paths),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            for path in paths:
                pdf = path.with_suffix(".pdf")
                self.assertTrue(pdf.exists(), path.name)
                self.assertTrue(pdf.read_bytes().startswith(b"%PDF"), path.name)

    def test_the_pdf_is_made_once_and_kept(self) -> None:
        document = self.make("order_curator", {"rows": [{"person": self.ivanova.pk}]})
        pdf = services.document_pdf(document)
        assert pdf is not None
        self.assertTrue(pdf.startswith(b"%PDF"))
        document.refresh_from_db()
        self.assertTrue(document.pdf.name.endswith(".pdf"))


class PairConsentTests(DocumentsTestCase):
    def post_pairs(self) -> Any:
        self.login(self.w.curator_a)
        return self.client.post(
            reverse("documents:document_create", args=[self.w.org_a.pk, "order_pairs"]),
            {
                "doc-number": "3",
                "doc-date": "2025-10-01",
                "doc-title": "О закреплении наставнических пар (групп)",
                "rows-TOTAL_FORMS": "1",
                "rows-INITIAL_FORMS": "0",
                "rows-MIN_NUM_FORMS": "1",
                "rows-MAX_NUM_FORMS": "1000",
                "rows-0-mentor": self.ivanova.pk,
                "rows-0-mentees": [self.petrov.pk],
                "rows-0-form": "teacher_teacher",
                "rows-0-start": "2025-10-01",
                "rows-0-end": "2026-05-31",
            },
        )

    def test_it_rejects_a_mentor_without_the_duties_consent(self) -> None:
        response = self.post_pairs()
        self.assertContains(response, "Нет подписанного согласия на выполнение обязанностей")
        self.assertContains(response, "Иванова Мария Петровна")
        self.assertContains(response, "Нет подписанного согласия на обработку персональных данных")
        self.assertFalse(Document.objects.exists())

    def test_with_the_consents_signed_the_order_is_made(self) -> None:
        from nastavnik.banks.services import consent_issue, consent_sign

        for person, kinds in (
            (self.ivanova, ("personal_data", "duties")),
            (self.petrov, ("personal_data",)),
        ):
            for kind in kinds:
                consent_sign(
                    actor=self.w.curator_a,
                    consent=consent_issue(actor=self.w.curator_a, staff=person, kind=kind),
                    scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4"),
                    signed_at=datetime.date.today(),  # noqa: DTZ011
                )
        response = self.post_pairs()
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Document.objects.filter(kind="order_pairs").exists())
