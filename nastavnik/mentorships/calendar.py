"""The calendar of meetings and program deadlines: of a person, of an organization, and as an
ICS feed for phone and desktop calendars."""

import calendar as month_calendar
import datetime
import secrets
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as IcsEvent

from nastavnik.mentorships.models import (
    CalendarFeed,
    Meeting,
    Mentorship,
    OrganizationEvent,
    ProgramActivity,
)
from nastavnik.organizations.models import Organization

FEED_DAYS_BACK = 90


@dataclass
class Entry:
    """One thing on a day of the calendar."""

    uid: str
    date: datetime.date
    title: str
    url: str
    kind: str  # "meeting", "deadline" or "event"
    time: datetime.time | None = None
    minutes: int | None = None
    place: str = ""
    online_url: str = ""
    who: str = ""
    held: bool = False
    notes: str = ""


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    entries: list[Entry] = field(default_factory=list)


def own_mentorships(user: Any) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(
        Q(mentor__user=user) | Q(co_mentors__user=user) | Q(mentees__user=user)
    ).distinct()


def _events(
    mentorships: QuerySet[Mentorship],
    start: datetime.date,
    end: datetime.date,
    person: Any = None,
    organization: Organization | None = None,
) -> QuerySet[OrganizationEvent]:
    """The events of a person's calendar (those he or she takes part in), of an organization's
    (all of it), or else of the organizations of the mentorships."""
    events = OrganizationEvent.objects.filter(date__range=(start, end))
    if person is not None:
        return events.filter(participants__user=person).distinct()
    if organization is not None:
        return events.filter(organization=organization)
    return events.filter(organization__in=mentorships.values("organization"))


def _who(mentorship: Mentorship) -> str:
    mentees = ", ".join(m.full_name for m in mentorship.mentees.all())
    return f"{mentorship.mentor.full_name} — {mentees}"


def entries(
    mentorships: QuerySet[Mentorship],
    start: datetime.date,
    end: datetime.date,
    *,
    person: Any = None,
    organization: Organization | None = None,
) -> list[Entry]:
    """Meetings (held and planned) and the deadlines of undone program activities between
    `start` and `end` inclusive, with the events of the organization (for a person: those he or
    she takes part in), in order of date and time; four queries whatever the count."""
    ids = list(mentorships.values_list("pk", flat=True))
    meetings = (
        Meeting.objects.filter(mentorship__in=ids, date__range=(start, end))
        .select_related("mentorship__mentor")
        .prefetch_related("mentorship__mentees")
    )
    result = [
        Entry(
            uid=f"meeting-{m.pk}",
            date=m.date,
            time=m.time,
            minutes=m.duration,
            title=f"{Meeting.Kind(m.kind).label}: {m.topic}",
            url=reverse("mentorships:mentorship_detail", args=[m.mentorship_id]),
            kind="meeting",
            place=m.place,
            online_url=m.online_url,
            who=_who(m.mentorship),
            held=m.held,
            notes=m.notes,
        )
        for m in meetings
    ]
    activities = (
        ProgramActivity.objects.filter(
            program__mentorship__in=ids,
            status=ProgramActivity.Status.PLANNED,
            due_on__range=(start, end),
        )
        .exclude(kind=ProgramActivity.Kind.MEETING)
        .select_related("program__mentorship__mentor")
        .prefetch_related("program__mentorship__mentees")
    )
    result += [
        Entry(
            uid=f"activity-{a.pk}",
            date=a.due_on,
            title=_("Due: %(activity)s") % {"activity": a.title},
            url=reverse("mentorships:mentorship_detail", args=[a.program.mentorship_id]),
            kind="deadline",
            who=_who(a.program.mentorship),
        )
        for a in activities
        if a.due_on is not None
    ]
    result += [
        Entry(
            uid=f"event-{e.pk}",
            date=e.date,
            time=e.time,
            minutes=e.duration,
            title=f"{OrganizationEvent.Kind(e.kind).label}: {e.title}",
            url=reverse("mentorships:event_detail", args=[e.pk]),
            kind="event",
            place=e.place,
            online_url=e.online_url,
            who=e.organization.short_name,
            held=e.held,
            notes=e.description,
        )
        for e in _events(mentorships, start, end, person, organization).select_related(
            "organization"
        )
    ]
    result.sort(key=lambda e: (e.date, e.time or datetime.time(0), e.title))
    return result


def organization_mentorships(organization: Organization) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(organization=organization)


def month_weeks(year: int, month: int, items: list[Entry]) -> list[list[Day]]:
    """The weeks (Monday first) of a month with the entries of each day."""
    by_day: dict[datetime.date, list[Entry]] = {}
    for item in items:
        by_day.setdefault(item.date, []).append(item)
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[Day(d, d.month == month, by_day.get(d, [])) for d in week] for week in weeks]


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]


def parse_month(value: str | None, today: datetime.date) -> tuple[int, int]:
    """`2026-11` → (2026, 11); anything else is the current month."""
    try:
        year_text, month_text = (value or "").split("-")
        year, month = int(year_text), int(month_text)
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


@transaction.atomic
def feed_for(user: Any, *, reset: bool = False) -> CalendarFeed:
    """The person's feed, created on first use; `reset` gives it a new secret address so that
    the old one stops working."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
    if reset:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token"])
    return feed


def ics(user: Any, today: datetime.date) -> bytes:
    """The person's meetings and deadlines from 90 days back to the end of next year."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    site = settings.SITE_URL.rstrip("/")
    cal = Calendar()
    cal.add("prodid", "-//Nastavnik//mentorship//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Nastavnik: meetings of %(name)s") % {"name": user.full_name})
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    host = site.split("://", 1)[-1].split("/", 1)[0] or "nastavnik"
    start = today - datetime.timedelta(days=FEED_DAYS_BACK)
    end = datetime.date(today.year + 1, 12, 31)
    for entry in entries(own_mentorships(user), start, end, person=user):
        event = IcsEvent()
        event.add("uid", f"{entry.uid}@{host}")
        event.add("summary", entry.title)
        event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
        if entry.time is not None:
            begins = datetime.datetime.combine(entry.date, entry.time, tzinfo=zone)
            event.add("dtstart", begins)
            event.add("dtend", begins + datetime.timedelta(minutes=entry.minutes or 45))
        else:
            event.add("dtstart", entry.date)
            event.add("dtend", entry.date + datetime.timedelta(days=1))
        location = ", ".join(x for x in (entry.place, entry.online_url) if x)
        if location:
            event.add("location", location)
        description = [entry.who, entry.notes, site + entry.url]
        event.add("description", "\n".join(x for x in description if x))
        event.add("url", site + entry.url)
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
