import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nastavnik.accounts.models import Role
from nastavnik.banks.models import MenteeProfile
from nastavnik.banks.services import consent_issue, consent_sign, mentee_add, mentor_add
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships import services
from nastavnik.mentorships.models import Meeting, Mentorship, PortfolioItem, Program
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory, give_role


def consented(person: StaffMember, actor: Any, *kinds: str) -> StaffMember:
    for kind in kinds:
        consent_sign(
            actor=actor,
            consent=consent_issue(actor=actor, staff=person, kind=kind),
            scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4"),
            signed_at=timezone.localdate(),
        )
    return person


class MentorshipTestCase(BaseTestCase):
    """A mentor and a mentee of school A with their consents signed."""

    def setUp(self) -> None:
        self.year = academic_year_current()
        org = self.w.org_a
        self.mentor = StaffMemberFactory.create(
            organization=org, last_name="Лебедева", first_name="Наталья", user=self.w.mentor_a
        )
        self.mentee = StaffMemberFactory.create(
            organization=org,
            last_name="Никитин",
            first_name="Артём",
            patronymic="Игоревич",
            gender="male",
            user=self.w.mentee_a,
        )
        self.other = StaffMemberFactory.create(organization=org, last_name="Орлова")
        consented(self.mentor, self.w.curator_a, "personal_data", "duties")
        consented(self.mentee, self.w.curator_a, "personal_data")
        consented(self.other, self.w.curator_a, "personal_data")
        self.start = timezone.localdate()
        self.end = self.start + datetime.timedelta(days=200)

    def form(self, mentees: list[StaffMember] | None = None, **kwargs: Any) -> Mentorship:
        return services.mentorship_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            year=self.year,
            mentor=kwargs.get("mentor", self.mentor),
            mentees=mentees or [self.mentee],
            form="teacher_teacher",
            type="individual",
            starts_on=kwargs.get("starts_on", self.start),
            ends_on=kwargs.get("ends_on", self.end),
            co_mentors=kwargs.get("co_mentors"),
        )


class MentorshipTests(MentorshipTestCase):
    def test_a_group_led_by_two_mentors_is_shown_to_both_and_edited_by_both(self) -> None:
        co = StaffMemberFactory.create(
            organization=self.w.org_a, last_name="Соколова", first_name="Вера", user=self.w.multi
        )
        with self.assertRaisesMessage(ValidationError, "обязанностей наставника"):
            self.form(mentees=[self.mentee, self.other], co_mentors=[co])
        consented(co, self.w.curator_a, "personal_data", "duties")
        with self.assertRaisesMessage(ValidationError, "наставляемым в этой же группе"):
            self.form(mentees=[self.mentee, co], co_mentors=[co])
        group = self.form(mentees=[self.mentee, self.other], co_mentors=[co])
        self.assertEqual(group.type, Mentorship.Type.GROUP)
        self.assertEqual(list(group.co_mentors.all()), [co])
        self.login(self.w.multi)
        page = self.client.get(reverse("mentorships:mentorship_detail", args=[group.pk]))
        self.assertContains(page, 'id="co-mentors"')
        self.assertContains(page, 'id="edit-program"')
        mine = self.client.get(reverse("mentorships:mine"))
        self.assertContains(mine, "Соколова Вера")

    def test_a_pair_is_formed_with_its_program_of_the_meeting_sequence(self) -> None:
        mentee_add(actor=self.w.curator_a, staff=self.mentee, year=self.year)
        pair = self.form()
        self.assertEqual(list(pair.mentees.all()), [self.mentee])
        titles = list(pair.program.activities.values_list("title", flat=True))
        self.assertEqual(titles[0], "Организационная встреча")
        self.assertEqual(titles[-1], "Заключительная встреча")
        self.assertEqual(
            MenteeProfile.objects.get(staff=self.mentee).status, MenteeProfile.Status.PAIRED
        )

    def test_it_rejects_a_mentor_without_the_duties_consent(self) -> None:
        with self.assertRaisesMessage(ValidationError, "обязанностей наставника"):
            self.form(mentor=self.other, mentees=[self.mentee])

    def test_it_rejects_a_short_period_and_a_mentee_already_paired(self) -> None:
        with self.assertRaisesMessage(ValidationError, "от 3 месяцев до года"):
            self.form(ends_on=self.start + datetime.timedelta(days=30))
        self.form()
        with self.assertRaisesMessage(ValidationError, "Уже в паре или группе"):
            self.form(mentees=[self.mentee, self.other])

    def test_the_mentor_bank_capacity_is_respected(self) -> None:
        profile = mentor_add(actor=self.w.curator_a, staff=self.mentor, year=self.year)
        profile.capacity = 1
        profile.save()
        with self.assertRaisesMessage(ValidationError, "не более 1"):
            self.form(mentees=[self.mentee, self.other])

    def test_an_early_end_needs_notice_and_returns_the_mentee_to_the_bank(self) -> None:
        mentee_add(actor=self.w.curator_a, staff=self.mentee, year=self.year)
        pair = self.form()
        with self.assertRaisesMessage(ValidationError, "3 рабочих дня"):
            services.mentorship_end_early(
                actor=self.w.curator_a,
                mentorship=pair,
                ended_on=self.start,
                initiator="mentee",
                reason="Переезд",
            )
        services.mentorship_end_early(
            actor=self.w.curator_a,
            mentorship=pair,
            ended_on=services.add_working_days(self.start, 3),
            initiator="mentee",
            reason="Переезд",
        )
        pair.refresh_from_db()
        self.assertEqual(pair.status, Mentorship.Status.ENDED_EARLY)
        self.assertEqual(
            MenteeProfile.objects.get(staff=self.mentee).status, MenteeProfile.Status.WAITING
        )
        self.form()  # the history is kept and the mentee can be paired again

    def test_the_program_cycle_mentor_drafts_mentee_comments_curator_approves(self) -> None:
        pair = self.form()
        url = reverse("mentorships:program_edit", args=[pair.pk])
        self.login(self.w.mentor_a)
        data = {
            "goal": "Адаптация молодого учителя истории",
            "tasks": "Освоить планирование уроков",
            "expected_results": "",
            "development_plan": "",
            "a-TOTAL_FORMS": "1",
            "a-INITIAL_FORMS": "0",
            "a-MIN_NUM_FORMS": "0",
            "a-MAX_NUM_FORMS": "1000",
            "a-0-title": "Посещение уроков наставника",
            "a-0-kind": "lesson",
            "a-0-due_on": (self.start + datetime.timedelta(days=20)).isoformat(),
            "a-0-responsible": "Лебедева Н.",
            "a-0-status": "planned",
            "a-0-evidence_url": "",
            "submit": "1",
        }
        self.client.post(url, data)
        program = Program.objects.get(mentorship=pair)
        self.assertEqual(program.status, Program.Status.SUBMITTED)
        self.login(self.w.mentee_a)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.post(
            reverse("mentorships:program_comment", args=[pair.pk]), {"text": "Добавьте ОГЭ"}
        )
        self.assertEqual(program.comments.get().text, "Добавьте ОГЭ")
        self.login(self.w.curator_a)
        self.client.post(reverse("mentorships:program_approve", args=[pair.pk]))
        program.refresh_from_db()
        self.assertEqual(program.status, Program.Status.APPROVED)
        self.login(self.w.mentor_a)
        self.client.post(
            url, {**data, "a-INITIAL_FORMS": "1", "goal": "Адаптация и подготовка к ОГЭ"}
        )
        program.refresh_from_db()
        self.assertEqual((program.version, program.status), (2, Program.Status.SUBMITTED))
        self.assertEqual(
            program.versions.get().snapshot["goal"], "Адаптация молодого учителя истории"
        )

    def test_the_mentor_logs_a_meeting_and_the_mentee_adds_to_the_portfolio(self) -> None:
        pair = self.form()
        self.login(self.w.mentor_a)
        page = self.client.get(reverse("mentorships:meeting_add", args=[pair.pk]))
        self.assertContains(page, 'value="organizational" selected')
        self.client.post(
            reverse("mentorships:meeting_add", args=[pair.pk]),
            {
                "kind": "organizational",
                "date": self.start.isoformat(),
                "topic": "Знакомство и план работы",
                "held": "on",
                "attended": [self.mentor.pk, self.mentee.pk],
            },
        )
        meeting = Meeting.objects.get()
        self.assertEqual(set(meeting.attended.all()), {self.mentor, self.mentee})
        self.assertEqual(
            pair.program.activities.get(title="Организационная встреча").status, "done"
        )
        self.login(self.w.mentee_a)
        self.client.post(
            reverse("mentorships:portfolio_add", args=[pair.pk]),
            {
                "kind": "open_lesson",
                "date": self.start.isoformat(),
                "title": "Открытый урок «Смутное время»",
                "staff": self.mentee.pk,
            },
        )
        self.assertTrue(PortfolioItem.objects.filter(staff=self.mentee).exists())
        detail = self.client.get(reverse("mentorships:mentorship_detail", args=[pair.pk]))
        self.assertContains(detail, "Открытый урок «Смутное время»")
        self.assertContains(detail, "Знакомство и план работы")

    def test_a_pair_without_meetings_is_flagged_as_formal(self) -> None:
        pair = self.form(starts_on=self.start - datetime.timedelta(days=45))
        self.login(self.w.curator_a)
        page = self.client.get(reverse("mentorships:mentorship_list", args=[self.w.org_a.pk]))
        self.assertContains(page, "Формальное наставничество?")
        self.assertContains(page, "нет встреч 45 дн.")
        Meeting.objects.create(
            mentorship=pair, kind="organizational", date=self.start, topic="Встреча", held=True
        )
        page = self.client.get(reverse("mentorships:mentorship_list", args=[self.w.org_a.pk]))
        self.assertNotContains(page, "нет встреч")

    def test_the_region_sets_how_long_without_meetings_is_formal(self) -> None:
        from nastavnik.banks.selectors import rules_for

        pair = self.form(starts_on=self.start - datetime.timedelta(days=45))
        pair.program.activities.update(status="done")
        rules = rules_for(self.w.region)
        rules.formal_after_days = 60
        rules.save()
        self.login(self.w.curator_a)
        page = self.client.get(reverse("mentorships:mentorship_list", args=[self.w.org_a.pk]))
        self.assertNotContains(page, "нет встреч")
        detail = self.client.get(reverse("mentorships:mentorship_detail", args=[pair.pk]))
        self.assertNotContains(detail, "нет встреч")
        rules.formal_after_days = 40
        rules.save()
        page = self.client.get(reverse("mentorships:mentorship_list", args=[self.w.org_a.pk]))
        self.assertContains(page, "нет встреч 45 дн.")

    def test_the_roadmap_risk_of_formal_mentorship_lists_the_flagged_pairs(self) -> None:
        from nastavnik.roadmaps.services import roadmap_create

        roadmap_create(actor=self.w.curator_a, organization=self.w.org_a, year=self.year)
        pair = self.form(starts_on=self.start - datetime.timedelta(days=45))
        self.login(self.w.curator_a)
        url = reverse("roadmaps:risks", args=[self.w.org_a.pk])
        page = self.client.get(url)
        self.assertContains(page, "Пары, которые сейчас выглядят формальными:")
        self.assertContains(page, reverse("mentorships:mentorship_detail", args=[pair.pk]))
        self.assertContains(page, "просрочено 3 мероприятия программы")
        Meeting.objects.create(
            mentorship=pair, kind="regular", date=self.start, topic="Встреча", held=True
        )
        pair.program.activities.update(status="done")
        self.assertContains(self.client.get(url), "Сейчас ни одна пара не выглядит формальной.")

    def test_participants_see_only_their_own_mentorships(self) -> None:
        pair = self.form()
        stranger = StaffMemberFactory.create(organization=self.w.org_a, user=self.w.multi)
        self.assertIsNotNone(stranger)
        url = reverse("mentorships:mentorship_detail", args=[pair.pk])
        self.login(self.w.mentee_a)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertContains(self.client.get(reverse("mentorships:mine")), "Лебедева")
        self.login(self.w.multi)  # a mentor of school A, but not of this pair
        self.assertEqual(self.client.get(url).status_code, 404)
        give_role(self.w.nobody, Role.MENTEE, self.w.org_a)
        self.login(self.w.nobody)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_list_does_not_issue_a_query_per_row(self) -> None:
        self.form()
        self.login(self.w.curator_a)
        url = reverse("mentorships:mentorship_list", args=[self.w.org_a.pk])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.get(url)
        with CaptureQueriesContext(connection) as first:
            self.client.get(url)
        for i in range(3):
            mentor = consented(
                StaffMemberFactory.create(organization=self.w.org_a, last_name=f"Наставник{i}"),
                self.w.curator_a,
                "personal_data",
                "duties",
            )
            mentee = consented(
                StaffMemberFactory.create(organization=self.w.org_a, last_name=f"Молодой{i}"),
                self.w.curator_a,
                "personal_data",
            )
            self.form(mentor=mentor, mentees=[mentee])
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(url)

    def test_the_portfolio_file_opens_for_the_curator_and_not_for_another_school(self) -> None:
        pair = self.form()
        item = services.portfolio_add(
            actor=self.w.mentee_a,
            staff=self.mentee,
            mentorship=pair,
            upload=SimpleUploadedFile("урок.pdf", b"%PDF-1.4 open lesson"),
            kind="open_lesson",
            date=self.start,
            title="Открытый урок",
        )
        url = reverse("mentorships:portfolio_download", args=[item.pk])
        self.login(self.w.curator_a)
        page = self.client.get(reverse("mentorships:mentorship_detail", args=[pair.pk]))
        self.assertContains(page, url)
        response = self.client.get(url)
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        self.assertEqual(content, b"%PDF-1.4 open lesson")
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_mentor_fills_the_program_from_the_template_of_the_form(self) -> None:
        from nastavnik.banks.models import Competency, MenteeNeed

        profile = mentee_add(actor=self.w.curator_a, staff=self.mentee, year=self.year)
        need = Competency.objects.create(
            region=self.w.region, group="Урок", name="Формирующее оценивание"
        )
        MenteeNeed.objects.create(profile=profile, competency=need, source="curator")
        pair = self.form()
        self.login(self.w.mentor_a)
        url = reverse("mentorships:program_edit", args=[pair.pk])
        page = self.client.get(url)
        self.assertContains(page, "Потребности наставляемого из банка:")
        self.assertContains(page, "Заполнить по шаблону")
        page = self.client.get(url, {"template": "1"})
        self.assertContains(page, "Программа заполнена по шаблону формы «учитель – учитель»")
        form = page.context["form"]
        self.assertIn("закрепление молодого специалиста", form.initial["goal"])
        self.assertTrue(form.initial["tasks"].startswith("Развить компетенцию: Формирующее"))
        titles = [row["title"] for row in page.context["formset"].initial]
        self.assertEqual(titles.count("Организационная встреча"), 1)
        self.assertIn("Открытый урок наставляемого", titles)
        pair.program.refresh_from_db()
        self.assertEqual(pair.program.goal, "")  # nothing is saved until the mentor saves


class FormsInUseTests(MentorshipTestCase):
    def test_the_form_offers_the_forms_of_mentorship_the_school_uses_this_year(self) -> None:
        from nastavnik.roadmaps.services import roadmap_create

        url = reverse("mentorships:mentorship_create", args=[self.w.org_a.pk])
        self.login(self.w.curator_a)
        self.assertContains(self.client.get(url), 'value="employer_student"')
        roadmap = roadmap_create(actor=self.w.curator_a, organization=self.w.org_a, year=self.year)
        roadmap.forms = ["teacher_teacher", "director_teacher"]
        roadmap.save()
        page = self.client.get(url)
        self.assertContains(page, 'value="director_teacher"')
        self.assertNotContains(page, 'value="employer_student"')


class CompletionTests(MentorshipTestCase):
    def test_the_curator_completes_the_program_and_the_mentee_is_marked_in_the_bank(self) -> None:
        mentee_add(actor=self.w.curator_a, staff=self.mentee, year=self.year)
        pair = self.form(
            starts_on=self.start - datetime.timedelta(days=200),
            ends_on=self.start + datetime.timedelta(days=10),
        )
        url = reverse("mentorships:mentorship_complete", args=[pair.pk])
        self.login(self.w.mentor_a)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.w.curator_a)
        future = self.start + datetime.timedelta(days=3)
        page = self.client.post(url, {"completed_on": future.isoformat(), "result": ""})
        self.assertContains(page, "не может быть в будущем")
        response = self.client.post(
            url,
            {"completed_on": self.start.isoformat(), "result": "Провёл открытый урок"},
            follow=True,
        )
        self.assertContains(response, "Наставничество завершено.")
        pair.refresh_from_db()
        self.assertEqual(pair.status, Mentorship.Status.COMPLETED)
        profile = MenteeProfile.objects.get(staff=self.mentee)
        self.assertEqual(profile.status, MenteeProfile.Status.COMPLETED)
        self.assertEqual(profile.result, "Провёл открытый урок")
        self.assertEqual(self.client.get(url).status_code, 404)
