"""Sections that a higher layer adds to a page of a lower one, named in settings.

A page of treaties or comparisons may show what the research layer knows about its subject
(a provision's literature claims, a pair's annotations) without importing research: the page's
template asks ``{% sections "pair" comparison=comparison row=row %}`` and settings map each
place to the callables that render a section there (``PAGE_SECTIONS``, dotted paths, like
middleware).  A section callable takes the request and the template's keywords and returns
HTML (``""`` for nothing); it must run a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

Section = Callable[..., str]


@cache
def _load(paths: tuple[str, ...]) -> tuple[Section, ...]:
    return tuple(import_string(path) for path in paths)


def sections_for(place: str) -> tuple[Section, ...]:
    return _load(tuple(getattr(settings, "PAGE_SECTIONS", {}).get(place, ())))


def render_sections(place: str, request: HttpRequest, **context: Any) -> SafeString:
    """Every section named for ``place``, rendered in order (each section escapes its own content)."""
    return mark_safe("".join(section(request, **context) for section in sections_for(place)))
