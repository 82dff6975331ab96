"""Rules of the curator's pages of running surveys that services.py does not hold: why a
reminder does not go to somebody, who is shown the invited people."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from nastavnik.accounts import access
from nastavnik.surveys import services
from nastavnik.surveys.models import Survey


@dataclass
class Reminded:
    """The outcome of «remind now»: letters sent and why the others got none."""

    sent: int = 0
    not_open: bool = False
    limit_reached: int = 0
    too_early: int = 0
    no_email: int = 0


def _held_back(survey: Survey, today: datetime.date) -> Reminded:
    """Count, among those who have not answered, the ones a reminder will not reach today,
    by the same rules as services.send_reminders (first no e-mail, then the limit, then the
    interval)."""
    result = Reminded()
    due = today - datetime.timedelta(days=survey.reminder_interval_days)
    rows = survey.invitations.filter(answered=False).values_list(
        "staff__email", "reminders_sent", "reminded_on", "emailed_at"
    )
    for email, sent, reminded_on, emailed_at in rows:
        if not email:
            result.no_email += 1
        elif sent >= survey.reminder_limit:
            result.limit_reached += 1
        elif (reminded_on and reminded_on > due) or (
            emailed_at and timezone.localtime(emailed_at).date() > due
        ):
            result.too_early += 1
    return result


def remind_now(*, actor: Any, survey: Survey, today: datetime.date | None = None) -> Reminded:
    """Send the reminders that are due for one survey now and say why the others did not go."""
    today = today or timezone.localdate()
    if services.survey_state(survey, today).code != "open":
        return Reminded(not_open=True)
    with transaction.atomic():
        result = _held_back(survey, today)
        result.sent = services.send_reminders(today, survey=survey)
    return result


def sees_people(user: Any, survey: Survey) -> bool:
    """Who was invited and who answered is shown to those who run the organization's surveys;
    methodologists outside the organization see the counts only."""
    return access.can(user, access.MANAGER_ROLES, survey.organization)
