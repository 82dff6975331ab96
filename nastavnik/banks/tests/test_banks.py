import datetime
import io
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.banks import selectors, services
from nastavnik.banks.models import Competency, Consent, MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear, AuditEvent
from nastavnik.core.services import academic_year_current
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory

PDF = b"%PDF-1.4 signed consent"


def sign(person: StaffMember, kind: str, actor: Any) -> Consent:
    consent = services.consent_issue(actor=actor, staff=person, kind=kind)
    return services.consent_sign(
        actor=actor,
        consent=consent,
        scan=SimpleUploadedFile("scan.pdf", PDF),
        signed_at=timezone.localdate(),
    )


class BanksTestCase(BaseTestCase):
    young: StaffMember
    veteran: StaffMember
    year: AcademicYear

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        today = timezone.localdate()
        cls.young = StaffMemberFactory.create(
            organization=cls.w.org_a,
            last_name="Никитин",
            first_name="Артём",
            patronymic="Игоревич",
            gender="male",
            position="Учитель истории",
            birth_date=today.replace(year=today.year - 25),
            experience_years=1,
            experience_as_of=today,
            hired_on=today - datetime.timedelta(days=60),
            email="nikitin@example.org",
            phone="+7 900 000-00-00",
        )
        cls.veteran = StaffMemberFactory.create(
            organization=cls.w.org_a,
            last_name="Лебедева",
            first_name="Наталья",
            patronymic="Михайловна",
            position="Учитель математики",
            birth_date=today.replace(year=today.year - 50),
            experience_years=25,
            experience_as_of=today,
        )
        cls.year = academic_year_current()


class ConsentRuleTests(BanksTestCase):
    def test_it_rejects_a_mentee_without_a_signed_data_consent(self) -> None:
        with self.assertRaisesMessage(ValidationError, "нет подписанного согласия на обработку"):
            services.mentee_add(actor=self.w.curator_a, staff=self.young, year=self.year)
        services.consent_issue(actor=self.w.curator_a, staff=self.young, kind="personal_data")
        with self.assertRaisesMessage(ValidationError, "нет подписанного согласия на обработку"):
            services.mentee_add(actor=self.w.curator_a, staff=self.young, year=self.year)
        self.assertFalse(MenteeProfile.objects.exists())

    def test_a_signed_consent_lets_the_person_into_the_bank_as_a_young_specialist(self) -> None:
        consent = sign(self.young, "personal_data", self.w.curator_a)
        self.assertEqual((consent.status, consent.version), ("signed", "2026.1"))
        profile = services.mentee_add(actor=self.w.curator_a, staff=self.young, year=self.year)
        self.assertEqual(profile.category, MenteeProfile.Category.YOUNG)
        self.assertEqual(profile.status, MenteeProfile.Status.WAITING)
        with self.assertRaisesMessage(ValidationError, "уже в банке наставляемых"):
            services.mentee_add(actor=self.w.curator_a, staff=self.young, year=self.year)

    def test_an_active_mentor_needs_the_duties_consent(self) -> None:
        sign(self.veteran, "personal_data", self.w.curator_a)
        profile = services.mentor_add(actor=self.w.curator_a, staff=self.veteran, year=self.year)
        kwargs: dict[str, Any] = {
            "actor": self.w.curator_a,
            "profile": profile,
            "capacity": 2,
            "forms": ["teacher_teacher"],
            "motivation": "",
            "experience_text": "",
            "result": "",
            "competencies": [],
        }
        with self.assertRaisesMessage(ValidationError, "согласия на выполнение обязанностей"):
            services.mentor_update(status=MentorProfile.Status.ACTIVE, **kwargs)
        with self.assertRaisesMessage(ValidationError, "от 1 до 3"):
            services.mentor_update(
                status=MentorProfile.Status.SELECTED, **{**kwargs, "capacity": 5}
            )
        sign(self.veteran, "duties", self.w.curator_a)
        services.mentor_update(status=MentorProfile.Status.ACTIVE, **kwargs)
        profile.refresh_from_db()
        self.assertEqual((profile.status, profile.capacity), ("active", 2))

    def test_a_scan_that_is_not_a_document_is_refused(self) -> None:
        consent = services.consent_issue(
            actor=self.w.curator_a, staff=self.young, kind="publication"
        )
        with self.assertRaisesMessage(ValidationError, "PDF, JPG или PNG"):
            services.consent_sign(
                actor=self.w.curator_a,
                consent=consent,
                scan=SimpleUploadedFile("scan.pdf", b"hello"),
                signed_at=timezone.localdate(),
            )
        consent.refresh_from_db()
        self.assertEqual(consent.status, "issued")

    def test_revoking_the_data_consent_removes_the_person_and_the_data_but_not_the_counts(
        self,
    ) -> None:
        consent = sign(self.young, "personal_data", self.w.curator_a)
        profile = services.mentee_add(actor=self.w.curator_a, staff=self.young, year=self.year)
        MenteeProfile.objects.filter(pk=profile.pk).update(needs_text="Боюсь родителей")
        services.consent_revoke(
            actor=self.w.curator_a, consent=consent, revoked_at=timezone.localdate()
        )
        self.young.refresh_from_db()
        profile.refresh_from_db()
        self.assertEqual(profile.status, MenteeProfile.Status.EXCLUDED)
        self.assertEqual(profile.needs_text, "")
        self.assertIsNone(self.young.birth_date)
        self.assertEqual((self.young.email, self.young.phone), ("", ""))
        self.assertIsNotNone(self.young.anonymized_at)
        self.assertEqual(self.young.last_name, "Никитин")  # signed orders keep the name
        self.assertEqual(MenteeProfile.objects.filter(academic_year=self.year).count(), 1)
        self.assertTrue(AuditEvent.objects.filter(action="person_anonymize").exists())
        with self.assertRaisesMessage(ValidationError, "удалены после отзыва"):
            services.consent_issue(actor=self.w.curator_a, staff=self.young, kind="personal_data")

    def test_the_consent_form_is_a_real_document_for_the_person(self) -> None:
        import docx

        consent = services.consent_issue(actor=self.w.curator_a, staff=self.young, kind="duties")
        with consent.file.open("rb") as f:
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(f.read())).paragraphs)
        self.assertIn("Никитина Артёма Игоревича", text)


class BadgeTests(BanksTestCase):
    def test_young_specialist_and_new_employee_follow_the_region_rules(self) -> None:
        rules = selectors.rules_for(self.w.region)
        today = timezone.localdate()
        marks = selectors.badges(self.young, rules, today)
        self.assertTrue(marks.young and marks.new_employee)
        self.assertFalse(selectors.badges(self.veteran, rules, today).young)
        rules.young_max_age = 25
        self.assertFalse(selectors.badges(self.young, rules, today).young)


class BankPageTests(BanksTestCase):
    def url(self, name: str, *args: Any) -> str:
        return reverse(f"banks:{name}", args=[self.w.org_a.pk, *args])

    def test_the_curator_adds_a_mentee_and_notes_the_needs(self) -> None:
        sign(self.young, "personal_data", self.w.curator_a)
        self.login(self.w.curator_a)
        response = self.client.post(self.url("mentee_bank"), {"staff": self.young.pk})
        profile = MenteeProfile.objects.get()
        self.assertRedirects(response, self.url("mentee_edit", profile.pk))
        competencies = list(selectors.competencies_for(self.w.region))
        self.assertGreater(len(competencies), 15)
        first, second = competencies[0], competencies[8]
        self.client.post(
            self.url("mentee_edit", profile.pk),
            {
                "category": "young",
                "status": "waiting",
                "needs_text": "Работа с родителями",
                "result": "",
                f"need_{first.pk}": "on",
                f"source_{first.pk}": "questionnaire",
                f"need_{second.pk}": "on",
                f"source_{second.pk}": "attestation",
            },
        )
        needs = {(n.competency_id, n.source) for n in profile.needs.all()}
        self.assertEqual(needs, {(first.pk, "questionnaire"), (second.pk, "attestation")})
        page = self.client.get(self.url("mentee_bank"))
        self.assertContains(page, "Никитин Артём Игоревич")
        self.assertContains(page, first.name)
        self.assertContains(page, "молодой специалист")

    def test_without_a_consent_the_page_explains_why_nobody_was_added(self) -> None:
        self.login(self.w.curator_a)
        response = self.client.post(self.url("mentee_bank"), {"staff": self.young.pk}, follow=True)
        self.assertContains(response, "нет подписанного согласия на обработку")
        self.assertFalse(MenteeProfile.objects.exists())

    def test_the_consent_cycle_on_the_person_page(self) -> None:
        self.login(self.w.curator_a)
        page = self.url("person_detail", self.young.pk)
        self.client.post(self.url("consent_issue", self.young.pk, "personal_data"))
        consent = Consent.objects.get()
        self.assertContains(self.client.get(page), "выдано, не подписано")
        download = self.client.get(self.url("consent_download", consent.pk, "docx"))
        self.assertEqual(download.status_code, 200)
        self.client.post(
            self.url("consent_sign", consent.pk),
            {
                "scan": SimpleUploadedFile("s.pdf", PDF),
                "signed_at": timezone.localdate().isoformat(),
            },
        )
        consent.refresh_from_db()
        self.assertEqual(consent.status, "signed")
        self.assertContains(self.client.get(page), "подписано")
        self.client.post(
            self.url("consent_revoke", consent.pk),
            {"revoked_at": timezone.localdate().isoformat()},
        )
        consent.refresh_from_db()
        self.assertEqual(consent.status, "revoked")
        self.assertContains(self.client.get(page), "персональные данные удалены")

    def test_exports_open_as_spreadsheets(self) -> None:
        sign(self.young, "personal_data", self.w.curator_a)
        services.mentee_add(actor=self.w.curator_a, staff=self.young, year=self.year)
        self.login(self.w.curator_a)
        for name in ("mentee_export", "mentor_export", "staff_export"):
            response = self.client.get(self.url(name))
            book = openpyxl.load_workbook(io.BytesIO(response.content))
            sheet = book.active
            assert sheet is not None
            self.assertGreaterEqual(sheet.max_row, 1, name)
        staff = openpyxl.load_workbook(
            io.BytesIO(self.client.get(self.url("staff_export")).content)
        )
        values = [c.value for c in staff.active[1]]  # type: ignore[index]
        self.assertIn("Фамилия", values)

    def test_the_bank_lists_do_not_issue_a_query_per_row(self) -> None:
        for person in (self.young, self.veteran):
            sign(person, "personal_data", self.w.curator_a)
            services.mentee_add(actor=self.w.curator_a, staff=person, year=self.year)
            services.mentor_add(actor=self.w.curator_a, staff=person, year=self.year)
        self.login(self.w.curator_a)
        counts = {}
        for name in ("mentee_bank", "mentor_bank", "consent_list"):
            self.client.get(self.url(name))
            with CaptureQueriesContext(connection) as ctx:
                self.client.get(self.url(name))
            counts[name] = len(ctx.captured_queries)
            self.assertLess(counts[name], 15, name)
        for i in range(5):
            person = StaffMemberFactory.create(organization=self.w.org_a, last_name=f"Новая{i}")
            sign(person, "personal_data", self.w.curator_a)
            services.mentee_add(actor=self.w.curator_a, staff=person, year=self.year)
            services.mentor_add(actor=self.w.curator_a, staff=person, year=self.year)
        for name, count in counts.items():
            with self.assertNumQueries(count):
                self.client.get(self.url(name))

    def test_observers_read_the_banks_and_mentors_do_not(self) -> None:
        self.login(self.w.municipal_a)
        self.assertEqual(self.client.get(self.url("mentee_bank")).status_code, 200)
        self.assertEqual(
            self.client.post(self.url("mentee_bank"), {"staff": self.young.pk}).status_code, 404
        )
        self.login(self.w.mentor_a)
        self.assertEqual(self.client.get(self.url("mentee_bank")).status_code, 403)


class RegionPageTests(BaseTestCase):
    def test_the_regional_methodologist_edits_the_rules_and_the_list(self) -> None:
        self.login(self.w.regional)
        url = reverse("banks:region_banks", args=[self.w.region.pk])
        self.assertContains(self.client.get(url), "Работа с родителями")
        self.client.post(
            url,
            {
                "form": "rules",
                "young_max_age": 30,
                "young_max_experience": 5,
                "new_employee_months": 6,
                "capacity_min": 1,
                "capacity_max": 4,
                "formal_after_days": 45,
                "weight_needs": 40,
                "weight_subject": 20,
                "weight_experience": 10,
                "weight_organization": 0,
                "weight_text": 20,
                "weight_preference": 10,
            },
        )
        self.assertEqual(selectors.rules_for(self.w.region).capacity_max, 4)
        self.assertEqual(selectors.rules_for(self.w.region).weight_needs, 40)
        self.assertEqual(selectors.rules_for(self.w.region).formal_after_days, 45)
        self.client.post(
            url,
            {
                "form": "competency",
                "group": "Новое",
                "name": "Наставничество в ИТ",
                "is_active": "on",
            },
        )
        self.assertTrue(Competency.objects.filter(name="Наставничество в ИТ").exists())
        response = self.client.post(
            url,
            {
                "form": "competency",
                "group": "Новое",
                "name": "наставничество в ит",
                "is_active": "on",
            },
            follow=True,
        )
        self.assertContains(response, "В списке уже есть")
        self.login(self.w.curator_a)
        self.assertEqual(self.client.get(url).status_code, 403)
