import datetime
import io
from typing import Any

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nastavnik.banks.services import consent_issue, consent_sign
from nastavnik.core.services import academic_year_current, academic_years_ensure
from nastavnik.documents import services as documents
from nastavnik.documents.kinds import get_kind
from nastavnik.roadmaps import selectors, services
from nastavnik.roadmaps.models import Activity, Publication, Roadmap
from nastavnik.roadmaps.standard import STANDARD
from nastavnik.testing import BaseTestCase, StaffMemberFactory

PDF = b"%PDF-1.4 signed"


class RoadmapTests(BaseTestCase):
    def setUp(self) -> None:
        self.year = academic_year_current()

    def make(self) -> Roadmap:
        return services.roadmap_create(
            actor=self.w.curator_a, organization=self.w.org_a, year=self.year
        )

    def url(self, name: str, *args: Any) -> str:
        return reverse(f"roadmaps:{name}", args=[self.w.org_a.pk, *args])

    def test_the_standard_roadmap_has_every_stage_and_the_risks_of_seed_002(self) -> None:
        roadmap = self.make()
        self.assertEqual(roadmap.stages.count(), len(STANDARD))
        self.assertEqual(
            Activity.objects.filter(stage__roadmap=roadmap).count(),
            sum(len(s.activities) for s in STANDARD),
        )
        self.assertEqual(
            [r.title.split()[0] for r in roadmap.risks.all()],
            ["Сдвиг", "Недостаточная", "Форс-мажорные", "Формализованное"],
        )
        self.assertTrue(roadmap.risks.get(title="Формализованное наставничество").formalism)
        self.assertIn("Школа Альфа", roadmap.title)

    def test_an_activity_completes_itself_when_the_order_is_signed(self) -> None:
        roadmap = self.make()
        activity = Activity.objects.get(stage__roadmap=roadmap, fact="curator_order_signed")
        today = timezone.localdate()
        state = selectors.roadmap_rows(roadmap, today)
        item = next(i for r in state for i in r["items"] if i["activity"].pk == activity.pk)
        self.assertFalse(item["state"].done)
        person = StaffMemberFactory.create(organization=self.w.org_a)
        document = documents.document_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            kind=get_kind("order_curator"),
            number="5",
            day=today,
            title="О назначении куратора",
            data={"rows": [{"person": person.pk, "direction": ""}]},
        )
        documents.document_sign(
            actor=self.w.curator_a,
            document=document,
            scan=SimpleUploadedFile("s.pdf", PDF),
            signed_at=today,
        )
        state = selectors.roadmap_rows(roadmap, today)
        item = next(i for r in state for i in r["items"] if i["activity"].pk == activity.pk)
        self.assertTrue(item["state"].done and item["state"].auto)
        self.assertIn("подписан", item["state"].explanation)

    def test_an_activity_past_its_deadline_is_overdue_and_shown_on_the_home_page(self) -> None:
        roadmap = self.make()
        activity = Activity.objects.filter(stage__roadmap=roadmap, fact="").first()
        assert activity is not None
        activity.deadline = (timezone.localdate() - datetime.timedelta(days=3)).strftime("%d.%m.%Y")
        activity.save()
        self.login(self.w.curator_a)
        home = self.client.get("/")
        self.assertContains(home, "Просрочено")
        self.assertContains(home, activity.title)

    def test_the_curator_edits_an_activity_and_links_evidence(self) -> None:
        roadmap = self.make()
        activity = Activity.objects.filter(stage__roadmap=roadmap).first()
        assert activity is not None
        person = StaffMemberFactory.create(organization=self.w.org_a)
        self.login(self.w.curator_a)
        response = self.client.post(
            self.url("activity_edit", activity.pk),
            {
                "title": "Подготовка приказов",
                "content": "Приказ о внедрении",
                "deadline": "Сентябрь – октябрь 2026",
                "responsible_roles": ["director", "curator"],
                "responsible_text": "",
                "people": [person.pk],
                "fact": "",
                "status": "done",
                "completed_on": "",
                "note": "",
            },
        )
        self.assertRedirects(response, self.url("roadmap_detail"))
        activity.refresh_from_db()
        self.assertEqual(activity.status, "done")
        self.assertIsNotNone(activity.completed_on)
        self.assertEqual(list(activity.responsible_people.all()), [person])
        self.client.post(
            self.url("evidence_add", activity.pk),
            {"evidence-url": "https://school.example/news/1", "evidence-note": "Новость на сайте"},
        )
        page = self.client.get(self.url("roadmap_detail"))
        self.assertContains(page, "Новость на сайте")
        self.assertContains(page, "Подготовка приказов")

    def test_a_free_text_deadline_is_kept_with_a_warning(self) -> None:
        roadmap = self.make()
        activity = Activity.objects.filter(stage__roadmap=roadmap).first()
        assert activity is not None
        self.login(self.w.curator_a)
        response = self.client.post(
            self.url("activity_edit", activity.pk),
            {"title": activity.title, "deadline": "по согласованию", "status": "planned"},
            follow=True,
        )
        self.assertContains(response, "сохранён как текст")
        activity.refresh_from_db()
        self.assertEqual(activity.deadline, "по согласованию")

    def test_the_roadmap_rolls_over_to_the_next_year(self) -> None:
        academic_years_ensure()
        roadmap = self.make()
        first = Activity.objects.filter(stage__roadmap=roadmap).first()
        assert first is not None
        first.deadline = f"Сентябрь {self.year.start_year}"
        first.status = "done"
        first.save()
        next_year = self.year.__class__.objects.get(start_year=self.year.start_year + 1)
        copy = services.roadmap_create(
            actor=self.w.curator_a, organization=self.w.org_a, year=next_year, copy_from=roadmap
        )
        moved = (
            Activity.objects.filter(stage__roadmap=copy).order_by("stage__order", "order").first()
        )
        assert moved is not None
        self.assertEqual(moved.deadline, f"Сентябрь {self.year.start_year + 1}")
        self.assertEqual(moved.status, "planned")
        self.assertEqual(copy.risks.count(), 4)

    def test_the_roadmap_document_has_the_approval_blocks_and_every_activity(self) -> None:
        self.make()
        today = timezone.localdate()
        document = documents.document_create(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            kind=get_kind("roadmap"),
            number="",
            day=today,
            title="Дорожная карта",
            data={
                "approval_number": "63",
                "approval_date": today.isoformat(),
                "council_number": "1",
            },
        )
        with document.file.open("rb") as f:
            parsed = docx.Document(io.BytesIO(f.read()))
        cells = [c.text for t in parsed.tables for r in t.rows for c in r.cells]
        text = "\n".join([p.text for p in parsed.paragraphs] + cells)
        self.assertIn("УТВЕРЖДАЮ", text)
        self.assertIn("Приказ № 63 от «", text)
        self.assertIn("ПРИНЯТ", text)
        self.assertIn("Протокол № 1", text)
        for stage in STANDARD:
            self.assertIn(stage.title, text)
        self.assertIn("Ежегодно, до 1 октября", text)

    def test_a_publication_names_only_people_who_consented(self) -> None:
        person = StaffMemberFactory.create(organization=self.w.org_a, last_name="Публичная")
        self.login(self.w.curator_a)
        data = {
            "title": "Установочная сессия",
            "text": "Наставники обсудили план.",
            "date": timezone.localdate().isoformat(),
            "channel": "both",
            "people": [person.pk],
            "is_published": "on",
        }
        response = self.client.post(self.url("publication_create"), data)
        self.assertContains(response, "Нет подписанного согласия на публикацию")
        self.assertFalse(Publication.objects.exists())
        consent_sign(
            actor=self.w.curator_a,
            consent=consent_issue(actor=self.w.curator_a, staff=person, kind="publication"),
            scan=SimpleUploadedFile("s.pdf", PDF),
            signed_at=timezone.localdate(),
        )
        self.client.post(self.url("publication_create"), data)
        self.assertTrue(Publication.objects.filter(people=person).exists())
        Publication.objects.create(
            organization=self.w.org_a, title="Черновик", text="…", date=timezone.localdate()
        )
        self.client.logout()
        public = self.client.get(reverse("roadmaps:public_page", args=[self.w.org_a.pk]))
        self.assertContains(public, "Установочная сессия")
        self.assertNotContains(public, "Черновик")
        feed = self.client.get(reverse("roadmaps:public_feed", args=[self.w.org_a.pk]))
        self.assertEqual(feed["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertIn(b"<title>\xd0\xa3\xd1\x81\xd1\x82\xd0\xb0", feed.content)
        self.assertNotIn("Черновик".encode(), feed.content)

    def test_methodologists_see_the_progress_of_every_organization(self) -> None:
        self.make()
        services.roadmap_create(actor=self.w.curator_b, organization=self.w.org_b, year=self.year)
        self.login(self.w.regional)
        url = reverse("roadmaps:overview")
        self.client.get(url)
        with self.assertNumQueries(11):
            page = self.client.get(url)
        self.assertContains(page, "Школа Альфа")
        self.assertContains(page, "Школа Бета")
        self.assertContains(page, "нет дорожной карты")  # the college has none
        self.login(self.w.municipal_b)
        page = self.client.get(url)
        self.assertNotContains(page, "Школа Альфа")
        self.login(self.w.curator_a)
        self.assertEqual(self.client.get(url).status_code, 403)


class ReminderTests(BaseTestCase):
    def test_the_responsible_and_the_curator_are_reminded_of_what_is_due(self) -> None:
        from django.core import mail

        from nastavnik.roadmaps.reminders import send

        year = academic_year_current()
        roadmap = services.roadmap_create(
            actor=self.w.curator_a, organization=self.w.org_a, year=year
        )
        today = timezone.localdate()
        person = StaffMemberFactory.create(organization=self.w.org_a, email="teacher@example.org")
        soon = Activity.objects.filter(stage__roadmap=roadmap, fact="").first()
        assert soon is not None
        soon.deadline = (today + datetime.timedelta(days=3)).strftime("%d.%m.%Y")
        soon.save()
        soon.responsible_people.add(person)
        Activity.objects.filter(stage__roadmap=roadmap).exclude(pk=soon.pk).update(status="done")
        self.assertEqual(send(today, days=7), 2)
        recipients = sorted(m.to[0] for m in mail.outbox)
        self.assertEqual(recipients, sorted(["teacher@example.org", "curator_a@example.org"]))
        letter = next(m for m in mail.outbox if m.to == ["teacher@example.org"])
        self.assertIn(soon.title, letter.body)
        self.assertIn("срок", letter.body)
        self.assertIn("Дорожная карта", letter.subject)
        mail.outbox.clear()
        soon.status = "done"
        soon.save()
        self.assertEqual(send(today, days=7), 0)


class SeedRoundTripTests(BaseTestCase):
    def test_every_seed_is_entered_with_the_editor_without_loss(self) -> None:
        """Each of the five seed roadmaps entered through the editor's services reads back
        stage by stage and activity by activity as written."""
        from nastavnik.roadmaps.seeds import SEEDS

        years = academic_years_ensure()
        for number, (key, seed) in enumerate(SEEDS.items()):
            organization = self.w.org_a if number % 2 == 0 else self.w.org_b
            year = years[number % len(years)]
            Roadmap.objects.filter(organization=organization, academic_year=year).delete()
            roadmap = Roadmap.objects.create(
                organization=organization, academic_year=year, title=seed.title
            )
            for stage in seed.stages:
                saved = services.stage_save(
                    actor=self.w.curator_a, roadmap=roadmap, stage=None, title=stage.title
                )
                for item in stage.activities:
                    activity = services.activity_add(
                        actor=self.w.curator_a, stage=saved, title=item.title
                    )
                    services.activity_update(
                        actor=self.w.curator_a,
                        activity=activity,
                        people=[],
                        title=item.title,
                        content=item.content,
                        deadline=item.deadline,
                        responsible_roles=[],
                        responsible_text=item.responsible,
                        fact="",
                        status="planned",
                        completed_on=None,
                        note="",
                    )
            stored = [
                (
                    s.title,
                    [
                        (a.title, a.content, a.deadline, a.responsible_text)
                        for a in s.activities.order_by("order")
                    ],
                )
                for s in roadmap.stages.order_by("order")
            ]
            expected = [
                (s.title, [(a.title, a.content, a.deadline, a.responsible) for a in s.activities])
                for s in seed.stages
            ]
            self.assertEqual(stored, expected, key)


class RegionTemplateTests(BaseTestCase):
    def test_a_school_starts_from_the_template_the_region_published(self) -> None:
        year = academic_year_current()
        roadmap = services.roadmap_create(
            actor=self.w.curator_a, organization=self.w.org_a, year=year
        )
        stage = roadmap.stages.first()
        assert stage is not None
        services.activity_add(actor=self.w.curator_a, stage=stage, title="Региональный семинар")
        self.login(self.w.curator_a)
        publish = reverse("roadmaps:region_template_publish", args=[self.w.org_a.pk])
        self.assertEqual(self.client.post(publish).status_code, 403)
        self.login(self.w.regional)
        self.client.post(publish)
        self.login(self.w.curator_b)
        page = self.client.get(reverse("roadmaps:roadmap_detail", args=[self.w.org_b.pk]))
        self.assertContains(page, "create-from-region")
        self.client.post(
            reverse("roadmaps:roadmap_create", args=[self.w.org_b.pk]), {"region_template": "1"}
        )
        copy = Roadmap.objects.get(organization=self.w.org_b, academic_year=year)
        self.assertTrue(
            Activity.objects.filter(stage__roadmap=copy, title="Региональный семинар").exists()
        )
        self.assertIn("Школа Бета", copy.title)
