import io
import zipfile
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from nastavnik.banks import services as banks
from nastavnik.banks.models import Consent
from nastavnik.core.services import academic_year_for
from nastavnik.documents import engine, services
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.models import DocumentBatch
from nastavnik.staff.models import PersonKind, StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory


def paragraphs_of(content: bytes) -> list[str]:
    """Every paragraph of a DOCX, those in table cells included."""
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return parts


def rows_of(content: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(content))
    return [[cell.text for cell in row.cells] for t in document.tables for row in t.rows]


class ConsentsTestCase(BaseTestCase):
    nikitin: StaffMember
    shevchenko: StaffMember

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        org = cls.w.org_a
        org.locality = "г. Альфинск"
        org.address = "г. Альфинск, ул. Школьная, д. 1"
        org.website = "https://alfa-school.example.ru"
        org.save()
        cls.nikitin = StaffMemberFactory.create(
            organization=org,
            last_name="Никитин",
            first_name="Артём",
            patronymic="Игоревич",
            gender=StaffMember.Gender.MALE,
            position="Учитель истории",
        )
        cls.shevchenko = StaffMemberFactory.create(
            organization=org,
            last_name="Шевченко",
            first_name="Оксана",
            patronymic="Викторовна",
            gender=StaffMember.Gender.FEMALE,
            position="Педагог-психолог",
        )

    def batch_files(self, code: str) -> dict[str, bytes]:
        with self.captureOnCommitCallbacks(execute=True):
            batch = services.batch_start(
                actor=self.w.curator_a,
                organization=self.w.org_a,
                kind=get_kind(code),
                staff=[self.nikitin, self.shevchenko],
            )
        batch.refresh_from_db()
        self.assertEqual(batch.status, DocumentBatch.Status.DONE, batch.error)
        self.assertEqual((batch.done, batch.total), (2, 2))
        with batch.file.open("rb") as f, zipfile.ZipFile(f) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    def assertHasLine(self, lines: list[str], *fragments: str) -> None:  # noqa: N802
        text = "\n".join(lines)
        for fragment in fragments:
            self.assertIn(fragment, text)

    @property
    def academic_year(self) -> str:
        return str(academic_year_for(timezone.localdate()))


class ConsentDutiesTests(ConsentsTestCase):
    def test_every_mentor_gets_the_consent_and_the_addendum(self) -> None:
        files = self.batch_files("consent_duties")
        self.assertEqual(set(files), {"Никитин_АИ.docx", "Шевченко_ОВ.docx"})
        woman = paragraphs_of(files["Шевченко_ОВ.docx"])
        self.assertIn("Директор Школа Альфа", woman)
        self.assertIn("Н.Х. Горелова", woman)
        self.assertIn("от Шевченко Оксаны Викторовны, педагога-психолога", woman)
        self.assertHasLine(
            woman,
            "СОГЛАСИЕ",
            "на выполнение дополнительной работы по наставничеству",
            "Я, Шевченко Оксана Викторовна, педагог-психолог,",
            "статьёй 351.8 Трудового кодекса",
            f"в {self.academic_year} учебном году",
            "– разработка совместно с наставляемым персонализированной программы",
            "Дополнительное соглашение № ___",
            "к трудовому договору от «___» ____________ 20___ г. № ___",
            "именуемое в дальнейшем «Работодатель», в лице директора Гореловой Натальи "
            "Хамитовны, действующего на основании Устава",
            "и Шевченко Оксана Викторовна, педагог-психолог, именуемый(ая) в дальнейшем «Работник»",
            "статьями 60.2, 72 и 351.8",
            "указанного(ых) в приказе Школа Альфа о закреплении наставнических пар",
            "Форма наставничества — «учитель – учитель»",
            f"на период {self.academic_year} учебного года",
            "доплата в размере ______ рублей (____ % должностного оклада) ежемесячно",
            "не позднее чем за три рабочих дня",
            "в двух экземплярах",
            "Экземпляр дополнительного соглашения получил(а):",
        )
        self.assertIn("г. Альфинск", woman)  # the place of the addendum
        self.assertIn("________________ / О.В. Шевченко", woman)
        self.assertIn("________________ / Н.Х. Горелова", woman)

        man = paragraphs_of(files["Никитин_АИ.docx"])
        self.assertIn("от Никитина Артёма Игоревича, учителя истории", man)
        self.assertHasLine(
            man,
            "Я, Никитин Артём Игоревич, учитель истории,",
            "и Никитин Артём Игоревич, учитель истории, именуемый(ая)",
        )
        self.assertNotIn("{{", "\n".join(man))

    def test_the_addendum_starts_on_a_new_page(self) -> None:
        content = self.batch_files("consent_duties")["Никитин_АИ.docx"]
        body = docx.Document(io.BytesIO(content)).element.body.xml
        self.assertEqual(body.count('w:type="page"'), 1)
        self.assertLess(body.index("СОГЛАСИЕ"), body.index('w:type="page"'))
        self.assertLess(body.index('w:type="page"'), body.index("Дополнительное соглашение"))

    def test_without_a_locality_the_place_is_the_municipality(self) -> None:
        self.w.org_a.locality = ""
        self.w.org_a.save()
        content = self.batch_files("consent_duties")["Никитин_АИ.docx"]
        self.assertIn("Альфинский район", paragraphs_of(content))


class ConsentPublicationTests(ConsentsTestCase):
    def test_every_person_gets_the_consent_to_publication(self) -> None:
        files = self.batch_files("consent_publication")
        self.assertEqual(set(files), {"Никитин_АИ.docx", "Шевченко_ОВ.docx"})
        woman = paragraphs_of(files["Шевченко_ОВ.docx"])
        self.assertHasLine(
            woman,
            "СОГЛАСИЕ",
            "разрешённых субъектом персональных данных для распространения",
            "Я, Шевченко Оксана Викторовна, телефон ____",
            "статьёй 10.1 Федерального закона от 27.07.2006 № 152-ФЗ",
            "приказом Роскомнадзора от 24.02.2021 № 18",
            "1. Оператор: Муниципальное бюджетное общеобразовательное учреждение Школа Альфа, "
            "адрес: г. Альфинск, ул. Школьная, д. 1, ИНН ______________, ОГРН",
            "освещение мероприятий программы наставничества",
            f"реализуемой в {self.academic_year} учебном году",
            "официальный сайт https://alfa-school.example.ru;",
            "официальные сообщества в социальных сетях: ____",
            "не устанавливаю",
            "отдельно от иных согласий",
            "части 12 и 13 статьи 10.1",
            "________________ / О.В. Шевченко",
        )
        rows = rows_of(files["Шевченко_ОВ.docx"])
        table = [r for r in rows if len(r) == 4]
        self.assertEqual(
            table[0],
            [
                "Категория персональных данных",
                "Перечень персональных данных",
                "Разрешаю к распространению (да/нет)",
                "Условия и запреты",
            ],
        )
        self.assertEqual(
            [r[1] for r in table[1:]],
            [
                "фамилия, имя, отчество",
                "должность",
                "преподаваемые предметы",
                "квалификационная категория",
                "сведения об участии в программе наставничества и её результатах",
                "фотография (изображение)",
                "видеозапись",
            ],
        )
        self.assertTrue(all(r[2] == r[3] == "" for r in table[1:]))  # the person fills them

        man = paragraphs_of(files["Никитин_АИ.docx"])
        self.assertHasLine(man, "Я, Никитин Артём Игоревич, телефон", "/ А.И. Никитин")
        self.assertNotIn("{{", "\n".join(man))

    def test_without_a_website_a_blank_is_left(self) -> None:
        self.w.org_a.website = ""
        self.w.org_a.save()
        content = self.batch_files("consent_publication")["Никитин_АИ.docx"]
        self.assertHasLine(paragraphs_of(content), "официальный сайт ______")


class ConsentTemplatesTests(ConsentsTestCase):
    def test_the_templates_use_only_the_variables_of_their_kinds(self) -> None:
        for code in ("consent_duties", "consent_publication"):
            kind = get_kind(code)
            self.assertTrue(kind.per_person)
            self.assertIsNone(kind.series)
            used = engine.template_variables(services.shipped_template(kind))
            allowed = services.allowed_variables(kind)
            self.assertLessEqual(used, allowed, code)
            self.assertLessEqual({"person", "academic_year", "document_place"}, allowed)
            self.assertLessEqual({"person", "academic_year", "organization"}, used)

    @pytest.mark.skipif(engine.soffice() is None, reason="LibreOffice is not installed")
    def test_the_documents_open_in_libreoffice(self) -> None:
        for code in ("consent_duties", "consent_publication"):
            content = self.batch_files(code)["Шевченко_ОВ.docx"]
            pdf = engine.to_pdf(content)
            assert pdf is not None
            self.assertTrue(pdf.startswith(b"%PDF"), code)


class BatchRegistersConsentsTests(ConsentsTestCase):
    """Documents → «Make a document» → a consent for many people: the forms count as issued."""

    def run_batch(self, code: str, people: list[StaffMember]) -> tuple[Any, dict[str, bytes]]:
        with self.captureOnCommitCallbacks(execute=True):
            batch = services.batch_start(
                actor=self.w.curator_a, organization=self.w.org_a, kind=get_kind(code), staff=people
            )
        batch.refresh_from_db()
        self.assertEqual(batch.status, DocumentBatch.Status.DONE, batch.error)
        with batch.file.open("rb") as f, zipfile.ZipFile(f) as archive:
            return batch, {name: archive.read(name) for name in archive.namelist()}

    def test_the_batch_consents_show_as_issued_and_the_card_offers_the_scan_upload(self) -> None:
        signed_person = StaffMemberFactory.create(
            organization=self.w.org_a, last_name="Подписанова", first_name="Инна"
        )
        signed = banks.consent_sign(
            actor=self.w.curator_a,
            consent=banks.consent_issue(
                actor=self.w.curator_a, staff=signed_person, kind=Consent.Kind.PERSONAL_DATA
            ),
            scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed"),
            signed_at=timezone.localdate(),
        )
        earlier = banks.consent_issue(
            actor=self.w.curator_a, staff=self.shevchenko, kind=Consent.Kind.PERSONAL_DATA
        )
        batch, files = self.run_batch(
            "consent_personal_data", [self.nikitin, self.shevchenko, signed_person]
        )
        # Every chosen person's form is in the archive, the signed one's too.
        self.assertEqual(len(files), 3)
        for person, name in (
            (self.nikitin, "Никитин_АИ.docx"),
            (self.shevchenko, "Шевченко_ОВ.docx"),
        ):
            consent = Consent.objects.get(staff=person, kind=Consent.Kind.PERSONAL_DATA)
            self.assertEqual(consent.status, Consent.Status.ISSUED)
            self.assertEqual(consent.version, banks.CONSENT_VERSIONS[Consent.Kind.PERSONAL_DATA])
            self.assertEqual(consent.issued_at, timezone.localdate())
            with consent.file.open("rb") as f:
                self.assertEqual(f.read(), files[name])
        # The unsigned form issued before is replaced, not duplicated.
        self.assertEqual(Consent.objects.filter(staff=self.shevchenko).count(), 1)
        self.assertEqual(Consent.objects.get(staff=self.shevchenko).pk, earlier.pk)
        # The signed consent is left as it is.
        after = Consent.objects.get(staff=signed_person)
        self.assertEqual(
            (after.pk, after.status, after.file.name), (signed.pk, "signed", signed.file.name)
        )
        self.assertEqual(Consent.objects.filter(staff=signed_person).count(), 1)
        self.assertEqual(batch.data["consents"]["signed"], [signed_person.full_name])
        # The batch page says so; the card offers the upload of the signed scan at once.
        self.login(self.w.curator_a)
        page = self.client.get(reverse("documents:batch_detail", args=[self.w.org_a.pk, batch.pk]))
        with translation.override("ru"):
            issued = ngettext(
                "The consent is registered as issued to %(counter)s person: upload the signed "
                "scan on the person's card.",
                "The consent is registered as issued to %(counter)s people: upload the signed "
                "scans on their cards.",
                2,
            ) % {"counter": 2}
        self.assertContains(page, issued)
        self.assertContains(page, signed_person.full_name)
        consent = Consent.objects.get(staff=self.nikitin)
        card = self.client.get(
            reverse("banks:person_detail", args=[self.w.org_a.pk, self.nikitin.pk])
        )
        self.assertContains(card, reverse("banks:consent_sign", args=[self.w.org_a.pk, consent.pk]))
        consents = self.client.get(reverse("banks:consent_list", args=[self.w.org_a.pk]))
        self.assertContains(consents, ru_text("issued, not signed"))

    def test_a_student_in_a_batch_of_the_staff_form_is_named_and_not_registered(self) -> None:
        student = StaffMemberFactory.create(
            organization=self.w.org_a,
            last_name="Студентова",
            kind=PersonKind.STUDENT,
            birth_date=timezone.localdate().replace(year=timezone.localdate().year - 20),
        )
        batch, files = self.run_batch("consent_personal_data", [self.nikitin, student])
        self.assertEqual(len(files), 2)
        self.assertFalse(Consent.objects.filter(staff=student).exists())
        self.assertTrue(Consent.objects.filter(staff=self.nikitin, status="issued").exists())
        [reason] = batch.data["consents"]["refused"]
        self.assertIn(student.full_name, reason)

    def test_a_batch_of_another_document_registers_no_consent(self) -> None:
        self.run_batch("consent_duties", [self.nikitin])
        self.assertTrue(
            Consent.objects.filter(staff=self.nikitin, kind=Consent.Kind.DUTIES).exists()
        )
        self.assertFalse(
            Consent.objects.filter(staff=self.nikitin, kind=Consent.Kind.PERSONAL_DATA).exists()
        )


def ru_text(text: str) -> str:
    with translation.override("ru"):
        return gettext(text)
