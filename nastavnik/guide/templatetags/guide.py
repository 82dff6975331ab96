"""{% guide_url %}: the section of the guide that explains the current page."""

from typing import Any

from django import template
from django.urls import reverse

from nastavnik.guide.sections import section_for

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_url(context: Any) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    role = context.get("active_role")
    section = section_for(match.view_name if match else None, role.role if role else None)
    guide, _sep, anchor = section.partition("#")
    return f"{reverse(f'guide:{guide}')}#{anchor}"
