import io
import zipfile

import docx
import pytest
from django.utils import timezone

from nastavnik.core.services import academic_year_for
from nastavnik.documents import engine, services
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.models import DocumentBatch
from nastavnik.staff.models import StaffMember
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
