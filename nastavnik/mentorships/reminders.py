"""E-mail reminders the day before a planned meeting, to the mentor and the mentees."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nastavnik.mentorships.models import Meeting


def _letter(meeting: Meeting, email: str, name: str) -> EmailMessage:
    site = settings.SITE_URL.rstrip("/")
    when = meeting.date.strftime("%d.%m.%Y")
    if meeting.time:
        when += " " + meeting.time.strftime("%H:%M")
    lines = [
        _("Good day, %(name)s!") % {"name": name},
        "",
        _("Tomorrow, %(when)s, there is a meeting of your mentorship:") % {"when": when},
        f"{Meeting.Kind(meeting.kind).label}: {meeting.topic}",
    ]
    if meeting.place:
        lines.append(_("Place: %(place)s") % {"place": meeting.place})
    if meeting.online_url:
        lines.append(_("Online: %(url)s") % {"url": meeting.online_url})
    mentees = ", ".join(m.full_name for m in meeting.mentorship.mentees.all())
    lines += [
        _("Mentor: %(mentor)s; mentees: %(mentees)s")
        % {"mentor": meeting.mentorship.mentor.full_name, "mentees": mentees},
        "",
        site + reverse("mentorships:mentorship_detail", args=[meeting.mentorship_id]),
        "",
        _("This letter was sent by Nastavnik."),
    ]
    return EmailMessage(
        subject=_("Meeting tomorrow: %(topic)s") % {"topic": meeting.topic},
        body="\n".join(lines),
        to=[email],
    )


def send(today: datetime.date) -> int:
    """Remind of tomorrow's planned meetings that have not been reminded of; returns the number
    of letters. Running it twice a day sends nothing twice."""
    tomorrow = today + datetime.timedelta(days=1)
    with transaction.atomic():
        meetings = list(
            Meeting.objects.select_for_update(of=("self",))
            .filter(date=tomorrow, held=False, reminded_at__isnull=True)
            .exclude(mentorship__status__in=["completed", "ended_early"])
            .select_related("mentorship__mentor__user")
            .prefetch_related("mentorship__mentees__user", "mentorship__co_mentors__user")
        )
        letters = []
        with translation.override(settings.LANGUAGE_CODE):
            for meeting in meetings:
                people = [
                    meeting.mentorship.mentor,
                    *meeting.mentorship.co_mentors.all(),
                    *meeting.mentorship.mentees.all(),
                ]
                seen: set[str] = set()
                for person in people:
                    email = person.email or (person.user.email if person.user else "")
                    if email and email not in seen:
                        seen.add(email)
                        letters.append(_letter(meeting, email, person.full_name))
        if letters:
            get_connection().send_messages(letters)
        Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(reminded_at=timezone.now())
    return len(letters)
