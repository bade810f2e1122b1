"""Printed pages: splitting plain text into pages, and removing running heads, footers and page numbers."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from .headings import is_structural
from .lines import SourceLine, is_page_number, squash

HEADER_ZONE = 3  # lines at the top/bottom of a page that may be running heads


def _key(text: str) -> str:
    """Compare running heads with their page numbers ignored."""
    return re.sub(r"\d+", "#", squash(text)).casefold()


def _may_run(text: str) -> bool:
    """Whether a line may be a running head or footer: not a heading, unit or sentence end."""
    return not is_structural(text) and text[-1] not in ".;:,-"


def _running_lines(pages: Sequence[Sequence[SourceLine]]) -> tuple[set[str], set[str]]:
    """Keys of the running heads and of the running footers.

    A running head is a line that appears among the first (footer: last) few lines of at least
    30% of the pages (and of two pages at least), digits ignored, and is not itself a heading, a
    numbered unit or the end of a sentence.
    """
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        printed = [line.text.strip() for line in page if line.text.strip()]
        top.update({_key(t) for t in printed[:HEADER_ZONE] if _may_run(t)})
        bottom.update({_key(t) for t in printed[-HEADER_ZONE:] if _may_run(t)})
    threshold = max(2, math.ceil(0.3 * len(pages)))
    return (
        {key for key, count in top.items() if count >= threshold},
        {key for key, count in bottom.items() if count >= threshold},
    )


def _body(page: Sequence[SourceLine], headers: set[str], footers: set[str]) -> Sequence[SourceLine]:
    """The page without blank lines, running heads and page numbers at its top and bottom."""
    start, end = 0, len(page)
    for at_top, running in ((True, headers), (False, footers)):
        removed = 0
        while start < end:
            text = page[start if at_top else end - 1].text.strip()
            if text and (removed >= HEADER_ZONE or not (is_page_number(text) or _key(text) in running)):
                break
            if text:
                removed += 1
            if at_top:
                start += 1
            else:
                end -= 1
    return page[start:end]


def clean_pages(pages: Sequence[Sequence[SourceLine]]) -> list[SourceLine]:
    """Drop running heads, footers and page numbers; join the pages into one list of lines.

    A page break is not a paragraph break unless the page's last line is short.
    """
    headers, footers = _running_lines(pages)
    result: list[SourceLine] = []
    for page in pages:
        lines = _body(page, headers, footers)
        if not lines:
            continue
        first = next((line.text for line in lines if line.text.strip()), "")
        if result and result[-1].ends_paragraph_before(first):
            result.append(SourceLine("", lines[0].number))
        result.extend(lines)
    return result


def text_pages(lines: Sequence[str], first_number: int) -> list[list[SourceLine]]:
    """Split plain text into pages at form feeds, or else at page-number lines."""
    pages: list[list[SourceLine]] = [[]]
    use_form_feeds = any("\f" in line for line in lines)
    for number, raw in enumerate(lines, start=first_number):
        parts = raw.split("\f")
        for part_index, part in enumerate(parts):
            if part_index:
                pages.append([])
            text = part.rstrip()
            if not use_form_feeds and pages[-1] and is_page_number(text):
                pages[-1].append(SourceLine(text, number))
                pages.append([])
                continue
            pages[-1].append(SourceLine(text, number))
    widths = sorted(len(line.text.strip()) for page in pages for line in page if line.text.strip())
    full = widths[int(0.9 * (len(widths) - 1))] if widths else 0  # a full line, ignoring long headings
    return [
        [SourceLine(line.text, line.number, max(0, full - len(line.text.strip())), full) for line in page]
        for page in pages
        if page
    ]
