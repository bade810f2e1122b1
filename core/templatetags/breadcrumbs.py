"""``{% breadcrumb %}``: the trail of links above a page's title, the last one the page itself."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def _crumbs(parts: tuple[Any, ...]) -> list[tuple[str, str]]:
    """Label/URL pairs from ``parts``: a label followed by its URL, or a list of objects that name
    themselves (``breadcrumb_label`` and ``get_absolute_url()``, e.g. a provision's ancestors)."""
    crumbs: list[tuple[str, str]] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        if isinstance(part, (list, tuple)):
            crumbs += [(str(item.breadcrumb_label), item.get_absolute_url()) for item in part]
            index += 1
        else:
            if index + 1 >= len(parts):
                raise template.TemplateSyntaxError(f"breadcrumb: {part!r} has no URL")
            crumbs.append((str(part), str(parts[index + 1])))
            index += 2
    return crumbs


@register.inclusion_tag("_breadcrumb.html")
def breadcrumb(*parts: Any) -> dict[str, Any]:
    """``{% breadcrumb "Treaties" treaties_url treaty.label treaty.get_absolute_url %}``."""
    crumbs = _crumbs(parts)
    return {"crumbs": crumbs[:-1], "current": crumbs[-1] if crumbs else None}
