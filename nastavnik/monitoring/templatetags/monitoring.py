"""How the figures of the dashboards are written: «83 %», «7,5», «+0,4», «—» for no data."""

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()
NBSP = "\u00a0"


@register.filter
def figure(value: Any, unit: str = "count") -> str:
    if value is None or value == "":
        return "—"
    if unit == "percent":
        return f"{number_format(value, 0)}{NBSP}%"
    if unit in ("mean", "change"):
        text = number_format(round(float(value), 2), 2 if unit == "change" else 1)
        if unit == "change" and float(value) > 0:
            return f"+{text}"
        return str(text)
    return str(number_format(value, 0, force_grouping=True))


@register.filter
def change(line: Any) -> str:
    """The change of a dashboard line against last year, with its sign."""
    delta = line.change
    if delta is None:
        return "—"
    unit = line.indicator.unit
    if unit in ("count", "percent"):  # a share changes by percentage points
        text = number_format(delta, 0, force_grouping=True)
    else:
        text = number_format(round(delta, 2), 2)
    return f"+{text}" if delta > 0 else str(text)


@register.filter
def value_of(figures: Any, key: str) -> Any:
    return figures[key]


@register.filter
def url_of(urls: Any, key: str) -> str:
    """Where a figure of a row leads, or nothing."""
    return str((urls or {}).get(key, ""))
