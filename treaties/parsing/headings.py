"""Recognising headings and numbered units on a printed line.

"Article N", "Article N — Title", "Article N: Title", "Article N Title", "CHAPTER I",
"Chapter II — Title", "Part III", "Preamble", "IN WITNESS WHEREOF …", "1. …", "(a) …".
Every pattern is anchored at the start and matches a title greedily, so a match costs time
linear in the line.
"""

from __future__ import annotations

import re

from .lines import DASHES, is_page_number

_SEP = rf"(?:\s*[{DASHES}:]|\s+-)\s*"
ARTICLE_RE = re.compile(rf"^(?:Article|ARTICLE)\s+(\d{{1,3}})(?:{_SEP}(\S.*))?\s*$")
ARTICLE_SPACE_RE = re.compile(r"^(?:Article|ARTICLE)\s+(\d{1,3})\s+([A-Z].*)$")  # "Article 4 Scope"
CHAPTER_RE = re.compile(rf"^((?:CHAPTER|Chapter|PART|Part)\s+(?:[IVXLC]+|\d{{1,2}}))(?:{_SEP}(\S.*))?\s*$")
PREAMBLE_RE = re.compile(r"^(?:Preamble|PREAMBLE)$")
TESTIMONIUM_HEADING_RE = re.compile(r"^(?:Testimonium|TESTIMONIUM)$")
TESTIMONIUM_RE = re.compile(r"^(?:IN WITNESS WHEREOF|In witness whereof|DONE at)\b")
PARA_RE = re.compile(r"^(\d{1,3})\.(?:\s|$)")
ENUM_RE = re.compile(r"^\(([a-z]{1,5})\)(?:\s|$)")
# "a) ..." / "iv) ...": the marker style of some regional publications, read as "(a) ...".
BARE_ENUM_RE = re.compile(r"^([a-z]{1,5})\)(?=\s|$)")
MARKER_ONLY_RE = re.compile(r"^(?:\([a-z]{1,5}\)|\d{1,3}\.)$")
TITLE_MAX_CHARS = 160  # a printed heading title longer than this is text


def heading_title(match: re.Match[str]) -> str:
    """The title printed on a heading line (group 2), or ""."""
    return (match.group(2) or "").rstrip()


def is_structural(text: str) -> bool:
    """Whether a line looks like a heading or a numbered unit, whatever comes before it."""
    return any(
        regex.match(text)
        for regex in (
            ARTICLE_RE,
            CHAPTER_RE,
            PREAMBLE_RE,
            TESTIMONIUM_HEADING_RE,
            TESTIMONIUM_RE,
            PARA_RE,
            ENUM_RE,
        )
    )


def title_like(text: str, *, first: bool = True) -> bool:
    """Whether a line may be (the first line of, with ``first``) a heading's title."""
    return (
        0 < len(text) <= TITLE_MAX_CHARS
        and text[-1] not in ".;:,-"
        and not (first and text[0].islower())
        and not is_structural(text)
        and not is_page_number(text)
    )
