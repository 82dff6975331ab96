"""Awards: nominations of the year, approval, the reward order made from the approved ones
and linked back; the mentor's evidence pack for the category «педагог-наставник»."""

import io
import zipfile
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as read_docx

from nastavnik.documents.kinds.orders import Award
from nastavnik.documents.models import Document
from nastavnik.mentorships import services as mentorships
from nastavnik.mentorships.tests.test_mentorships import MentorshipTestCase
from nastavnik.practices import evidence, services
from nastavnik.practices.models import Nomination
from nastavnik.testing import StaffMemberFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def docx_text(data: bytes) -> str:
    doc = read_docx(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)


class AwardTestCase(MentorshipTestCase):
    def nominate(
        self, staff: object = None, kind: str = Award.DIPLOMA, **kwargs: object
    ) -> Nomination:
        return services.nomination_save(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            year=self.year,
            staff=staff or self.mentor,  # type: ignore[arg-type]
            kind=kind,
            reason=str(kwargs.get("reason", "За наставничество")),
            amount=kwargs.get("amount"),
        )

    def list_url(self) -> str:
        return reverse("practices:nomination_list", args=[self.w.org_a.pk])


class NominationTests(AwardTestCase):
    def test_the_curator_nominates_approves_and_makes_the_reward_order(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("practices:nomination_create", args=[self.w.org_a.pk]),
            {"staff": self.mentor.pk, "kind": Award.DIPLOMA, "reason": "За наставничество"},
        )
        self.assertRedirects(response, self.list_url())
        bonus = self.nominate(self.mentee, Award.BONUS, amount=Decimal("5000"))
        gift = self.nominate(self.other, Award.GIFT)
        diploma = Nomination.objects.get(kind=Award.DIPLOMA)
        self.assertNotContains(self.client.get(self.list_url()), 'id="make-order"')
        for n in (diploma, bonus):
            self.client.post(reverse("practices:nomination_approve", args=[n.pk]))
        self.assertContains(self.client.get(self.list_url()), 'id="make-order"')

        response = self.client.post(reverse("practices:nominations_order", args=[self.w.org_a.pk]))
        document = Document.objects.get(kind="order_award")
        self.assertRedirects(
            response,
            reverse("documents:document_detail", args=[self.w.org_a.pk, document.pk]),
            fetch_redirect_response=False,
        )
        self.assertEqual(
            document.data["rows"],
            [
                {"person": self.mentor.pk, "award": "diploma", "amount": None},
                {"person": self.mentee.pk, "award": "bonus", "amount": "5000.00"},
            ],
        )
        diploma.refresh_from_db()
        bonus.refresh_from_db()
        gift.refresh_from_db()
        self.assertEqual((diploma.order, bonus.order, gift.order), (document, document, None))
        with document.file.open("rb") as f:
            text = docx_text(f.read())
        self.assertIn("Наградить Почётной грамотой", text)
        self.assertIn("Выплатить премию", text)
        self.assertIn("Лебедевой", text)  # the dative of the mentor's surname
        self.assertIn("5000", text)
        # The nomination in the order is frozen, the page links to the order.
        page = self.client.get(self.list_url())
        self.assertContains(
            page, reverse("documents:document_detail", args=[self.w.org_a.pk, document.pk])
        )
        self.client.post(reverse("practices:nomination_remove", args=[diploma.pk]))
        self.assertTrue(Nomination.objects.filter(pk=diploma.pk).exists())
        # Nothing more to put into an order: the button is gone, a second order is refused.
        self.assertNotContains(page, 'id="make-order"')
        self.client.post(reverse("practices:nominations_order", args=[self.w.org_a.pk]))
        self.assertEqual(Document.objects.filter(kind="order_award").count(), 1)

    def test_the_new_rewards_read_right_in_the_order(self) -> None:
        for staff, kind in ((self.mentor, Award.LETTER), (self.mentee, Award.GIFT)):
            services.nomination_approve(
                actor=self.w.curator_a, nomination=self.nominate(staff, kind)
            )
        document = services.nominations_make_order(
            actor=self.w.curator_a, organization=self.w.org_a, year=self.year
        )
        with document.file.open("rb") as f:
            text = docx_text(f.read())
        self.assertIn("Наградить благодарственным письмом", text)
        self.assertIn("Наградить ценным подарком", text)

    def test_a_bonus_needs_an_amount_and_staff_of_another_school_is_refused(self) -> None:
        self.login(self.w.curator_a)
        url = reverse("practices:nomination_create", args=[self.w.org_a.pk])
        self.client.post(url, {"staff": self.mentor.pk, "kind": Award.BONUS})
        stranger = StaffMemberFactory.create(organization=self.w.org_b)
        self.client.post(url, {"staff": stranger.pk, "kind": Award.DIPLOMA})
        self.assertFalse(Nomination.objects.exists())

    def test_the_nominations_list_in_a_fixed_number_of_queries(self) -> None:
        self.nominate()
        self.login(self.w.curator_a)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.client.get(self.list_url())
        for i in range(4):
            n = self.nominate(StaffMemberFactory.create(organization=self.w.org_a), Award.GRATITUDE)
            if i % 2:
                services.nomination_approve(actor=self.w.curator_a, nomination=n)
        services.nominations_make_order(
            actor=self.w.curator_a, organization=self.w.org_a, year=self.year
        )
        with self.assertNumQueries(len(ctx.captured_queries)):
            self.client.get(self.list_url())

    def test_the_nominations_of_another_organization_are_404(self) -> None:
        nomination = self.nominate()
        for user in (self.w.curator_b, self.w.municipal_b, self.w.curator_c, self.w.mentor_b):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertIn(self.client.get(self.list_url()).status_code, (403, 404))
                for name in ("nomination_edit", "nomination_approve", "nomination_remove"):
                    response = self.client.post(reverse(f"practices:{name}", args=[nomination.pk]))
                    self.assertIn(response.status_code, (403, 404))
                response = self.client.post(
                    reverse("practices:nominations_order", args=[self.w.org_a.pk])
                )
                self.assertIn(response.status_code, (403, 404))
        nomination.refresh_from_db()
        self.assertEqual(nomination.status, Nomination.Status.PROPOSED)

    def test_the_municipal_methodologist_reads_but_does_not_approve(self) -> None:
        nomination = self.nominate()
        self.login(self.w.municipal_a)
        page = self.client.get(self.list_url())
        self.assertContains(page, self.mentor.full_name)
        self.assertNotContains(page, reverse("practices:nomination_approve", args=[nomination.pk]))
        response = self.client.post(reverse("practices:nomination_approve", args=[nomination.pk]))
        self.assertEqual(response.status_code, 403)


class EvidencePackTests(AwardTestCase):
    def test_the_pack_holds_programs_results_awards_and_files(self) -> None:
        mentorship = self.form()
        mentorships.portfolio_add(
            actor=self.w.mentee_a,
            staff=self.mentee,
            mentorship=mentorship,
            upload=SimpleUploadedFile("urok.pdf", PDF),
            kind="open_lesson",
            date=self.start,
            title="Открытый урок «Смутное время»",
        )
        services.nomination_approve(actor=self.w.curator_a, nomination=self.nominate())
        services.nominations_make_order(
            actor=self.w.curator_a, organization=self.w.org_a, year=self.year
        )
        program = mentorship.program
        program.status = "approved"
        program.save()
        stored = Document(
            organization=self.w.org_a,
            academic_year=self.year,
            kind="mentorship_program",
            date=self.start,
            title="Персонализированная программа наставничества",
            data={"mentorship": mentorship.pk},
        )
        stored.file.save("program.docx", ContentFile(b"PK docx"), save=False)
        stored.save()
        self.login(self.w.curator_a)
        person_page = self.client.get(
            reverse("banks:person_detail", args=[self.w.org_a.pk, self.mentor.pk])
        )
        url = reverse("practices:evidence_pack", args=[self.w.org_a.pk, self.mentor.pk])
        self.assertContains(person_page, url)
        response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
        names = archive.namelist()
        self.assertIn("Сведения_наставника.docx", names)
        self.assertTrue(any(n.startswith("Результаты/") and n.endswith("urok.pdf") for n in names))
        self.assertIn(f"Программы/{stored.pk}_", " ".join(names))
        text = docx_text(archive.read("Сведения_наставника.docx"))
        self.assertIn(self.mentor.full_name, text)
        self.assertIn("Никитин Артём Игоревич", text)  # the mentee of the program
        self.assertIn("статус: действует", text)
        self.assertIn("Открытый урок «Смутное время»", text)
        self.assertIn("почётная грамота, приказ №", text)
        self.assertIn("Отчётов нет.", text)

    def test_the_pack_includes_the_submitted_reports_of_the_participants(self) -> None:
        mentorship = self.form()
        model = evidence._report_model()
        if model is None:  # the reports are not part of this installation
            self.assertEqual(evidence.collect(self.mentor).reports, [])
            return
        model.objects.create(
            mentorship=mentorship,
            author=self.mentor,
            role="mentor",
            status="submitted",
            done="Проведено двенадцать встреч",
            return_comment="Внутреннее замечание",
        )
        model.objects.create(
            mentorship=mentorship, author=self.mentee, role="mentee", done="Черновик"
        )
        text = docx_text(evidence.summary_docx(evidence.collect(self.mentor)))
        self.assertIn("Проведено двенадцать встреч", text)
        self.assertNotIn("Внутреннее замечание", text)
        self.assertNotIn("Черновик", text)

    def test_the_pack_includes_the_reports_when_an_app_provides_them(self) -> None:
        mentorship = self.form()

        class Report:
            class _meta:  # noqa: N801
                concrete_fields: list[object] = []

            def __str__(self) -> str:
                return "Отчёт наставника за год"

        data = evidence.collect(self.mentor)
        data.reports = [Report()]
        text = docx_text(evidence.summary_docx(data))
        self.assertIn("Отчёт наставника за год", text)
        self.assertEqual(data.mentorships, [mentorship])

    def test_the_mentor_downloads_his_own_pack_and_others_get_404(self) -> None:
        url = reverse("practices:evidence_pack", args=[self.w.org_a.pk, self.mentor.pk])
        self.login(self.w.mentor_a)
        self.assertEqual(self.client.get(url).status_code, 200)
        other = reverse("practices:evidence_pack", args=[self.w.org_a.pk, self.mentee.pk])
        self.assertEqual(self.client.get(other).status_code, 404)
        for user in (self.w.curator_b, self.w.municipal_b, self.w.curator_c, self.w.nobody):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(url).status_code, 404)
        # A person of another organization under this organization's address: 404.
        self.login(self.w.curator_b)
        stranger = StaffMemberFactory.create(organization=self.w.org_b)
        self.login(self.w.curator_a)
        response = self.client.get(
            reverse("practices:evidence_pack", args=[self.w.org_a.pk, stranger.pk])
        )
        self.assertEqual(response.status_code, 404)
