"""What one imported treaty may hold: the one set of limits every import path checks.

The readers check a line as they read it (so no reader works on an unbounded line), the
tree builder checks the provisions it built, and the import service checks the whole
parsed treaty again before it writes anything; ``treaties.models`` and ``treaties.forms``
take their field sizes from here, so a value that passes cannot fail in the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .errors import TreatyFormatError

if TYPE_CHECKING:
    from .tree import ParsedProvision

# -- what a reader reads ------------------------------------------------------------------------------
#: One line of a file, or one printed line of a PDF (the longest corpus line is ~3,500).
MAX_LINE_CHARS = 20_000
#: One provision's text, joined from its printed lines.
MAX_TEXT_CHARS = 100_000
#: Glyphs on one PDF page (a dense printed page holds well under 10,000).
MAX_PAGE_GLYPHS = 30_000
#: Digits of an article, paragraph or chapter number.
MAX_NUMBER_DIGITS = 4

# -- what a row holds (model field sizes) ---------------------------------------------------------------
SLUG_MAX = 64
TITLE_MAX = 500
SHORT_TITLE_MAX = 120
LANGUAGE_MAX = 12
SOURCE_FILE_MAX = 500
NUMBER_MAX = 32
EID_MAX = 200
HEADING_MAX = 500

#: Front-matter keys with a size of their own; any other value is bounded by the line limit.
META_MAX = {"title": TITLE_MAX, "short_title": SHORT_TITLE_MAX, "language": LANGUAGE_MAX, "id": SLUG_MAX}


def _problem(field: str, value: str, limit: int) -> str | None:
    if "\x00" in value:
        return f"{field} contains a NUL byte"
    if len(value) > limit:
        return f"{field} is {len(value):,} characters long; the limit is {limit:,}"
    return None


def check_value(field: str, value: str, limit: int, *, source: str, line: int | None) -> str:
    """Return ``value``, or raise naming the file, line and field when it is too long or holds NUL."""
    problem = _problem(field, value, limit)
    if problem:
        raise TreatyFormatError(source, line, problem)
    return value


def check_line(text: str, *, source: str, line: int | None) -> str:
    return check_value("the line", text, MAX_LINE_CHARS, source=source, line=line)


def check_lines(lines: Iterable[str], *, source: str, first: int = 1) -> None:
    for number, text in enumerate(lines, start=first):
        check_line(text, source=source, line=number)


def check_number(digits: str, what: str, *, source: str, line: int | None) -> int:
    """An article, paragraph or chapter number as an int; refuse more than MAX_NUMBER_DIGITS digits."""
    if len(digits) > MAX_NUMBER_DIGITS:
        shown = f"{digits[:8]}…" if len(digits) > 8 else digits
        raise TreatyFormatError(
            source, line, f"{what} number {shown} has {len(digits):,} digits; the limit is {MAX_NUMBER_DIGITS}"
        )
    return int(digits)


def check_meta(meta: Mapping[str, str], *, source: str, lines: Mapping[str, int] | None = None) -> None:
    """Front matter (or --id/--title): every value free of NUL, the model's fields within their sizes."""
    for key, value in meta.items():
        where = (lines or {}).get(key)
        check_value(f"front matter '{key}'", key, MAX_LINE_CHARS, source=source, line=where)
        check_value(f"front matter '{key}'", value, META_MAX.get(key, MAX_LINE_CHARS), source=source, line=where)


def check_provisions(provisions: Iterable[ParsedProvision], *, source: str) -> None:
    for item in provisions:
        for field, value, limit in (
            ("eId", item.eid, EID_MAX),
            ("number", item.number, NUMBER_MAX),
            ("heading", item.heading, HEADING_MAX),
            ("text", item.text, MAX_TEXT_CHARS),
        ):
            problem = _problem(field, value, limit)
            if problem:
                raise TreatyFormatError(source, item.line or None, f"provision {item.eid[:60]}: {problem}")
