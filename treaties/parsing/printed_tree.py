"""From the cleaned lines of a printed text to the provision tree.

Wrapped lines are joined into one logical line per paragraph or item (hyphenated line breaks
undone), headings are recognised, and the result is fed to the
:class:`~treaties.parsing.tree.TreeBuilder`. A line starting like a unit ("(a)", "2.") continues
the line before when that one ends inside a cross-reference ("... in subparagraph" + "(a) of
this article").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .errors import TreatyFormatError
from .headings import (
    ARTICLE_RE,
    ARTICLE_SPACE_RE,
    BARE_ENUM_RE,
    CHAPTER_RE,
    ENUM_RE,
    MARKER_ONLY_RE,
    PARA_RE,
    PREAMBLE_RE,
    TESTIMONIUM_HEADING_RE,
    TESTIMONIUM_RE,
    heading_title,
    is_structural,
    title_like,
)
from .limits import MAX_TEXT_CHARS
from .lines import (
    TAIL,
    SourceLine,
    ends_in_cross_reference,
    ends_sentence,
    hyphenated_end,
    join_lines,
    joint,
    squash,
    word_counts,
)
from .tree import TreeBuilder

TITLE_MAX_LINES = 5


class LogicalLine:
    """A paragraph, item or recital being joined from its printed lines, in time linear in its length."""

    def __init__(self, text: str, number: int, source: str) -> None:
        self.parts = [text]
        self.number = number
        self.source = source
        self.size = len(text)
        self.tail = text[-TAIL:]  # the end that the tests on a line's end read

    def add(self, following: str, words: Counter[str]) -> None:
        drop, separator = joint(self.tail, following, words)
        if drop:
            self.parts[-1] = self.parts[-1][:-1]
            self.tail = self.tail[:-1]
            self.size -= 1
        piece = separator + following
        self.parts.append(piece)
        self.size += len(piece)
        self.tail = (self.tail + piece)[-TAIL:]
        if self.size > MAX_TEXT_CHARS:
            raise TreatyFormatError(
                self.source,
                self.number,
                f"a paragraph of more than {MAX_TEXT_CHARS:,} characters (joined from its printed lines)",
            )

    def is_marker_only(self) -> bool:
        return self.size <= 8 and bool(MARKER_ONLY_RE.match(self.text()))

    def text(self) -> str:
        return "".join(self.parts)


class PrintedTextReader:
    """Joins wrapped lines into logical lines and drives the TreeBuilder."""

    def __init__(self, lines: list[SourceLine], source: str, *, excerpt: bool = False) -> None:
        self.lines = lines
        self.source = source
        self.excerpt = excerpt  # articles may skip numbers: any higher number may head the next one
        self.words = word_counts(lines)
        self.builder = TreeBuilder(source, excerpt=excerpt)
        self.pending: LogicalLine | None = None
        self.started = False  # preamble, chapter or article seen
        self.in_preamble = False
        self.in_testimonium = False
        self.last_article = 0
        self.expected_para = 1

    # -- the steps ---------------------------------------------------------------------------------------
    def read(self, title: str) -> TreeBuilder:
        """Skip the printed title, then take each line as a new unit or the continuation of one."""
        index = self.skip_document_title(title) if title else 0
        while index < len(self.lines):
            line = self.lines[index]
            text = line.text.strip()
            index += 1
            if not text:
                self.flush()
                continue
            kind, text = self.kind_of(text)
            if kind is None:
                self.continue_line(text, line.number)
            else:
                self.flush()
                index = self.OPENERS[kind](self, text, line.number, index)
        self.flush()
        return self.builder

    def skip_document_title(self, title: str) -> int:
        """Index after the document's title printed at its head (matched case-insensitively), or 0."""
        target = squash(title).casefold()
        seen = ""
        for index, line in enumerate(self.lines):
            text = line.text.strip()
            if not text:
                if seen:
                    break
                continue
            seen = squash(f"{seen} {text}").casefold()
            if seen == target:
                return index + 1
            if not target.startswith(seen):
                break
        return 0

    def kind_of(self, text: str) -> tuple[str | None, str]:
        """The kind of unit a line starts (None: it continues the pending line), and the line
        with a bare marker "a)" read as "(a)"."""
        if self.pending is not None and hyphenated_end(self.pending.tail) and text[0].islower():
            return None, text
        kind = self.classify(text)
        if kind is None and (bare := BARE_ENUM_RE.match(text)):
            marked = f"({bare.group(1)}){text[bare.end() :]}"
            if self.classify(marked) == "unit":
                return "unit", marked
        return kind, text

    def classify(self, text: str) -> str | None:
        """The kind of unit ``text`` starts, or None when it continues the pending line."""
        prev = self.pending
        boundary = prev is None or ends_sentence(prev.tail) or prev.is_marker_only()
        if match := ARTICLE_RE.match(text):
            if boundary or int(match.group(1)) == self.last_article + 1:
                return "article"
            return None
        if (
            (match := ARTICLE_SPACE_RE.match(text))
            and boundary
            and self.next_article(int(match.group(1)))
            and title_like(heading_title(match))
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
        in_reference = prev is not None and ends_in_cross_reference(prev.tail)
        if match := PARA_RE.match(text):
            if boundary or (not in_reference and int(match.group(1)) == self.expected_para):
                return "unit"
            return None
        if ENUM_RE.match(text) and (boundary or not in_reference):
            return "unit"
        return None

    def next_article(self, number: int) -> bool:
        """Whether ``number`` may head the next article: the one after the last, or any later one in an excerpt."""
        return number == self.last_article + 1 or (self.excerpt and number > self.last_article)

    def continue_line(self, text: str, number: int) -> None:
        if self.pending is None:
            self.start(text, number)
        else:
            self.pending.add(text, self.words)

    # -- opening a unit: each returns the index of the next line to read ---------------------------------
    def open_unit(self, text: str, number: int, index: int) -> int:
        if match := PARA_RE.match(text):
            self.expected_para = int(match.group(1)) + 1
        self.start(text, number)
        return index

    def open_article(self, text: str, number: int, index: int) -> int:
        match = ARTICLE_RE.match(text) or ARTICLE_SPACE_RE.match(text)
        assert match is not None
        heading, index = self.take_title(index, heading_title(match))
        self.builder.article_heading(int(match.group(1)), heading, number)
        self.last_article = int(match.group(1))
        self.expected_para = 1
        self.started, self.in_preamble, self.in_testimonium = True, False, False
        return index

    def open_chapter(self, text: str, number: int, index: int) -> int:
        match = CHAPTER_RE.match(text)
        assert match is not None
        label = match.group(1)
        heading, index = self.take_title(index, heading_title(match))
        self.builder.chapter_heading(f"{label} \u2014 {heading}" if heading else label, number)
        self.started, self.in_preamble, self.in_testimonium = True, False, False
        return index

    def open_preamble(self, text: str, number: int, index: int) -> int:
        if not self.started:  # text before an explicit "Preamble" line stays in the preamble
            self.builder.preamble(number)
            self.started = self.in_preamble = True
        return index

    def open_testimonium(self, text: str, number: int, index: int) -> int:
        self.builder.testimonium(number)
        self.started, self.in_preamble, self.in_testimonium = True, False, True
        if TESTIMONIUM_RE.match(text):
            self.start(text, number)
        return index

    OPENERS: dict[str, Callable[[PrintedTextReader, str, int, int], int]] = {
        "unit": open_unit,
        "article": open_article,
        "chapter": open_chapter,
        "preamble": open_preamble,
        "testimonium": open_testimonium,
    }

    # -- output ------------------------------------------------------------------------------------------
    def flush(self) -> None:
        if self.pending is None:
            return
        if not self.started:
            self.builder.preamble(self.pending.number)
            self.started = self.in_preamble = True
        self.builder.text_line(self.pending.text(), self.pending.number)
        self.pending = None

    def start(self, text: str, number: int) -> None:
        self.flush()
        self.pending = LogicalLine(text, number, self.source)

    # -- titles ------------------------------------------------------------------------------------------
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
        if not block or not title_like(block[0].rstrip(",")):
            return inline, index
        if inline and index and lines[index - 1].room > 0.3 * lines[index - 1].full:
            return inline, index  # a short heading line: its title did not wrap
        closed = end >= len(lines) or not lines[end].text.strip() or self.opens_unit(block[-1], lines[end].text)
        if (
            closed
            and len(block) <= TITLE_MAX_LINES
            and all(title_like(t.rstrip(","), first=False) for t in block[1:-1])
            and title_like(block[-1], first=len(block) == 1)
        ):
            return self.joined_title(block), end
        # no gap before the text: the title ends with a short line followed by a capital
        for k in range(2, len(block)):
            if not title_like(block[k - 1].rstrip(","), first=False):
                break
            last = lines[ends[k - 1] - 1]
            if (
                last.full
                and last.room > 0.3 * last.full
                and title_like(block[k - 1], first=False)
                and block[k][0].isupper()
            ):
                return self.joined_title(block[:k]), ends[k - 1]
        if not inline and title_like(block[0]):
            return block[0], first + 1
        return inline, index

    def joined_title(self, block: list[str]) -> str:
        title = block[0]
        for text in block[1:]:
            title = join_lines(title, text, self.words)
        return squash(title)

    @staticmethod
    def opens_unit(previous: str, text: str) -> bool:
        """Whether ``text`` is a heading or numbered unit after ``previous`` (not a cross-reference)."""
        text = text.strip()
        if PARA_RE.match(text) or ENUM_RE.match(text):
            return ends_sentence(previous) or not ends_in_cross_reference(previous)
        return is_structural(text)
