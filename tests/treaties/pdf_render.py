"""Test helper: lay a corpus markdown file out like an official publication (PDF or plain text).

The layout is what the plain-text/PDF importer must undo: a title block, running heads,
page numbers, justified text wrapped at a narrow width with hyphenated line breaks,
"Article N" with its title on the next line, chapter headings, the preamble and the testimonium.
Nothing here knows about eIds; the tests compare the re-imported tree with ``parse_markdown``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from treaties.parsing.lines import SourceLine, word_counts

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
VOWELS = set("aeiouy")
DIGRAPHS = {"th", "ch", "sh", "ph", "gh", "ck", "wh", "qu"}
ARTICLE_RE = re.compile(r"^## Article (\d+)(?: \u2014 (.+))?\s*$")


@dataclass(frozen=True)
class Block:
    kind: str  # title, preamble, chapter, article, text, testimonium
    label: str = ""
    text: str = ""


def read_markdown(text: str) -> tuple[dict[str, str], list[Block]]:
    """Front matter and the sequence of headings and text lines of a corpus file."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    meta = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:end] if line.strip())}
    blocks = [Block("title", text=meta["title"])]
    for raw in lines[end + 1 :]:
        line = raw.strip()
        if not line:
            continue
        if raw.startswith("# "):
            heading = line[2:].strip()
            if heading in ("Preamble", "Testimonium"):
                blocks.append(Block(heading.lower()))
            else:
                label, _, title = heading.partition(" \u2014 ")
                blocks.append(Block("chapter", label, title))
        elif match := ARTICLE_RE.match(line):
            blocks.append(Block("article", f"Article {match.group(1)}", match.group(2) or ""))
        else:
            blocks.append(Block("text", text=line))
    return meta, blocks


class Hyphenator:
    """Picks hyphenation points the way a simple typesetter would, skipping ambiguous ones.

    A break "co-" + "operation" is ambiguous when the document also says "co-operation": no reader
    can tell a soft hyphen from a real one there, so a careful typesetter (and this one) avoids it.
    """

    def __init__(self, blocks: list[Block]) -> None:
        self.words: Counter[str] = word_counts([SourceLine(b.text, 0) for b in blocks if b.text])

    def splits(self, word: str) -> list[tuple[str, str]]:
        """(line end, next line start) candidates, longest first."""
        found: list[tuple[str, str]] = []
        match = re.fullmatch(r"(\W*)([^\W\d_]+(?:-[^\W\d_]+)*)(\W*)", word)
        if not match:
            return found
        lead, core, trail = match.groups()
        if "-" in core:
            # a real hyphen is a natural break if the compound also appears elsewhere
            if self.words[core.casefold()] >= 3:
                head, _, tail = core.rpartition("-")
                found.append((lead + head + "-", tail + trail))
            return found
        if len(core) < 8:
            return found
        low = core.casefold()
        for k in range(len(core) - 3, 2, -1):
            if not core[k:].islower():
                continue
            a, b, c = low[k - 1], low[k], low[k + 1]
            vcv = a in VOWELS and b not in VOWELS and c in VOWELS
            vccv = (
                a not in VOWELS and b not in VOWELS and low[k - 2] in VOWELS and c in VOWELS and a + b not in DIGRAPHS
            )
            if (vcv or vccv) and not self.words[f"{low[:k]}-{low[k:]}"]:
                found.append((lead + core[:k] + "-", core[k:] + trail))
        return found


def wrap(
    text: str,
    width: float,
    measure: Callable[[str], float],
    hyphenator: Hyphenator | None,
    *,
    first_indent: float = 0.0,
    indent: float = 0.0,
    min_gap: float = 0.0,
) -> list[str]:
    """Greedy line breaking; hyphenate the word that does not fit if that fills the line better."""
    words = text.split()
    lines: list[str] = []
    current: list[str] = []
    available = width - first_indent
    while words:
        word = words.pop(0)
        if measure(" ".join([*current, word])) <= available:
            current.append(word)
            continue
        room = available - measure(" ".join([*current, ""])) if current else available
        if hyphenator and room > min_gap:
            for head, tail in hyphenator.splits(word):
                if measure(head) <= room:
                    current.append(head)
                    word = tail
                    break
        if not current:  # a word longer than the line
            current, word = [word], ""
        lines.append(" ".join(current))
        current = []
        available = width - indent
        if word:
            words.insert(0, word)
    if current:
        lines.append(" ".join(current))
    return lines


def _indent(text: str) -> tuple[float, float]:
    """(first line, other lines) indents in units of one level."""
    if re.match(r"^\d+\. ", text):
        return 1.0, 0.0
    if re.match(r"^\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)", text):
        return 2.0, 2.0
    if re.match(r"^\([a-z]+\)", text):
        return 1.0, 1.0
    return 1.0, 0.0


# -- PDF ---------------------------------------------------------------------------------------------
def render_pdf(
    markdown: str,
    *,
    footer: str = "plain",
    preamble_heading: bool = False,
    justify: bool = True,
    paragraph_gap: float = 2.2,
    inline_titles: bool = False,
) -> bytes:
    """An A4 PDF like an official publication; ``footer`` is "plain" (12), "dashes" (- 12 -) or "of".

    Variants: ragged right (``justify=False``), no extra space between paragraphs
    (``paragraph_gap=0``), "Article N — Title" on one line (``inline_titles``).
    """
    from fpdf import FPDF

    meta, blocks = read_markdown(markdown)
    running_head = f"{meta.get('short_title') or meta['title']} \u2014 United Nations"

    class Publication(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", "", 8)
            self.set_xy(self.l_margin, 12)
            # odd and even pages carry different running heads, as in a bound volume
            head = running_head if self.page_no() % 2 else "United Nations \u2014 Treaty Series"
            self.cell(self.epw, 4, head, align="C")

        def footer(self) -> None:
            self.set_font("DejaVu", "", 8)
            self.set_xy(self.l_margin, self.h - 16)
            number = {"plain": "{n}", "dashes": "- {n} -", "of": "Page {n} of {nb}"}[footer]
            self.cell(self.epw, 4, number.replace("{n}", str(self.page_no())), align="C")

    pdf = Publication(format="A4", unit="mm")
    pdf.set_margins(34, 25, 34)
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.alias_nb_pages("{nb}")
    pdf.add_page()
    width, line_height, level, bottom = pdf.epw, 4.8, 7.0, pdf.h - 28
    hyphenator = Hyphenator(blocks)
    state = {"y": pdf.t_margin}

    def room(needed: float) -> None:
        if state["y"] + needed > bottom:
            pdf.add_page()
            state["y"] = pdf.t_margin

    def centred(text: str, size: float, *, bold: bool = True, before: float = 0.0, after: float = 0.0) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", size)
        state["y"] += before
        for line in wrap(text, width - 20, pdf.get_string_width, None):
            room(line_height)
            state["y"] += line_height
            pdf.text(pdf.l_margin + (width - pdf.get_string_width(line)) / 2, state["y"], line)
        state["y"] += after

    def paragraph(text: str) -> None:
        pdf.set_font("DejaVu", "", 10)
        first, other = _indent(text)
        lines = wrap(
            text,
            width,
            pdf.get_string_width,
            hyphenator,
            first_indent=first * level,
            indent=other * level,
            min_gap=8,
        )
        for index, line in enumerate(lines):
            room(line_height)
            state["y"] += line_height
            x = pdf.l_margin + (first if index == 0 else other) * level
            words = line.split(" ")
            sizes = [pdf.get_string_width(w) for w in words]
            line_width = width - (x - pdf.l_margin)
            last = index == len(lines) - 1
            gap = pdf.get_string_width(" ")
            if justify and not last and len(words) > 1:
                gap = max(gap, (line_width - sum(sizes)) / (len(words) - 1))
            for word, size in zip(words, sizes, strict=True):
                pdf.text(x, state["y"], word)
                x += size + gap
        state["y"] += paragraph_gap

    for block in blocks:
        if block.kind == "title":
            centred(block.text.upper(), 12, before=4, after=8)
        elif block.kind == "preamble":
            if preamble_heading:
                centred("Preamble", 10.5, after=2)
        elif block.kind == "chapter":
            room(5 * line_height)
            centred(block.label, 10.5, before=5)
            if block.text:
                centred(block.text, 10.5)
            state["y"] += 3
        elif block.kind == "article":
            room(4 * line_height)
            if inline_titles and block.text:
                centred(f"{block.label} \u2014 {block.text}", 10.5, before=3)
            else:
                centred(block.label, 10.5, before=3)
                if block.text:
                    centred(block.text, 10, bold=False)
            state["y"] += 2.5 if paragraph_gap else 0.0
        elif block.kind == "testimonium":
            state["y"] += 4
        else:
            paragraph(block.text)
    return bytes(pdf.output())


def render_one_line_pdf(text: str) -> bytes:
    """One A4 page: "Article 1", then ``text`` drawn as one line (running off the page if long)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    pdf.text(20, 20, "Article 1")
    pdf.text(20, 30, text)
    return bytes(pdf.output())


# -- plain text --------------------------------------------------------------------------------------
def render_text(markdown: str, *, width: int = 72, page_lines: int = 48, blank_lines: bool = True) -> str:
    """Plain text as a PDF-to-text tool gives it: pages split by form feeds, running head, "- N -"."""
    meta, blocks = read_markdown(markdown)
    hyphenator = Hyphenator(blocks)
    body: list[str] = []
    for block in blocks:
        if block.kind == "title":
            body += [meta["title"].upper(), ""]
        elif block.kind == "preamble":
            body += ["PREAMBLE", ""] if blank_lines else ["PREAMBLE"]
        elif block.kind in ("chapter", "article"):
            heading = f"{block.label} \u2014 {block.text}" if block.text else block.label
            body += ["", heading, ""] if blank_lines else [heading]
        elif block.kind == "testimonium":
            continue
        else:
            first, other = _indent(block.text)
            lines = wrap(
                block.text,
                width,
                len,
                hyphenator,
                first_indent=first * 4,
                indent=other * 4,
                min_gap=4,
            )
            body += [" " * int(4 * (first if i == 0 else other)) + line for i, line in enumerate(lines)]
            if blank_lines:
                body.append("")
    pages = [body[i : i + page_lines] for i in range(0, len(body), page_lines)]
    head = meta.get("short_title") or meta["title"]
    return "\f".join("\n".join([head, "", *page, "", f"- {n} -", ""]) for n, page in enumerate(pages, start=1))
