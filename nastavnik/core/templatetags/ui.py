"""Small template helpers for the Bootstrap markup of the shell."""

import re
from typing import Any

from django import forms, template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def widget(field: forms.BoundField) -> SafeString:
    """Render a form field's widget with the Bootstrap class that fits it."""
    w = field.field.widget
    if isinstance(w, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(w, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif isinstance(w, forms.RadioSelect | forms.CheckboxSelectMultiple):
        css = ""
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs: dict[str, Any] = {"class": css.strip()}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def column(field: forms.BoundField) -> str:
    """Grid classes for a field in a row of a table form: wide lists, narrow dates."""
    w = field.field.widget
    if isinstance(w, forms.SelectMultiple | forms.Textarea):
        return "col-12 col-lg-6"
    if isinstance(w, forms.DateInput | forms.TimeInput | forms.NumberInput):
        return "col-6 col-md-3 col-lg-2"
    return "col-12 col-md-6 col-lg-4"


CODE_WORD = re.compile(r"(?<![\w.])(\.?[a-z][a-z_0-9]*(?:\.[a-z_][a-z_0-9]*)*)(?![\w])")


@register.filter
def code_words(text: str) -> SafeString:
    """A description of template variables with its Latin names and values (`.amount`,
    `conference`) shown as code, as a template author types them; the Russian words stay."""
    parts = CODE_WORD.split(str(text))  # the words caught are at the odd places
    return mark_safe(  # noqa: S308 (every part escaped)
        "".join(f"<code>{escape(p)}</code>" if i % 2 else escape(p) for i, p in enumerate(parts))
    )
