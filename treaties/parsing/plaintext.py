"""Reader for plain text of an official treaty publication, and the steps the PDF reader shares.

An official publication is laid out for print: running headers and footers, page numbers,
words hyphenated at line ends and paragraphs wrapped over several lines.  The steps below turn
such text back into the logical lines of ``shared/corpus/README.md`` and feed them to
:class:`~treaties.parsing.tree.TreeBuilder`, which alone assigns numbers and eIds, so a plain
text or PDF import gives the same provisions as the corpus markdown of the same instrument.

The pipeline, shared by :func:`parse_plain_text` and :func:`treaties.parsing.pdf.parse_pdf`:

1. pages of :class:`~treaties.parsing.lines.SourceLine` (``""`` marks a paragraph gap), each line
   checked against :data:`~treaties.parsing.limits.MAX_LINE_CHARS`,
2. :func:`~treaties.parsing.pages.clean_pages`: running headers/footers and bare page numbers
   removed, pages joined,
3. :class:`~treaties.parsing.printed_tree.PrintedTextReader`: hyphenated line breaks undone,
   wrapped lines joined, headings recognised (:mod:`~treaties.parsing.headings`), the tree built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

from .errors import TreatyFormatError
from .limits import TITLE_MAX, check_line, check_lines, check_value
from .lines import SourceLine, normalise, squash
from .markdown import check_slug, mark_excerpt, read_front_matter
from .pages import clean_pages, text_pages
from .printed_tree import PrintedTextReader
from .tree import EXCERPT_KEY, ParsedTreaty, ReadOptions

__all__ = ["SourceLine", "options_meta", "parse_pages", "parse_plain_text"]


def parse_pages(pages: Sequence[Sequence[SourceLine]], *, source: str, meta: dict[str, str]) -> ParsedTreaty:
    """Parse printed pages (header/footer removal, hyphenation, joining) into a provision tree."""
    for page in pages:
        for line in page:
            check_line(line.text, source=source, line=line.number)
    lines = clean_pages([[normalise(line) for line in page] for page in pages])
    if not any(line.text.strip() for line in lines):
        raise TreatyFormatError(source, None, "no text found")
    builder = PrintedTextReader(lines, source, excerpt=meta.get(EXCERPT_KEY) == "true").read(meta.get("title", ""))
    return builder.finish(meta["id"], meta)


def options_meta(source: str, slug: str | None, title: str | None, what: str) -> dict[str, str]:
    """Front matter from --id and --title for a file that carries none."""
    missing = [flag for flag, value in (("--id", slug), ("--title", title)) if not (value or "").strip()]
    if missing:
        raise TreatyFormatError(
            source, None, f"{what} has no front matter: give the instrument's {' and '.join(missing)}"
        )
    assert slug is not None and title is not None
    title = check_value("--title", squash(title), TITLE_MAX, source=source, line=None)
    return {"id": check_slug(slug.strip(), source, None), "title": title}


def _front_matter(lines: list[str], source: str, slug: str | None, title: str | None) -> tuple[dict[str, str], int]:
    """Read front matter; --id/--title fill in a missing id/title and must agree with present ones."""
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise TreatyFormatError(source, 1, "front matter is not closed by a '---' line")
    present = {raw.partition(":")[0].strip() for raw in lines[1:end] if raw.partition(":")[2].strip()}
    extra: list[str] = []
    for key, value, flag in (("id", slug, "--id"), ("title", title, "--title")):
        if key not in present:
            if not value:
                raise TreatyFormatError(source, 1, f"front matter lacks '{key}' (or give {flag})")
            extra.append(f"{key}: {value}")
    meta, start = read_front_matter([*lines[:end], *extra, *lines[end:]], source)
    start -= len(extra)
    for key, value, flag in (("id", slug, "--id"), ("title", title, "--title")):
        if value and squash(value) != meta[key]:
            raise TreatyFormatError(source, None, f"{flag} {value!r} differs from the file's {key} {meta[key]!r}")
    return meta, start


def parse_plain_text(text: str, *, source: str = "<string>", **options: Unpack[ReadOptions]) -> ParsedTreaty:
    """Parse plain text of an official publication; front matter optional (else --id and --title).
    ``excerpt`` (or ``excerpt: true`` in front matter): only some articles, gaps in their numbers allowed
    (``options``: see :class:`~treaties.parsing.tree.ReadOptions`)."""
    slug, title = options.get("slug"), options.get("title")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TreatyFormatError(source, None, "the file is empty")
    lines = text.split("\n")
    if lines[0].strip() == "---":
        meta, start = _front_matter(lines, source, slug, title)  # checks its own values, naming the field
    else:
        meta, start = options_meta(source, slug, title, "plain text"), 0
    check_lines(lines[start:], source=source, first=start + 1)
    mark_excerpt(meta, options.get("excerpt", False))
    return parse_pages(text_pages(lines[start:], start + 1), source=source, meta=meta)
