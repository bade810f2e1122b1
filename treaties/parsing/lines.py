"""Printed lines: what a line ends with, page numbers, and undoing hyphenated line breaks.

Every test on a line's end looks at its last :data:`TAIL` characters only (a regular expression
anchored with ``$`` and run with ``search`` would try every start position of the whole line, and
the line being assembled grows with each wrapped line joined to it): reading stays linear in the
input however long a line or a paragraph is.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

DASHES = "\u2014\u2013"
#: How much of a line's end the end tests read; far more than any word, closing quote run or
#: cross-reference keyword they look for.
TAIL = 256

# the previous line ends a sentence, an item or a chapeau: what follows may start a new unit
TERMINAL_RE = re.compile(rf"(?:[.;:,!?{DASHES}]|[;,]\s+(?:and|or))[\"'\u201d\u2019)\]]*$")
# the previous line ends in the middle of a cross-reference: "... in subparagraph" + "(a) of ..."
XREF_END_RE = re.compile(
    r"(?:\b(?:sub)?paragraphs?|\barticles?|\bpoints?|\bitems?|\bclauses?|\bchapters?|\bparts?|\band|\bor"
    r"|\bof|\bin|\bto|\bunder|\bwith|\bsee|\d|\))$",
    re.IGNORECASE,
)
# "traf-" read backwards: the hyphen, then the letters of the broken word
_REVERSED_HYPHEN_END_RE = re.compile(r"-([^\W\d_]+)")
WORD_START_RE = re.compile(r"^[^\W\d_]+")
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
PAGE_NUMBER_RE = re.compile(
    rf"^(?:[{DASHES}-]\s*)?(?:page\s+)?\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?(?:\s*[{DASHES}-])?$", re.IGNORECASE
)


def squash(text: str) -> str:
    return " ".join(text.split())


def hyphenated_end(text: str) -> str | None:
    """The word a line break hyphenates at the end of ``text`` ("… traf-" gives "traf"), or None."""
    if not text.endswith("-"):
        return None
    match = _REVERSED_HYPHEN_END_RE.match(text[-TAIL:][::-1])
    return match.group(1)[::-1] if match else None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence, an item or a chapeau (". ", "; and", ":" …)."""
    return bool(TERMINAL_RE.search(text[-TAIL:]))


def ends_in_cross_reference(text: str) -> bool:
    """Whether ``text`` stops inside a cross-reference ("… in subparagraph", "… article 5 (")."""
    return bool(XREF_END_RE.search(text[-TAIL:]))


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text.strip()))


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
        word = following.split(maxsplit=1)[0] if following.strip() else ""
        if not text or not self.full or hyphenated_end(text) or self.room < len(word) + 1:
            return False
        return text[-1] in ".;:,!?)\u201d\u2019\"'" or self.room > 0.3 * self.full


def normalise(line: SourceLine) -> SourceLine:
    """No-break spaces and tabs become spaces; a soft hyphen at a line break becomes a hyphen."""
    text = line.text.replace("\u00a0", " ").replace("\t", " ").rstrip()
    if "\u00ad" in text:
        text = (text[:-1] + "-" if text.endswith("\u00ad") else text).replace("\u00ad", "")
    if text == line.text:
        return line
    return SourceLine(text, line.number, line.room, line.full)


# -- hyphenation -------------------------------------------------------------------------------------------
def word_counts(lines: Sequence[SourceLine]) -> Counter[str]:
    """How often each word and two-part hyphenated compound occurs away from line breaks.

    A compound "a-b-c" counts "a", "b", "c", "a-b" and "b-c": :func:`joint` asks only about
    one word and about two words joined by a hyphen.
    """
    counts: Counter[str] = Counter()
    broken_before = False
    for line in lines:
        text = line.text.strip()
        words = WORD_RE.findall(text)
        broken_after = hyphenated_end(text) is not None
        if broken_after and words:
            words = words[:-1]
        if broken_before and words and text[:1].isalpha():
            words = words[1:]
        for word in words:
            parts = word.casefold().split("-")
            for part in parts:
                counts[part] += 1
            for head, tail in itertools.pairwise(parts):
                counts[f"{head}-{tail}"] += 1
        broken_before = broken_after
    return counts


def joint(previous: str, following: str, words: Counter[str]) -> tuple[bool, str]:
    """How a wrapped line joins ``previous``: (drop its last character, separator).

    "traf-" + "ficking": the hyphen goes, unless the hyphenated form occurs elsewhere in the
    document more often than the solid one ("co-" + "operation" when the text says
    "co-operation"), or the next line starts with a capital ("anti-" + "Trafficking").
    Only the end of ``previous`` is read.
    """
    head = hyphenated_end(previous)
    word = WORD_START_RE.match(following)
    if head is None or word is None:
        return False, " "
    tail = word.group(0)
    if tail[0].islower() and words[f"{head}-{tail}".casefold()] <= words[f"{head}{tail}".casefold()]:
        return True, ""
    return False, ""


def join_lines(previous: str, following: str, words: Counter[str]) -> str:
    """Append a wrapped line, undoing a hyphenated line break (see :func:`joint`)."""
    drop, separator = joint(previous, following, words)
    return (previous[:-1] if drop else previous) + separator + following
