"""URL path converters shared by the apps' URLconfs."""

from __future__ import annotations


class PrintableSegment:
    """One path segment, like Django's ``str``, but without control characters.

    A NUL byte (``%00``) reached the database through ``<str:…>`` and PostgreSQL refused it
    (a 500); with this converter such a path matches no route and is a 404.
    """

    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
