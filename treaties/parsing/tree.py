"""The parsed form of a treaty and the builder that assigns eIds.

Every reader (corpus markdown, plain text, PDF) turns its input into a stream of
calls on :class:`TreeBuilder`: one per section heading, article heading and text
line.  The builder alone knows the numbering rules of ``shared/corpus/README.md``
(eIds, letters versus roman numerals, chapeau versus continuation lines), so all
readers give identical trees for the same text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypedDict

from .errors import TreatyFormatError
from .limits import check_number, check_provisions

KINDS = ("preamble", "chapter", "article", "paragraph", "subparagraph", "point", "testimonium")

PARA_RE = re.compile(r"^(\d+)\.\s+(.*)$")
ENUM_RE = re.compile(r"^\(([a-z]{1,5})\)(?:\s+(.*))?$")
ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
#: The front-matter key of an excerpt: ``excerpt: true``.
EXCERPT_KEY = "excerpt"
CHAPTER_NUMBER_RE = re.compile(r"^(?:Chapter|Part|CHAPTER|PART)\s+([IVXLC]+|\d+)\b")


class ReadOptions(TypedDict, total=False):
    """What the person importing a file says of it, passed through to the reader: the instrument's id
    (``slug``, ``--id``) and ``title`` where the file has no front matter, checked against it where it
    has; ``excerpt`` when it holds only some articles, numbered as in the full text (gaps allowed)."""

    slug: str | None
    title: str | None
    excerpt: bool


@dataclass(frozen=True, slots=True)
class ParsedProvision:
    eid: str
    kind: str
    number: str
    heading: str
    text: str
    parent_eid: str | None
    line: int


@dataclass(frozen=True, slots=True)
class ParsedTreaty:
    slug: str
    meta: Mapping[str, str]
    provisions: tuple[ParsedProvision, ...]
    source: str

    @property
    def excerpt(self) -> bool:
        """Whether the text holds only some articles of its instrument (front matter ``excerpt: true``)."""
        return self.meta.get(EXCERPT_KEY, "") == "true"

    def article_numbers(self) -> list[int]:
        return [int(p.number) for p in self.provisions if p.kind == "article"]

    def count(self, kind: str) -> int:
        return sum(1 for p in self.provisions if p.kind == kind)

    def counts(self) -> dict[str, int]:
        """Provisions per kind; recitals are counted apart from article paragraphs."""
        counts = {kind: self.count(kind) for kind in KINDS}
        recitals = sum(1 for p in self.provisions if p.parent_eid == "preamble")
        counts["paragraph"] -= recitals
        counts["recital"] = recitals
        return counts


@dataclass
class _Node:
    eid: str
    kind: str
    number: str
    heading: str
    parent_eid: str | None
    line: int
    lines: list[str] = field(default_factory=list)
    has_children: bool = False


class TreeBuilder:
    """Collects provisions in document order and checks numbering as it goes.

    A full text numbers its articles 1, 2, 3 …; an ``excerpt`` holds only some of them, numbered as
    in the full text: gaps are allowed, a repeated or descending number is still refused.
    """

    def __init__(self, source: str, *, excerpt: bool = False) -> None:
        self.source = source
        self.excerpt = excerpt
        self.nodes: list[_Node] = []
        self.by_eid: dict[str, _Node] = {}
        self.section: str | None = None
        self.chapter: _Node | None = None
        self.article: _Node | None = None
        self.paragraph: _Node | None = None
        self.letter: _Node | None = None
        self.current: _Node | None = None  # the unit a continuation line joins
        self.last_article = 0
        self.chapters = 0
        self.preamble_paras = 0

    def error(self, line: int, problem: str) -> TreatyFormatError:
        return TreatyFormatError(self.source, line, problem)

    def _add(self, node: _Node) -> _Node:
        if node.eid in self.by_eid:
            raise self.error(
                node.line, f"duplicate provision {node.eid!r} (first at line {self.by_eid[node.eid].line})"
            )
        if node.parent_eid is not None:
            self.by_eid[node.parent_eid].has_children = True
        self.nodes.append(node)
        self.by_eid[node.eid] = node
        return node

    # -- sections -------------------------------------------------------
    def preamble(self, line: int) -> None:
        self._section("preamble", "Preamble", line)

    def testimonium(self, line: int) -> None:
        self._section("testimonium", "Testimonium", line)

    def _section(self, eid: str, name: str, line: int) -> None:
        """The preamble or the testimonium: one of each, outside any article."""
        if eid in self.by_eid:
            raise self.error(line, f"a second {name} section")
        self._close_article()
        self.section = eid
        self.current = self._add(_Node(eid, eid, "", name, None, line))

    def chapter_heading(self, heading: str, line: int) -> None:
        self._close_article()
        self.chapters += 1
        match = CHAPTER_NUMBER_RE.match(heading)
        number = match.group(1) if match else str(self.chapters)
        if number.isdigit():
            check_number(number, "chapter", source=self.source, line=line)
        eid = f"chp_{number}"
        if eid in self.by_eid:
            eid = f"chp_{self.chapters}"
        self.section = "chapter"
        self.chapter = self._add(_Node(eid, "chapter", number, heading, None, line))
        self.current = None

    def article_heading(self, number: int, title: str, line: int) -> None:
        self._check_article_number(number, line)
        self._close_article()
        self.last_article = number
        parent = self.chapter.eid if self.chapter else None
        self.article = self._add(_Node(f"art_{number}", "article", str(number), title, parent, line))
        self.current = self.article
        self.section = "article"

    def _check_article_number(self, number: int, line: int) -> None:
        if number == self.last_article + 1 or (self.excerpt and number > self.last_article):
            return
        if number < 1:
            raise self.error(line, f"article {number}: articles are numbered from 1")
        first = self.by_eid.get(f"art_{number}")
        if first is not None:
            problem = f"article {number} is duplicated (first at line {first.line})"
        elif number <= self.last_article:
            problem = f"article {number} is out of order: it comes after article {self.last_article}"
        else:
            problem = (
                f"article {number} follows article {self.last_article}: article numbers skipped"
                " (if the file holds only some articles, import it as an excerpt)"
            )
        raise self.error(line, problem)

    def _close_article(self) -> None:
        if self.article is not None and not self.article.lines and not self.article.has_children:
            raise self.error(self.article.line, f"article {self.article.number} is empty")
        self.article = self.paragraph = self.letter = None

    # -- body lines ------------------------------------------------------
    def text_line(self, text: str, line: int) -> None:
        text = text.strip()
        if not text:
            return
        if self.section == "preamble":
            self.preamble_paras += 1
            self.current = self._add(
                _Node(f"preamble__para_{self.preamble_paras}", "paragraph", "", "", "preamble", line, [text])
            )
            return
        if self.section == "testimonium":
            assert self.current is not None
            self.current.lines.append(text)
            return
        if self.article is None:
            raise self.error(line, f"text outside any article: {text[:60]!r}")
        if m := PARA_RE.match(text):
            self._paragraph(check_number(m.group(1), "paragraph", source=self.source, line=line), m.group(2), line)
        elif (m := ENUM_RE.match(text)) and self._enumerator(m.group(1), m.group(2) or "", line):
            pass
        else:
            assert self.current is not None
            self.current.lines.append(text)

    def _paragraph(self, number: int, text: str, line: int) -> None:
        assert self.article is not None
        eid = f"{self.article.eid}__para_{number}"
        self.paragraph = self._add(_Node(eid, "paragraph", f"{number}.", "", self.article.eid, line, [text]))
        self.letter = None
        self.current = self.paragraph

    def _enumerator(self, token: str, text: str, line: int) -> bool:
        """Add a lettered subparagraph or a roman point; False if ``token`` is neither."""
        holder = self.paragraph or self.article
        assert holder is not None
        last_letter = self.letter.number.strip("()") if self.letter else None
        is_letter = len(token) == 1 and (
            token not in ("i", "v", "x") or (last_letter is not None and ord(token) == ord(last_letter) + 1)
        )
        if is_letter:
            self.letter = self._add(
                _Node(
                    f"{holder.eid}__subpara_{token}",
                    "subparagraph",
                    f"({token})",
                    "",
                    holder.eid,
                    line,
                    [text],
                )
            )
            self.current = self.letter
            return True
        if token in ROMANS:
            parent = self.letter or holder
            self.current = self._add(
                _Node(f"{parent.eid}__point_{token}", "point", f"({token})", "", parent.eid, line, [text])
            )
            return True
        return False

    # -- result ----------------------------------------------------------
    def finish(self, slug: str, meta: Mapping[str, str]) -> ParsedTreaty:
        self._close_article()
        if self.last_article == 0:
            raise self.error(0, "no articles found")
        provisions = tuple(
            ParsedProvision(n.eid, n.kind, n.number, n.heading, "\n".join(n.lines), n.parent_eid, n.line)
            for n in self.nodes
        )
        check_provisions(provisions, source=self.source)
        return ParsedTreaty(slug=slug, meta=dict(meta), provisions=provisions, source=self.source)
