"""The completion panels included in pages owned by other areas: the reports on the page of a
pair or group, the mentorships year by year on the person's card."""

from typing import Any

from django import template

from nastavnik.accounts import access
from nastavnik.mentorships import completion, selectors
from nastavnik.mentorships.models import Mentorship
from nastavnik.staff.models import StaffMember

register = template.Library()


@register.inclusion_tag("mentorships/completion/_reports.html", takes_context=True)
def completion_reports(context: dict[str, Any], mentorship: Mentorship) -> dict[str, Any]:
    """The reports of the pair or group as the user may see them, with the buttons."""
    user = context["request"].user
    mentorship = completion.with_reports(Mentorship.objects.filter(pk=mentorship.pk)).get()
    own = completion.author_in(user, mentorship)
    manage = selectors.can_manage(user, mentorship)
    observer = access.can(user, access.OBSERVER_ROLES, mentorship.organization)
    rows = []
    for entry in completion.entries(mentorship):
        report = entry.report
        rows.append(
            {
                "entry": entry,
                "readable": report is not None
                and completion.readable(own, observer, manage, report),
                "mine": own is not None and own[0].pk == entry.person.pk,
            }
        )
    mine = next((r for r in rows if r["mine"]), None)
    return {
        "mentorship": mentorship,
        "rows": rows,
        "mine": mine,
        "can_note": manage or selectors.is_mentor(user, mentorship),
        "can_manage": manage,
        "ended": mentorship.status in completion.ENDED,
    }


@register.inclusion_tag("mentorships/completion/_person_history.html")
def person_mentorships(person: StaffMember) -> dict[str, Any]:
    """The person's mentorships year by year (stage 8, the information base of participants)."""
    return {"years": completion.person_mentorships(person), "person": person}
