import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar

from nastavnik.banks.services import mentor_add
from nastavnik.mentorships import calendar, events
from nastavnik.mentorships.models import EventMaterial, OrganizationEvent
from nastavnik.mentorships.tests.test_mentorships import MentorshipTestCase
from nastavnik.testing import StaffMemberFactory

DAY = datetime.timedelta(days=1)


class EventTests(MentorshipTestCase):
    def create(self, title: str = "Установочная сессия", **kwargs: object) -> OrganizationEvent:
        return events.event_save(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            year=self.year,
            participants=list(kwargs.pop("participants", [self.mentor])),  # type: ignore[call-overload]
            kind=kwargs.pop("kind", "installation"),
            title=title,
            date=kwargs.pop("date", timezone.localdate() + DAY),
            time=datetime.time(14, 0),
            duration=90,
            place="Актовый зал",
            online_url="",
            description="",
        )

    def test_the_curator_creates_an_event_with_participants_and_a_material(self) -> None:
        mentor_add(actor=self.w.curator_a, staff=self.mentor, year=self.year)
        self.login(self.w.curator_a)
        day = timezone.localdate() + 2 * DAY
        response = self.client.post(
            reverse("mentorships:event_create", args=[self.w.org_a.pk]),
            {
                "kind": "installation",
                "title": "Установочная сессия наставников",
                "date": f"{day:%Y-%m-%d}",
                "time": "15:00",
                "duration": "60",
                "place": "Актовый зал",
                "all_mentors": "on",
                "participants": [self.mentee.pk],
            },
        )
        event = OrganizationEvent.objects.get()
        self.assertRedirects(response, reverse("mentorships:event_detail", args=[event.pk]))
        self.assertEqual(set(event.participants.all()), {self.mentor, self.mentee})
        response = self.client.post(
            reverse("mentorships:material_add", args=[event.pk]),
            {
                "title": "Положение о наставничестве",
                "file": SimpleUploadedFile("положение.pdf", b"%PDF-1.4 regulation"),
            },
        )
        self.assertRedirects(response, reverse("mentorships:event_detail", args=[event.pk]))
        material = EventMaterial.objects.get()
        page = self.client.get(reverse("mentorships:event_detail", args=[event.pk]))
        self.assertContains(page, "Установочная сессия наставников")
        self.assertContains(page, "Лебедева")
        self.assertContains(page, "Никитин")
        self.assertContains(page, reverse("mentorships:material_download", args=[material.pk]))
        self.client.post(reverse("mentorships:event_held", args=[event.pk]))
        event.refresh_from_db()
        self.assertTrue(event.held)
        listing = self.client.get(reverse("mentorships:event_list", args=[self.w.org_a.pk]))
        self.assertContains(listing, "Установочная сессия наставников")

    def test_a_participant_opens_the_material_and_sees_the_event_among_their_events(self) -> None:
        event = self.create()
        material = events.material_add(
            actor=self.w.curator_a,
            event=event,
            title="Презентация",
            upload=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides"),
        )
        self.login(self.w.mentor_a)
        response = self.client.get(reverse("mentorships:material_download", args=[material.pk]))
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4 slides")  # type: ignore[attr-defined]
        self.assertContains(self.client.get(reverse("mentorships:events_mine")), event.title)
        self.assertContains(self.client.get(reverse("mentorships:mine")), _("My events"))
        self.login(self.w.mentee_a)  # not a participant
        self.assertEqual(
            self.client.get(reverse("mentorships:event_detail", args=[event.pk])).status_code, 404
        )

    def test_a_participant_sees_the_event_in_their_calendar_and_ics(self) -> None:
        day = timezone.localdate() + 3 * DAY
        self.create("Круглый стол «Первый год в школе»", kind="round_table", date=day)
        self.login(self.w.mentor_a)
        page = self.client.get(reverse("mentorships:calendar_mine"), {"month": f"{day:%Y-%m}"})
        label = OrganizationEvent.Kind.ROUND_TABLE.label
        self.assertContains(page, f"{label}: Круглый стол «Первый год в школе»")
        body = calendar.ics(self.w.mentor_a, timezone.localdate())
        parsed = Calendar.from_ical(body)
        event = next(e for e in parsed.walk("VEVENT") if "Первый год" in str(e["SUMMARY"]))
        start = event.decoded("DTSTART")
        self.assertEqual((start.date(), start.hour), (day, 14))
        self.assertEqual(str(event["LOCATION"]), "Актовый зал")
        self.assertNotIn("Первый год", calendar.ics(self.w.mentee_a, timezone.localdate()).decode())

    def test_the_organization_calendar_shows_every_event(self) -> None:
        day = timezone.localdate() + DAY
        self.create("Конференция наставников", kind="conference", date=day, participants=[])
        self.login(self.w.curator_a)
        page = self.client.get(
            reverse("mentorships:calendar_organization", args=[self.w.org_a.pk]),
            {"month": f"{day:%Y-%m}"},
        )
        self.assertContains(page, "Конференция наставников")

    def test_a_curator_of_another_school_gets_404_on_the_event_and_its_material(self) -> None:
        event = self.create()
        material = events.material_add(
            actor=self.w.curator_a, event=event, title="Ссылка", url="https://example.org/"
        )
        self.login(self.w.curator_b)
        for url in (
            reverse("mentorships:event_detail", args=[event.pk]),
            reverse("mentorships:event_edit", args=[event.pk]),
            reverse("mentorships:material_download", args=[material.pk]),
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(
            self.client.post(
                reverse("mentorships:material_remove", args=[material.pk])
            ).status_code,
            404,
        )
        self.assertTrue(EventMaterial.objects.filter(pk=material.pk).exists())

    def test_a_participant_of_another_school_is_refused_and_nothing_is_saved(self) -> None:
        stranger = StaffMemberFactory.create(organization=self.w.org_b, last_name="Бетова")
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("mentorships:event_create", args=[self.w.org_a.pk]),
            {
                "kind": "master_class",
                "title": "Мастер-класс",
                "date": f"{timezone.localdate():%Y-%m-%d}",
                "participants": [stranger.pk],
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Выберите корректный вариант")
        refusal = _("Participants must be staff of the organization of the event.")
        with self.assertRaisesMessage(ValidationError, refusal):
            self.create(participants=[stranger])
        self.assertFalse(OrganizationEvent.objects.exists())

    def test_a_material_without_a_file_or_link_or_too_large_is_refused(self) -> None:
        event = self.create()
        self.login(self.w.curator_a)
        url = reverse("mentorships:material_add", args=[event.pk])
        self.assertContains(
            self.client.post(url, {"title": "Пусто"}), _("Attach a file or give a link.")
        )
        big = SimpleUploadedFile("big.pdf", b"0" * (events.MAX_MATERIAL_BYTES + 1))
        self.assertContains(
            self.client.post(url, {"title": "Большой", "file": big}),
            _("The file is larger than 20 MB."),
        )
        self.assertFalse(EventMaterial.objects.exists())

    def test_the_list_of_events_does_not_query_per_row(self) -> None:
        self.create("Первое")
        url = reverse("mentorships:event_list", args=[self.w.org_a.pk])
        self.login(self.w.curator_a)
        with CaptureQueriesContext(connection) as first:
            self.client.get(url)
        for n in range(5):
            event = self.create(f"Событие {n}", participants=[self.mentor, self.mentee, self.other])
            events.material_add(
                actor=self.w.curator_a, event=event, title="Ссылка", url="https://example.org/"
            )
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(url)
