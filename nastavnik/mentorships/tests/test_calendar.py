import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from nastavnik.mentorships import calendar, services
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.mentorships.tests.test_mentorships import MentorshipTestCase

DAY = datetime.timedelta(days=1)


class CalendarTests(MentorshipTestCase):
    def plan(self, pair: Mentorship, day: datetime.date, topic: str = "Разбор урока") -> Meeting:
        return services.meeting_log(
            actor=self.w.mentor_a,
            mentorship=pair,
            attended=[],
            kind="regular",
            date=day,
            time=datetime.time(15, 30),
            duration=45,
            place="Кабинет 21",
            topic=topic,
            held=False,
        )

    def test_the_mentor_sees_the_next_meeting_in_the_calendar(self) -> None:
        pair = self.form()
        tomorrow = timezone.localdate() + DAY
        self.plan(pair, tomorrow)
        self.login(self.w.mentor_a)
        page = self.client.get(reverse("mentorships:calendar_mine"), {"month": f"{tomorrow:%Y-%m}"})
        self.assertContains(page, "Следующая встреча")
        self.assertContains(page, f"{tomorrow:%d.%m.%Y} 15:30 — регулярная встреча: Разбор урока")
        self.assertContains(page, "Срок: Пробная встреча", count=0)  # meetings are not deadlines
        self.assertContains(page, "Получить адрес моего календаря")

    def test_a_wrong_month_shows_the_current_one(self) -> None:
        self.login(self.w.mentee_a)
        page = self.client.get(reverse("mentorships:calendar_mine"), {"month": "2026-13"})
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.context["month"], timezone.localdate().replace(day=1))

    def test_the_ics_feed_parses_and_lists_the_meetings(self) -> None:
        pair = self.form()
        day = timezone.localdate() + 3 * DAY
        self.plan(pair, day, topic="Формирующее оценивание")
        self.login(self.w.mentee_a)
        self.client.post(reverse("mentorships:calendar_feed_reset"))
        page = self.client.get(reverse("mentorships:calendar_mine"))
        url = page.context["feed_url"]
        self.assertIn("/calendar/feed/", url)
        self.client.logout()
        response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        parsed = Calendar.from_ical(response.content)
        events = [e for e in parsed.walk("VEVENT")]
        summaries = [str(e["SUMMARY"]) for e in events]
        self.assertIn("регулярная встреча: Формирующее оценивание", summaries)
        meeting = next(e for e in events if "Формирующее" in str(e["SUMMARY"]))
        start = meeting.decoded("DTSTART")
        self.assertEqual((start.date(), start.hour, start.minute), (day, 15, 30))
        self.assertEqual(str(start.tzinfo), "Europe/Moscow")
        self.assertEqual(str(meeting["LOCATION"]), "Кабинет 21")
        self.assertTrue(parsed.walk("VTIMEZONE"))

    def test_a_new_address_stops_the_old_feed(self) -> None:
        old = calendar.feed_for(self.w.mentor_a).token
        self.login(self.w.mentor_a)
        self.client.post(reverse("mentorships:calendar_feed_reset"))
        new = calendar.feed_for(self.w.mentor_a).token
        self.assertNotEqual(old, new)
        self.assertEqual(
            self.client.get(reverse("mentorships:calendar_feed", args=[old])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse("mentorships:calendar_feed", args=[new])).status_code, 200
        )

    def test_the_feed_holds_only_the_persons_own_meetings(self) -> None:
        self.form()
        other = self.form(mentor=self.mentor, mentees=[self.other])
        self.plan(other, timezone.localdate() + DAY, topic="Чужая встреча")
        body = calendar.ics(self.w.mentee_a, timezone.localdate()).decode()
        self.assertNotIn("Чужая встреча", body)
        self.assertIn("Чужая встреча", calendar.ics(self.w.mentor_a, timezone.localdate()).decode())

    def test_the_organization_calendar_shows_every_pair_to_the_curator_only(self) -> None:
        pair = self.form()
        self.plan(pair, timezone.localdate() + DAY)
        url = reverse("mentorships:calendar_organization", args=[self.w.org_a.pk])
        self.login(self.w.curator_a)
        self.assertContains(self.client.get(url), "Разбор урока")
        for outsider in (self.w.curator_b, self.w.mentee_a):
            self.login(outsider)
            self.assertIn(self.client.get(url).status_code, (403, 404))

    def test_the_calendar_does_not_issue_a_query_per_meeting(self) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        pair = self.form()
        self.plan(pair, timezone.localdate() + DAY)
        self.login(self.w.curator_a)
        url = reverse("mentorships:calendar_organization", args=[self.w.org_a.pk])
        with CaptureQueriesContext(connection) as one:
            self.client.get(url)
        for n in range(5):
            self.plan(pair, timezone.localdate() + (n + 2) * DAY)
        with self.assertNumQueries(len(one)):
            self.client.get(url)

    def test_mentor_and_mentee_are_reminded_the_day_before_once(self) -> None:
        self.mentor.email = "mentor@school.example"
        self.mentor.save(update_fields=["email"])
        self.mentee.email = "mentee@school.example"
        self.mentee.save(update_fields=["email"])
        pair = self.form()
        self.plan(pair, timezone.localdate() + DAY, topic="Открытый урок")
        self.plan(pair, timezone.localdate() + 2 * DAY, topic="Послезавтра")
        call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox), ["mentee@school.example", "mentor@school.example"]
        )
        letter = mail.outbox[0]
        self.assertEqual(letter.subject, "Встреча завтра: Открытый урок")
        self.assertIn("Место: Кабинет 21", letter.body)
        call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))
        self.assertEqual(len(mail.outbox), 2)
