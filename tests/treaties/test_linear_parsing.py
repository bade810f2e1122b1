"""Every reader is linear in its input, and a line, a paragraph or a PDF page has a size limit.

Time is compared with a normal input of the same size (a ratio, never a wall-clock limit):
a pathological line must not cost much more than ordinary text of the same length.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable

import pytest

from treaties.parsing.errors import TreatyFormatError
from treaties.parsing.markdown import parse_markdown
from treaties.parsing.pdf import parse_pdf
from treaties.parsing.plaintext import parse_plain_text

from .pdf_render import render_one_line_pdf

FRONT = "---\nid: long-lines\ntitle: Invented Convention on Long Lines\n---\n"
LINE = 19_000  # under the line limit: the reader has to read it
ARTICLES = 4


def median_seconds(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def words(size: int) -> str:
    return " ".join(["protocol"] * (size // 9))[:size].rstrip()


def plain_text(line: Callable[[int], str]) -> str:
    return FRONT + "".join(f"Article {n}\n\n{line(n)}\n\n" for n in range(1, ARTICLES + 1))


@pytest.mark.parametrize(
    "pathological",
    [
        pytest.param(lambda n: "a" * LINE, id="one-word line"),
        pytest.param(lambda n: "b" * (LINE - 1) + "-", id="one hyphenated word"),
        pytest.param(lambda n: "1. " + "c" * LINE, id="one-word paragraph"),
        pytest.param(lambda n: f"Article {n}: x" + " " * LINE + "y", id="spaces in a heading"),
    ],
)
def test_a_pathological_plain_text_line_costs_about_what_ordinary_text_does(pathological) -> None:
    normal = plain_text(lambda n: words(LINE))
    odd = plain_text(pathological)
    assert abs(len(odd) - len(normal)) < 0.01 * len(normal)
    baseline = median_seconds(lambda: parse_plain_text(normal))

    def parse_odd() -> None:
        with contextlib.suppress(TreatyFormatError):  # the heading variant is refused: article 1 is empty
            parse_plain_text(odd)

    parse_odd()  # warm up
    assert median_seconds(parse_odd) < 5 * baseline + 0.005


def test_a_pathological_markdown_line_costs_about_what_ordinary_text_does() -> None:
    def markdown(line: str) -> str:
        return FRONT + "".join(f"## Article {n}\n{line}\n" for n in range(1, ARTICLES + 1))

    normal, odd = markdown(words(LINE)), markdown("d" * LINE)
    baseline = median_seconds(lambda: parse_markdown(normal))
    assert median_seconds(lambda: parse_markdown(odd)) < 5 * baseline + 0.005


def test_a_pdf_with_one_very_long_glyph_line_costs_about_what_ordinary_text_does() -> None:
    size = 18_000
    normal, odd = render_one_line_pdf(words(size)), render_one_line_pdf("e" * size)

    def parse(data: bytes) -> Callable[[], object]:
        return lambda: parse_pdf(data, source="long.pdf", slug="long-lines", title="Long Lines")

    parse(odd)()
    assert parse(odd)().count("article") == 1
    assert median_seconds(parse(odd)) < 2 * median_seconds(parse(normal))


def test_a_line_over_the_limit_is_refused_naming_file_and_line() -> None:
    text = FRONT + "Article 1\n\n" + "a" * 60_000 + "\n"
    with pytest.raises(TreatyFormatError) as caught:
        parse_plain_text(text, source="long.txt")
    assert str(caught.value) == "long.txt, line 7: the line is 60,000 characters long; the limit is 20,000"
    with pytest.raises(TreatyFormatError, match=r"^long\.md, line 6: the line is 60,000 characters long"):
        parse_markdown(FRONT + "## Article 1\n" + "a" * 60_000 + "\n", source="long.md")


def test_a_paragraph_over_the_limit_is_refused_naming_its_first_line() -> None:
    body = "\n".join(["words of a paragraph that never ends"] * 3_000)  # ~110,000 characters
    with pytest.raises(TreatyFormatError) as caught:
        parse_plain_text(FRONT + "Article 1\n\n" + body + "\n", source="long.txt")
    assert str(caught.value).startswith("long.txt, line 7: a paragraph of more than 100,000 characters")


def test_a_pdf_page_with_too_many_glyphs_is_refused_before_layout() -> None:
    data = render_one_line_pdf("f" * 40_000)
    started = time.perf_counter()
    with pytest.raises(TreatyFormatError) as caught:
        parse_pdf(data, source="full.pdf", slug="long-lines", title="Long Lines")
    refused = time.perf_counter() - started
    assert str(caught.value) == "full.pdf: page 1: more than 30,000 glyphs on one page"
    normal = render_one_line_pdf(words(15_000))
    assert refused < 2 * median_seconds(
        lambda: parse_pdf(normal, source="normal.pdf", slug="long-lines", title="Long Lines"), runs=1
    )
