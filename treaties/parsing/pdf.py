"""Reader for a PDF of an official treaty publication.

Only text extraction lives here (pdfplumber): each page becomes a list of
:class:`~treaties.parsing.plaintext.SourceLine`, with a blank line wherever the vertical space
between two lines is clearly larger than the ordinary line spacing (a paragraph or heading gap),
and each line's free space before the right margin (to tell a paragraph end at a page break). Header,
footer and page-number removal, hyphenation and the provision structure are the plain-text
reader's job (:func:`treaties.parsing.plaintext.parse_pages`).
"""

from __future__ import annotations

import io
import itertools
import statistics
from typing import Any, Unpack

from .errors import TreatyFormatError
from .limits import MAX_PAGE_GLYPHS
from .markdown import mark_excerpt
from .plaintext import SourceLine, options_meta, parse_pages
from .tree import ParsedTreaty, ReadOptions


class _PageTooFull(Exception):
    pass


def _count_glyphs(pdf: Any, page: Any) -> None:
    """Interpret a page's content counting its glyphs, and stop at MAX_PAGE_GLYPHS.

    Layout analysis keeps an object per glyph, and a few kilobytes of compressed content can
    draw millions: this cheap pass, which keeps nothing, bounds the work before it starts.
    """
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdfinterp import PDFPageInterpreter

    class GlyphCounter(PDFTextDevice):
        glyphs = 0

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.glyphs += 1
            if self.glyphs > MAX_PAGE_GLYPHS:
                raise _PageTooFull
            return 0.0

    PDFPageInterpreter(pdf.rsrcmgr, GlyphCounter(pdf.rsrcmgr)).process_page(page.page_obj)


def _lines_of(pdf: Any, page: Any) -> list[dict[str, Any]]:
    _count_glyphs(pdf, page)
    lines: list[dict[str, Any]] = page.extract_text_lines(return_chars=False)
    return [line for line in lines if str(line.get("text", "")).strip()]


def extract_pages(data: bytes, source: str) -> tuple[list[list[SourceLine]], list[tuple[int, int]]]:
    """Page texts as SourceLines, and for each line number its (page, line on page)."""
    import pdfplumber

    raw_pages: list[list[dict[str, Any]]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for pdf_page in pdf.pages:
                raw_pages.append(_lines_of(pdf, pdf_page))
    except _PageTooFull:
        raise TreatyFormatError(
            source, None, f"page {len(raw_pages) + 1}: more than {MAX_PAGE_GLYPHS:,} glyphs on one page"
        ) from None
    except Exception as exc:  # pdfminer raises many unrelated exception types for broken files
        raise TreatyFormatError(source, None, f"not a readable PDF ({type(exc).__name__}: {exc})") from None

    everything = [line for page in raw_pages for line in page]
    if not everything:
        raise TreatyFormatError(source, None, "the PDF has no text layer (a scan? run OCR first)")
    heights = [float(line["bottom"]) - float(line["top"]) for line in everything]
    height = statistics.median(heights)
    spaces = sorted(float(b["top"]) - float(a["bottom"]) for page in raw_pages for a, b in itertools.pairwise(page))
    leading = spaces[len(spaces) // 4] if spaces else 0.0  # ordinary space between two lines
    left = min(float(line["x0"]) for line in everything)
    right = max(float(line["x1"]) for line in everything)

    pages: list[list[SourceLine]] = []
    where: list[tuple[int, int]] = [(0, 0)]  # line number -> (page, line on page); 1-based
    for page_number, page in enumerate(raw_pages, start=1):
        lines: list[SourceLine] = []
        for index, line in enumerate(page):
            if index and float(line["top"]) - float(page[index - 1]["bottom"]) > leading + 0.5 * height:
                lines.append(SourceLine("", len(where)))
                where.append((page_number, index + 1))
            text = str(line["text"]).strip()
            char = max(0.1, (float(line["x1"]) - float(line["x0"])) / max(1, len(text)))  # mean glyph width
            room = (right - float(line["x1"])) / char
            lines.append(SourceLine(text, len(where), room, (right - left) / char))
            where.append((page_number, index + 1))
        pages.append(lines)
    return pages, where


def parse_pdf(data: bytes, *, source: str = "<pdf>", **options: Unpack[ReadOptions]) -> ParsedTreaty:
    """Parse the PDF of an official publication; --id and --title are required (``options``: see
    :class:`~treaties.parsing.tree.ReadOptions`)."""
    meta = options_meta(source, options.get("slug"), options.get("title"), "a PDF")
    mark_excerpt(meta, options.get("excerpt", False))
    pages, where = extract_pages(data, source)
    try:
        return parse_pages(pages, source=source, meta=meta)
    except TreatyFormatError as exc:
        if not exc.line or exc.line >= len(where):
            raise
        page, line = where[exc.line]
        raise TreatyFormatError(source, None, f"page {page}, line {line}: {exc.problem}") from None
