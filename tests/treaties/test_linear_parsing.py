"""Every reader takes pathological lines in its stride, and a line, a paragraph or a PDF page has a size limit.

What these inputs cost, against ordinary text of the same size, is measured by
`bench/parse_lines.py` (medians and ratios at growing sizes). One test here holds each reader to a
loose ratio against ordinary text parsed in the same process (never a wall-clock limit): linear readers
measure 1-2.5x on a busy 2-core machine, the quadratic reader this replaced hundreds of times.
"""

from __future__ import annotations

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


def words(size: int) -> str:
    return " ".join(["protocol"] * (size // 9))[:size].rstrip()


def plain_text(line: Callable[[int], str]) -> str:
    return FRONT + "".join(f"Article {n}\n\n{line(n)}\n\n" for n in range(1, ARTICLES + 1))


@pytest.mark.parametrize(
    ("pathological", "article_text"),
    [
        pytest.param(lambda n: "a" * LINE, "a" * LINE, id="one-word line"),
        pytest.param(lambda n: "b" * (LINE - 1) + "-", "b" * (LINE - 1) + "-", id="one hyphenated word"),
        pytest.param(lambda n: "1. " + "c" * LINE, "c" * LINE, id="one-word paragraph"),
    ],
)
def test_a_pathological_plain_text_line_is_read_whole(pathological, article_text: str) -> None:
    parsed = parse_plain_text(plain_text(pathological), source="odd.txt")
    assert [p.eid for p in parsed.provisions if p.kind == "article"] == [f"art_{n}" for n in range(1, ARTICLES + 1)]
    assert sum(article_text in p.text for p in parsed.provisions) == ARTICLES


def test_a_heading_padded_with_spaces_is_read_as_a_heading_and_its_empty_article_refused() -> None:
    odd = plain_text(lambda n: f"Article {n}: x" + " " * LINE + "y")
    with pytest.raises(TreatyFormatError, match=r"^odd\.txt, line \d+: .*[Aa]rticle 1"):
        parse_plain_text(odd, source="odd.txt")


def test_a_pathological_markdown_line_is_read_whole() -> None:
    text = FRONT + "".join(f"## Article {n}\n{'d' * LINE}\n" for n in range(1, ARTICLES + 1))
    parsed = parse_markdown(text, source="odd.md")
    assert parsed.count("article") == ARTICLES
    assert sum("d" * LINE in p.text for p in parsed.provisions) == ARTICLES


def test_a_pdf_with_one_very_long_glyph_line_is_read_as_one_article() -> None:
    data = render_one_line_pdf("e" * 18_000)
    parsed = parse_pdf(data, source="long.pdf", slug="long-lines", title="Long Lines")
    assert parsed.count("article") == 1
    assert any("e" * 18_000 in p.text.replace(" ", "") for p in parsed.provisions)


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


def test_a_pdf_page_with_too_many_glyphs_is_refused_before_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber.page

    def no_layout(*args: object, **kwargs: object) -> object:
        raise AssertionError("layout analysis ran on a page that should have been refused")

    monkeypatch.setattr(pdfplumber.page.Page, "extract_text_lines", no_layout)
    with pytest.raises(TreatyFormatError) as caught:
        parse_pdf(render_one_line_pdf("f" * 40_000), source="full.pdf", slug="long-lines", title="Long Lines")
    assert str(caught.value) == "full.pdf: page 1: more than 30,000 glyphs on one page"


#: How many times ordinary text of the same size a one-word line may cost. Loose on purpose: the point
#: is linear against quadratic (a 19,000-character one-word line cost ~5 s against ~20 ms), not noise.
RATIO_BOUND = 10

READERS: dict[str, Callable[[str], Callable[[], object]]] = {
    "plain text": lambda line: lambda: parse_plain_text(f"{FRONT}Article 1\n\n{line}\n"),
    "markdown": lambda line: lambda: parse_markdown(f"{FRONT}## Article 1\n{line}\n"),
    "PDF": lambda line: (lambda data: lambda: parse_pdf(data, slug="long-lines", title="Long Lines"))(
        render_one_line_pdf(line)
    ),
}


def least_cpu_seconds(work: Callable[[], object], runs: int = 3) -> float:
    """The least CPU time of a few runs: the measure other processes on the machine disturb least."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


@pytest.mark.parametrize("reader", list(READERS))
def test_a_one_word_line_costs_about_what_ordinary_text_of_its_size_does(reader: str) -> None:
    size = 18_000
    ordinary = least_cpu_seconds(READERS[reader](words(size)))
    one_word = least_cpu_seconds(READERS[reader]("g" * size))
    assert one_word <= RATIO_BOUND * max(ordinary, 0.001), f"{one_word:.3f} s against {ordinary:.3f} s"
