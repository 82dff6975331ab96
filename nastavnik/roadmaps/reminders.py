"""E-mail reminders to the people responsible for roadmap activities (and to the curators)."""

import datetime
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nastavnik.accounts.models import Role, RoleAssignment
from nastavnik.core.services import academic_year_for
from nastavnik.roadmaps import selectors
from nastavnik.roadmaps.models import Roadmap


def _line(item: dict[str, Any]) -> str:
    state = item["state"]
    day = state.due if state.overdue or state.due else state.next
    mark = _("overdue since %(date)s") if state.overdue else _("due %(date)s")
    return f"— {item['activity'].title} ({mark % {'date': day.strftime('%d.%m.%Y')}})"


def collect(today: datetime.date, days: int) -> list[EmailMessage]:
    """One message per person: the activities overdue and due within `days` days."""
    year = academic_year_for(today)
    horizon = today + datetime.timedelta(days=days)
    letters: dict[str, dict[str, Any]] = defaultdict(lambda: {"items": [], "name": ""})
    roadmaps = Roadmap.objects.filter(academic_year=year).select_related(
        "organization", "academic_year"
    )
    curators: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for assignment in RoleAssignment.objects.filter(
        role=Role.CURATOR, organization__roadmaps__academic_year=year
    ).select_related("user"):
        if assignment.user.email and assignment.user.is_active and assignment.organization_id:
            curators[assignment.organization_id].append(
                (assignment.user.email, assignment.user.full_name)
            )
    for roadmap in roadmaps:
        full = selectors.roadmap_for(roadmap.organization, year)
        assert full is not None
        for row in selectors.roadmap_rows(full, today):
            for item in row["items"]:
                state = item["state"]
                nearest = state.due or state.next
                if state.done or nearest is None:
                    continue
                if not (state.overdue or today <= nearest <= horizon):
                    continue
                people = [
                    (p.email or (p.user.email if p.user else ""), p.full_name)
                    for p in item["activity"].responsible_people.all()
                ]
                for email, name in [*people, *curators[roadmap.organization_id]]:
                    if email:
                        letters[email]["name"] = name
                        letters[email]["items"].append((roadmap, item))
    messages = []
    site = settings.SITE_URL.rstrip("/")
    for email, letter in letters.items():
        by_roadmap: dict[int, list[Any]] = defaultdict(list)
        for roadmap, item in letter["items"]:
            by_roadmap[roadmap.pk].append((roadmap, item))
        lines = [_("Good day, %(name)s!") % {"name": letter["name"]}, ""]
        for entries in by_roadmap.values():
            roadmap = entries[0][0]
            lines.append(roadmap.organization.short_name + ":")
            lines.extend(_line(item) for _r, item in entries)
            lines.append(site + reverse("roadmaps:roadmap_detail", args=[roadmap.organization_id]))
            lines.append("")
        lines.append(_("This letter was sent by Nastavnik."))
        messages.append(
            EmailMessage(
                subject=_("Roadmap: %(count)s activities need attention")
                % {"count": len(letter["items"])},
                body="\n".join(lines),
                to=[email],
            )
        )
    return messages


def send(today: datetime.date, days: int = 7) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        messages = collect(today, days)
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
