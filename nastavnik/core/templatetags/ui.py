"""Small template helpers for the Bootstrap markup of the shell."""

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

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
