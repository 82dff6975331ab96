"""Academic years and the audit trail: the rules every area shares."""

import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from nastavnik.core.models import AcademicYear, AuditEvent


def academic_year_start(day: datetime.date) -> int:
    """The first calendar year of the academic year that contains `day` (1 Sep – 31 Aug)."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_for(day: datetime.date) -> AcademicYear:
    """The academic year containing `day`, created on first use."""
    year, _created = AcademicYear.objects.get_or_create(start_year=academic_year_start(day))
    return year


def academic_year_current() -> AcademicYear:
    return academic_year_for(timezone.localdate())


def academic_years_ensure(
    *, today: datetime.date | None = None, back: int = 1
) -> list[AcademicYear]:
    """Make sure the current year, `back` previous ones and the next one exist."""
    start = academic_year_start(today or timezone.localdate())
    years = []
    for start_year in range(start - back, start + 2):
        year, _created = AcademicYear.objects.get_or_create(start_year=start_year)
        years.append(year)
    return years


def _plain(value: Any) -> Any:
    """A field's value as the journal keeps it in JSON: a related record by its name, so that
    the journal reads it without a query per row."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def changes(before: dict[str, Any], record: models.Model) -> dict[str, dict[str, Any]]:
    """The fields of `before` that `record` now holds otherwise: {"before": …, "after": …},
    for the details of an audit row (the journal shows them as «было → стало»)."""
    old = {name: _plain(value) for name, value in before.items()}
    new = {name: _plain(getattr(record, name, None)) for name in before}
    changed = [name for name in old if old[name] != new[name]]
    return {
        "before": {name: old[name] for name in changed},
        "after": {name: new[name] for name in changed},
    }


def audit(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    organization: Any = None,
    region: Any = None,
    **details: Any,
) -> AuditEvent:
    """Write one audit row; called by services inside their transaction (STYLE.md habit 3)."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk or ""),
        target_repr=str(target)[:500],
        organization=organization,
        region=region,
        details=details,
    )
