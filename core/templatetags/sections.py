"""``{% sections "place" key=value … %}``: what higher layers add to this page (see core.sections)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from core.sections import render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def sections(context: template.Context, place: str, **values: Any) -> SafeString:
    return render_sections(place, context["request"], **values)
