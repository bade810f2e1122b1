"""Reader for plain text of an official treaty publication, and the line logic the PDF reader reuses.

An official publication is laid out for print: running headers and footers, page numbers,
words hyphenated at line ends and paragraphs wrapped over several lines.  This module turns
such text back into the logical lines of ``shared/corpus/README.md`` and feeds them to
:class:`~treaties.parsing.tree.TreeBuilder`, which alone assigns numbers and eIds, so a plain
text or PDF import gives the same provisions as the corpus markdown of the same instrument.

The pipeline, shared by :func:`parse_plain_text` and :func:`treaties.parsing.pdf.parse_pdf`:

1. pages of :class:`SourceLine` (``""`` marks a paragraph gap),
2. :func:`clean_pages`: running headers/footers (lines repeated at the top or bottom of many
   pages, digits ignored) and bare page numbers removed, pages joined,
3. :class:`_Reader`: hyphenated line breaks undone, wrapped lines joined into one logical line per
   paragraph or item, headings recognised ("Article N", "Article N — Title", "Article N: Title",
   "Article N Title" when N is the next article, "Article N" + title line, "CHAPTER I",
   "Chapter II — Title", "Part III" + title line, "Preamble", "IN WITNESS WHEREOF …"), and the
   result fed to the builder. A line starting like a unit ("(a)", "2.") continues the line before
   when that one ends inside a cross-reference ("... in subparagraph" + "(a) of this article").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import TreatyFormatError
from .markdown import check_slug, read_front_matter
from .tree import ParsedTreaty, TreeBuilder


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One printed line; ``text == ""`` is a paragraph gap (blank line, extra vertical space)."""

    text: str
    number: int  # the line number reported in errors
    room: float = 0.0  # free space left at the end of the line, in characters
    full: float = 0.0  # characters in a full line (0: unknown)

    def ends_paragraph_before(self, following: str) -> bool:
        """Whether the layout shows a paragraph end before ``following`` (at a page break).

        The line stops short although the next word would have fitted, and it either ends in
        punctuation or leaves a good part of the line empty (a heading, a short last line).
        """
        text = self.text.strip()
        word = following.split()[0] if following.split() else ""
        if not text or not self.full or HYPHEN_END_RE.search(text) or self.room < len(word) + 1:
            return False
        return text[-1] in ".;:,!?)\u201d\u2019\"'" or self.room > 0.3 * self.full


_DASH = "\u2014\u2013"
_SEP = rf"(?:\s*[{_DASH}:]|\s+-)\s*"
ARTICLE_RE = re.compile(rf"^(?:Article|ARTICLE)\s+(\d{{1,3}})(?:{_SEP}(\S.*?))?\s*$")
ARTICLE_SPACE_RE = re.compile(r"^(?:Article|ARTICLE)\s+(\d{1,3})\s+([A-Z].*?)\s*$")  # "Article 4 Scope"
CHAPTER_RE = re.compile(rf"^((?:CHAPTER|Chapter|PART|Part)\s+(?:[IVXLC]+|\d{{1,2}}))(?:{_SEP}(\S.*?))?\s*$")
PREAMBLE_RE = re.compile(r"^(?:Preamble|PREAMBLE)$")
TESTIMONIUM_HEADING_RE = re.compile(r"^(?:Testimonium|TESTIMONIUM)$")
TESTIMONIUM_RE = re.compile(r"^(?:IN WITNESS WHEREOF|In witness whereof|DONE at)\b")
PARA_RE = re.compile(r"^(\d{1,3})\.(?:\s|$)")
ENUM_RE = re.compile(r"^\(([a-z]{1,5})\)(?:\s|$)")
# "a) ..." / "iv) ...": the marker style of some regional publications, read as "(a) ...".
BARE_ENUM_RE = re.compile(r"^([a-z]{1,5})\)(?=\s|$)")
MARKER_ONLY_RE = re.compile(r"^(?:\([a-z]{1,5}\)|\d{1,3}\.)$")
PAGE_NUMBER_RE = re.compile(
    rf"^(?:[{_DASH}-]\s*)?(?:page\s+)?\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?(?:\s*[{_DASH}-])?$", re.IGNORECASE
)
# the previous line ends a sentence, an item or a chapeau: what follows may start a new unit
TERMINAL_RE = re.compile(rf"(?:[.;:,!?{_DASH}]|[;,]\s+(?:and|or))[\"'\u201d\u2019)\]]*$")
# the previous line ends in the middle of a cross-reference: "... in subparagraph" + "(a) of ..."
XREF_END_RE = re.compile(
    r"(?:\b(?:sub)?paragraphs?|\barticles?|\bpoints?|\bitems?|\bclauses?|\bchapters?|\bparts?|\band|\bor"
    r"|\bof|\bin|\bto|\bunder|\bwith|\bsee|\d|\))$",
    re.IGNORECASE,
)
HYPHEN_END_RE = re.compile(r"([^\W\d_]+)-$")
WORD_START_RE = re.compile(r"^[^\W\d_]+")
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
HEADER_ZONE = 3  # lines at the top/bottom of a page that may be running heads
TITLE_MAX_LINES = 5


def _squash(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    """Compare running heads with their page numbers ignored."""
    return re.sub(r"\d+", "#", _squash(text)).casefold()


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text.strip()))


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


# -- pages: headers, footers, page numbers ---------------------------------------------------------------
def _may_run(text: str) -> bool:
    """Whether a line may be a running head or footer: not a heading, unit or sentence end."""
    return not is_structural(text) and text[-1] not in ".;:,-"


def clean_pages(pages: Sequence[Sequence[SourceLine]]) -> list[SourceLine]:
    """Drop running heads, footers and page numbers; join the pages into one list of lines.

    A running head is a line that appears among the first (footer: last) few lines of at least
    30% of the pages (and of two pages at least), digits ignored, and is not itself a heading, a
    numbered unit or the end of a sentence. A page break is not a paragraph break unless the page's last line is short.
    """
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        printed = [line.text.strip() for line in page if line.text.strip()]
        top.update({_key(t) for t in printed[:HEADER_ZONE] if _may_run(t)})
        bottom.update({_key(t) for t in printed[-HEADER_ZONE:] if _may_run(t)})
    threshold = max(2, math.ceil(0.3 * len(pages)))
    headers = {key for key, count in top.items() if count >= threshold}
    footers = {key for key, count in bottom.items() if count >= threshold}

    result: list[SourceLine] = []
    for page in pages:
        lines = list(page)
        for at_top, running in ((True, headers), (False, footers)):
            removed = 0
            while lines:
                index = 0 if at_top else -1
                text = lines[index].text.strip()
                if not text:
                    lines.pop(index)
                elif removed < HEADER_ZONE and (is_page_number(text) or _key(text) in running):
                    lines.pop(index)
                    removed += 1
                else:
                    break
        if not lines:
            continue
        first = next((line.text for line in lines if line.text.strip()), "")
        if result and result[-1].ends_paragraph_before(first):
            result.append(SourceLine("", lines[0].number))
        result.extend(lines)
    return result


# -- hyphenation -------------------------------------------------------------------------------------------
def word_counts(lines: Sequence[SourceLine]) -> Counter[str]:
    """How often each word and hyphenated compound (and its parts) occurs away from line breaks."""
    counts: Counter[str] = Counter()
    broken_before = False
    for line in lines:
        text = line.text.strip()
        words = WORD_RE.findall(text)
        broken_after = bool(HYPHEN_END_RE.search(text))
        if broken_after and words:
            words = words[:-1]
        if broken_before and words and text[:1].isalpha():
            words = words[1:]
        for word in words:
            parts = word.casefold().split("-")
            for start in range(len(parts)):
                for end in range(start + 1, len(parts) + 1):
                    counts["-".join(parts[start:end])] += 1
        broken_before = broken_after
    return counts


def join_lines(previous: str, following: str, words: Counter[str]) -> str:
    """Append a wrapped line, undoing a hyphenated line break.

    "traf-" + "ficking": the hyphen goes, unless the hyphenated form occurs elsewhere in the
    document more often than the solid one ("co-" + "operation" when the text says
    "co-operation"), or the next line starts with a capital ("anti-" + "Trafficking").
    """
    match = HYPHEN_END_RE.search(previous)
    word = WORD_START_RE.match(following)
    if match is None or word is None:
        return f"{previous} {following}"
    head, tail = match.group(1), word.group(0)
    if tail[0].islower():
        hyphenated = words[f"{head}-{tail}".casefold()]
        solid = words[f"{head}{tail}".casefold()]
        if hyphenated <= solid:
            return previous[:-1] + following
    return previous + following


# -- logical lines ---------------------------------------------------------------------------------------
def _title_like(text: str, *, first: bool = True) -> bool:
    return (
        0 < len(text) <= 160
        and text[-1] not in ".;:,-"
        and not (first and text[0].islower())
        and not is_structural(text)
        and not is_page_number(text)
    )


class _Reader:
    """Joins wrapped lines into logical lines and drives the TreeBuilder."""

    def __init__(self, lines: list[SourceLine], source: str) -> None:
        self.lines = lines
        self.words = word_counts(lines)
        self.builder = TreeBuilder(source)
        self.pending: str | None = None
        self.pending_line = 0
        self.started = False  # preamble, chapter or article seen
        self.in_preamble = False
        self.in_testimonium = False
        self.last_article = 0
        self.expected_para = 1

    # -- output
    def flush(self) -> None:
        if self.pending is None:
            return
        if not self.started:
            self.builder.preamble(self.pending_line)
            self.started = self.in_preamble = True
        self.builder.text_line(self.pending, self.pending_line)
        self.pending = None

    def start(self, text: str, number: int) -> None:
        self.flush()
        self.pending, self.pending_line = text, number

    # -- input
    def skip_document_title(self, title: str) -> int:
        """Index after the document's title printed at its head (matched case-insensitively), or 0."""
        target = _squash(title).casefold()
        seen = ""
        for index, line in enumerate(self.lines):
            text = line.text.strip()
            if not text:
                if seen:
                    break
                continue
            seen = _squash(f"{seen} {text}").casefold()
            if seen == target:
                return index + 1
            if not target.startswith(seen):
                break
        return 0

    def take_title(self, index: int, inline: str = "") -> tuple[str, int]:
        """A heading's title on the following line(s): ("", index) when there is none.

        A title may wrap: up to TITLE_MAX_LINES lines closed by a blank line (a gap in a PDF) or by
        a heading or numbered unit, none of them ending like a sentence; otherwise it is one line.
        With ``inline`` (the title printed on the heading line), only such a closed block of lines
        continues it.
        """
        lines = self.lines
        first = index
        while not inline and first < len(lines) and not lines[first].text.strip():
            first += 1
        block: list[str] = [inline] if inline else []
        ends: list[int] = [index] if inline else []  # index after each block line
        end = first
        while end < len(lines) and len(block) <= TITLE_MAX_LINES:
            text = lines[end].text.strip()
            if not text or is_structural(text):
                break
            block.append(text)
            end += 1
            ends.append(end)
        if not block or not _title_like(block[0].rstrip(",")):
            return inline, index
        if inline and index and lines[index - 1].room > 0.3 * lines[index - 1].full:
            return inline, index  # a short heading line: its title did not wrap
        closed = end >= len(lines) or not lines[end].text.strip() or self.opens_unit(block[-1], lines[end].text)
        if (
            closed
            and len(block) <= TITLE_MAX_LINES
            and all(_title_like(t.rstrip(","), first=False) for t in block[1:-1])
            and _title_like(block[-1], first=len(block) == 1)
        ):
            title = block[0]
            for text in block[1:]:
                title = join_lines(title, text, self.words)
            return _squash(title), end
        # no gap before the text: the title ends with a short line followed by a capital
        for k in range(2, len(block)):
            if not _title_like(block[k - 1].rstrip(","), first=False):
                break
            last = lines[ends[k - 1] - 1]
            if (
                last.full
                and last.room > 0.3 * last.full
                and _title_like(block[k - 1], first=False)
                and block[k][0].isupper()
            ):
                title = block[0]
                for text in block[1:k]:
                    title = join_lines(title, text, self.words)
                return _squash(title), ends[k - 1]
        if not inline and _title_like(block[0]):
            return block[0], first + 1
        return inline, index

    @staticmethod
    def opens_unit(previous: str, text: str) -> bool:
        """Whether ``text`` is a heading or numbered unit after ``previous`` (not a cross-reference)."""
        text = text.strip()
        if PARA_RE.match(text) or ENUM_RE.match(text):
            return bool(TERMINAL_RE.search(previous)) or not XREF_END_RE.search(previous)
        return is_structural(text)

    def classify(self, text: str) -> str | None:
        """The kind of unit ``text`` starts, or None when it continues the pending line."""
        prev = self.pending
        boundary = prev is None or bool(TERMINAL_RE.search(prev) or MARKER_ONLY_RE.match(prev))
        if match := ARTICLE_RE.match(text):
            if boundary or int(match.group(1)) == self.last_article + 1:
                return "article"
            return None
        if (
            (match := ARTICLE_SPACE_RE.match(text))
            and boundary
            and int(match.group(1)) == self.last_article + 1
            and _title_like(match.group(2))
        ):
            return "article"
        if CHAPTER_RE.match(text):
            return "chapter" if boundary else None
        if PREAMBLE_RE.match(text):
            return "preamble" if boundary and not self.last_article else None
        if TESTIMONIUM_HEADING_RE.match(text) or TESTIMONIUM_RE.match(text):
            return "testimonium" if boundary and not self.in_testimonium else None
        if self.in_preamble or self.in_testimonium or not self.started:
            return None  # recitals are separated by blank lines only
        if match := PARA_RE.match(text):
            if boundary:
                return "unit"
            assert prev is not None
            if not XREF_END_RE.search(prev) and int(match.group(1)) == self.expected_para:
                return "unit"
            return None
        if ENUM_RE.match(text) and (boundary or not XREF_END_RE.search(prev or "")):
            return "unit"
        return None

    def read(self, title: str) -> TreeBuilder:
        lines = self.lines
        index = self.skip_document_title(title) if title else 0
        while index < len(lines):
            line = lines[index]
            text = line.text.strip()
            index += 1
            if not text:
                self.flush()
                continue
            if self.pending is not None and HYPHEN_END_RE.search(self.pending) and text[0].islower():
                kind = None
            else:
                kind = self.classify(text)
                if kind is None and (bare := BARE_ENUM_RE.match(text)):
                    marked = f"({bare.group(1)}){text[bare.end() :]}"
                    if self.classify(marked) == "unit":
                        kind, text = "unit", marked
            if kind is None:
                if self.pending is None:
                    self.start(text, line.number)
                else:
                    self.pending = join_lines(self.pending, text, self.words)
                continue
            self.flush()
            if kind == "unit":
                if match := PARA_RE.match(text):
                    self.expected_para = int(match.group(1)) + 1
                self.start(text, line.number)
            elif kind == "article":
                match = ARTICLE_RE.match(text) or ARTICLE_SPACE_RE.match(text)
                assert match is not None
                heading, index = self.take_title(index, match.group(2) or "")
                self.builder.article_heading(int(match.group(1)), heading, line.number)
                self.last_article = int(match.group(1))
                self.expected_para = 1
                self.started, self.in_preamble, self.in_testimonium = True, False, False
            elif kind == "chapter":
                match = CHAPTER_RE.match(text)
                assert match is not None
                label = match.group(1)
                heading, index = self.take_title(index, match.group(2) or "")
                self.builder.chapter_heading(f"{label} \u2014 {heading}" if heading else label, line.number)
                self.started, self.in_preamble, self.in_testimonium = True, False, False
            elif kind == "preamble":
                if not self.started:  # text before an explicit "Preamble" line stays in the preamble
                    self.builder.preamble(line.number)
                    self.started = self.in_preamble = True
            else:  # testimonium
                self.builder.testimonium(line.number)
                self.started, self.in_preamble, self.in_testimonium = True, False, True
                if TESTIMONIUM_RE.match(text):
                    self.start(text, line.number)
        self.flush()
        return self.builder


def _normalise(line: SourceLine) -> SourceLine:
    """No-break spaces and tabs become spaces; a soft hyphen at a line break becomes a hyphen."""
    text = line.text.replace("\u00a0", " ").replace("\t", " ").rstrip()
    if "\u00ad" in text:
        text = (text[:-1] + "-" if text.endswith("\u00ad") else text).replace("\u00ad", "")
    if text == line.text:
        return line
    return SourceLine(text, line.number, line.room, line.full)


# -- entry points ------------------------------------------------------------------------------------------
def parse_pages(pages: Sequence[Sequence[SourceLine]], *, source: str, meta: dict[str, str]) -> ParsedTreaty:
    """Parse printed pages (header/footer removal, hyphenation, joining) into a provision tree."""
    lines = clean_pages([[_normalise(line) for line in page] for page in pages])
    if not any(line.text.strip() for line in lines):
        raise TreatyFormatError(source, None, "no text found")
    builder = _Reader(lines, source).read(meta.get("title", ""))
    return builder.finish(meta["id"], meta)


def options_meta(source: str, slug: str | None, title: str | None, what: str) -> dict[str, str]:
    """Front matter from --id and --title for a file that carries none."""
    missing = [flag for flag, value in (("--id", slug), ("--title", title)) if not (value or "").strip()]
    if missing:
        raise TreatyFormatError(
            source, None, f"{what} has no front matter: give the instrument's {' and '.join(missing)}"
        )
    assert slug is not None and title is not None
    return {"id": check_slug(slug.strip(), source, None), "title": _squash(title)}


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
        if value and _squash(value) != meta[key]:
            raise TreatyFormatError(source, None, f"{flag} {value!r} differs from the file's {key} {meta[key]!r}")
    return meta, start


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


def parse_plain_text(
    text: str, *, source: str = "<string>", slug: str | None = None, title: str | None = None
) -> ParsedTreaty:
    """Parse plain text of an official publication; front matter optional (else --id and --title)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TreatyFormatError(source, None, "the file is empty")
    lines = text.split("\n")
    if lines[0].strip() == "---":
        meta, start = _front_matter(lines, source, slug, title)
    else:
        meta, start = options_meta(source, slug, title, "plain text"), 0
    return parse_pages(text_pages(lines[start:], start + 1), source=source, meta=meta)
