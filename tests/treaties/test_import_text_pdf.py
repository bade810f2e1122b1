"""Plain-text and PDF import: the same provision tree and text as the corpus markdown.

The corpus texts are read at run time from the corpus directory and laid out like an official
publication by ``pdf_render``; the small samples here are invented.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.conftest import SAMPLE_TREATY
from treaties.parsing.errors import TreatyFormatError
from treaties.parsing.markdown import parse_markdown
from treaties.parsing.pdf import extract_pages, parse_pdf
from treaties.parsing.plaintext import parse_plain_text
from treaties.parsing.readers import read_treaty
from treaties.parsing.tree import ParsedTreaty
from treaties.services import corpus_files

from .pdf_render import FONT, FONT_BOLD, read_markdown, render_pdf, render_text

DEFAULT_NAMES = ["coe-trafficking", "smuggling-protocol", "tip-protocol", "untoc"]
# vary the layout between instruments: page-number style and an explicit "Preamble" heading
LAYOUT = {
    "coe-trafficking": {"footer": "of", "preamble_heading": True},
    "smuggling-protocol": {"footer": "dashes"},
    "tip-protocol": {"footer": "plain"},
}


def corpus_names() -> list[str]:
    directory = Path(settings.TREATY_CORPUS_DIR)
    if directory.is_dir():
        names = [path.stem for path in corpus_files(directory)]
        if names:
            return names
    return DEFAULT_NAMES  # the corpus_dir fixture then fails with a clear message


def squash(text: str) -> str:
    return " ".join(text.split())


def tree(parsed: ParsedTreaty) -> list[tuple[str, str, str, str, str | None]]:
    return [(p.eid, p.kind, p.number, p.heading, p.parent_eid) for p in parsed.provisions]


def texts(parsed: ParsedTreaty) -> list[tuple[str, str]]:
    return [(p.eid, squash(p.text)) for p in parsed.provisions]


def headed(text: str, tidy: Callable[[str], str] = squash) -> list[tuple[str, str, str]]:
    """(eId, heading, text tidied) of each provision plain ``text`` becomes under ``ID`` and ``TITLE``."""
    return [(p.eid, p.heading, tidy(p.text)) for p in parse_plain_text(text, slug=ID, title=TITLE).provisions]


def assert_same_treaty(got: ParsedTreaty, expected: ParsedTreaty) -> None:
    assert got.slug == expected.slug
    assert got.meta["title"] == expected.meta["title"]
    assert tree(got) == tree(expected)
    for (eid, text), (_, want) in zip(texts(got), texts(expected), strict=True):
        assert text == want, f"{eid} differs"


@functools.cache
def corpus_text(directory: str, name: str) -> str:
    return (Path(directory) / f"{name}.md").read_text(encoding="utf-8")


@functools.cache
def rendered_pdf(directory: str, name: str) -> bytes:
    return render_pdf(corpus_text(directory, name), **LAYOUT.get(name, {}))  # type: ignore[arg-type]


@pytest.fixture(scope="module", autouse=True)
def fonts() -> None:
    missing = [str(path) for path in (FONT, FONT_BOLD) if not path.exists()]
    assert not missing, f"install Debian's fonts-dejavu-core (missing {', '.join(missing)})"


# -- (1) PDF round trip --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", corpus_names())
def test_pdf_of_corpus_file_round_trips(corpus_dir: Path, name: str) -> None:
    markdown = corpus_text(str(corpus_dir), name)
    expected = parse_markdown(markdown, source=f"{name}.md")
    meta, _ = read_markdown(markdown)
    data = rendered_pdf(str(corpus_dir), name)
    got = parse_pdf(data, source=f"{name}.pdf", slug=meta["id"], title=meta["title"])
    assert_same_treaty(got, expected)


@pytest.mark.parametrize(
    "layout",
    [
        {"justify": False},
        {"justify": False, "paragraph_gap": 0, "inline_titles": True, "footer": "dashes"},
    ],
    ids=["ragged", "ragged-gapless-inline-titles"],
)
def test_pdf_layout_variants_round_trip(corpus_dir: Path, layout: dict[str, object]) -> None:
    name = "smuggling-protocol" if "smuggling-protocol" in corpus_names() else corpus_names()[0]
    markdown = corpus_text(str(corpus_dir), name)
    meta, _ = read_markdown(markdown)
    data = render_pdf(markdown, **layout)  # type: ignore[arg-type]
    got = parse_pdf(data, source=f"{name}.pdf", slug=meta["id"], title=meta["title"])
    assert_same_treaty(got, parse_markdown(markdown))


@pytest.mark.django_db
def test_import_treaty_command_imports_a_pdf(corpus_dir: Path, tmp_path: Path) -> None:
    from treaties.models import Treaty

    name = "tip-protocol" if "tip-protocol" in corpus_names() else corpus_names()[0]
    markdown = corpus_text(str(corpus_dir), name)
    expected = parse_markdown(markdown)
    meta, _ = read_markdown(markdown)
    path = tmp_path / f"{name}-official.pdf"
    path.write_bytes(rendered_pdf(str(corpus_dir), name))

    # the layout really is the hard case: running heads, page numbers, hyphenated line breaks
    pages, _ = extract_pages(path.read_bytes(), name)
    lines = [line.text for page in pages for line in page if line.text]
    assert len(pages) > 3
    assert sum("United Nations" in page[0].text for page in pages) == len(pages)
    assert sum(bool(re.search(r"[a-z]-$", a)) and b[:1].islower() for a, b in itertools.pairwise(lines)) > 20
    assert any(re.fullmatch(r"Article \d+", line) for line in lines)
    assert any(re.fullmatch(r"(Page )?[-\s]*\d+( of \d+)?[-\s]*", line) for line in lines)

    call_command("import_treaty", str(path), "--format", "pdf", "--id", meta["id"], "--title", meta["title"])

    treaty = Treaty.objects.get(slug=meta["id"])
    assert (treaty.title, treaty.source_format) == (meta["title"], "pdf")
    rows = list(treaty.provisions.order_by("position").select_related("parent"))
    assert [(r.eid, r.kind, r.number, r.heading, r.parent.eid if r.parent else None) for r in rows] == tree(expected)
    assert [(r.eid, squash(r.text)) for r in rows] == texts(expected)


# -- (3) plain-text export of the corpus ---------------------------------------------------------------
@pytest.mark.parametrize("blank_lines", [True, False], ids=["spaced", "dense"])
@pytest.mark.parametrize("name", corpus_names())
def test_text_export_of_corpus_file_round_trips(corpus_dir: Path, name: str, blank_lines: bool) -> None:
    markdown = corpus_text(str(corpus_dir), name)
    meta, _ = read_markdown(markdown)
    text = render_text(markdown, blank_lines=blank_lines)
    assert "\f" in text and "-\n" in text  # pages and hyphenated breaks
    got = parse_plain_text(text, source=f"{name}.txt", slug=meta["id"], title=meta["title"])
    assert_same_treaty(got, parse_markdown(markdown))


def test_text_export_of_sample_treaty_round_trips() -> None:
    text = render_text(SAMPLE_TREATY, width=40, page_lines=12)
    got = parse_plain_text(text, slug="sample-convention", title="Sample Convention on Invented Matters")
    assert_same_treaty(got, parse_markdown(SAMPLE_TREATY))


# -- (2) plain text of an (invented) official publication -----------------------------------------------
TITLE = "Convention on Invented Matters"
ID = "invented"

OFFICIAL_TEXT = """\
CONVENTION ON INVENTED MATTERS

The Parties to this Convention,
Mindful of invented concerns and of the need for co-operation,

Recalling the Declaration of 1 January
2000, which they adopted unanimously,

Have agreed as follows:

CHAPTER I
GENERAL MATTERS

Article 1
Purpose
The purpose of this Convention is to illustrate a parser for official texts and to promote
co-operation among the Parties.

ARTICLE 2: Use of terms
For the purposes of this Convention:
(a) "Widget" means an invented object, as referred to in subparagraph
(b) of this article;
(b) "Gadget" means an object listed in the regis-
ter kept under article 3; and
(c) "Anti-trafficking body" means an anti-
Trafficking unit.
\f
Invented Treaty Series, Vol. 2001 — Official Text

Chapter II - Obligations

Article 3 - Duties
1. Each Party shall keep a register of widgets in accordance with its
domestic law and with paragraph
2. of article 1, and shall publish it before 31 December
2025. The register shall be public.
2. Each Party shall, in accordance with its domestic law:
(a) inspect gadgets;
(b) report on:
(i) widgets;
(ii) gadgets.
Such reports shall be public.

Page 2 of 3
\f
Invented Treaty Series, Vol. 2001 — Official Text

PART III

Article 4
Relation with other invented instruments and with the
co-operation of the Parties

This Convention shall not affect other invented instruments.

IN WITNESS WHEREOF the undersigned have signed this Convention.
DONE at Nowhere, this first day of April 2001.

Page 3 of 3
"""


def test_official_text_becomes_the_provision_tree() -> None:
    parsed = parse_plain_text(OFFICIAL_TEXT, source="official.txt", slug=ID, title=TITLE)
    by_eid = {p.eid: p for p in parsed.provisions}
    assert [p.eid for p in parsed.provisions] == [
        "preamble",
        "preamble__para_1",
        "preamble__para_2",
        "preamble__para_3",
        "chp_I",
        "art_1",
        "art_2",
        "art_2__subpara_a",
        "art_2__subpara_b",
        "art_2__subpara_c",
        "chp_II",
        "art_3",
        "art_3__para_1",
        "art_3__para_2",
        "art_3__para_2__subpara_a",
        "art_3__para_2__subpara_b",
        "art_3__para_2__subpara_b__point_i",
        "art_3__para_2__subpara_b__point_ii",
        "chp_III",
        "art_4",
        "testimonium",
    ]
    # the document title is not a recital; recitals are separated by blank lines
    assert squash(by_eid["preamble__para_1"].text) == (
        "The Parties to this Convention, Mindful of invented concerns and of the need for co-operation,"
    )
    assert squash(by_eid["preamble__para_2"].text) == (
        "Recalling the Declaration of 1 January 2000, which they adopted unanimously,"
    )
    # chapter headings in three styles, normalised to the corpus form
    assert by_eid["chp_I"].heading == "CHAPTER I \u2014 GENERAL MATTERS"
    assert by_eid["chp_II"].heading == "Chapter II \u2014 Obligations"
    assert by_eid["chp_III"].heading == "PART III"
    assert by_eid["art_3"].parent_eid == "chp_II"
    assert by_eid["art_4"].parent_eid == "chp_III"
    # article headings in four styles; a title may wrap over two lines
    assert [by_eid[f"art_{n}"].heading for n in range(1, 5)] == [
        "Purpose",
        "Use of terms",
        "Duties",
        "Relation with other invented instruments and with the co-operation of the Parties",
    ]
    # wrapped lines joined; a wrapped "(b) of this article" or "2. of article 1" is not a new unit
    assert squash(by_eid["art_1"].text) == (
        "The purpose of this Convention is to illustrate a parser for official texts and to promote "
        "co-operation among the Parties."
    )
    assert squash(by_eid["art_2__subpara_a"].text) == (
        '"Widget" means an invented object, as referred to in subparagraph (b) of this article;'
    )
    assert squash(by_eid["art_3__para_1"].text) == (
        "Each Party shall keep a register of widgets in accordance with its domestic law and with paragraph "
        "2. of article 1, and shall publish it before 31 December 2025. The register shall be public."
    )
    # hyphenated breaks: a soft hyphen goes, a real one ("anti-" + capital, "co-operation") stays
    assert squash(by_eid["art_2__subpara_b"].text) == (
        '"Gadget" means an object listed in the register kept under article 3; and'
    )
    assert squash(by_eid["art_2__subpara_c"].text) == '"Anti-trafficking body" means an anti-Trafficking unit.'
    # a continuation line after the last item belongs to that item, as in the markdown format
    assert by_eid["art_3__para_2__subpara_b__point_ii"].text == "gadgets. Such reports shall be public."
    assert squash(by_eid["testimonium"].text) == (
        "IN WITNESS WHEREOF the undersigned have signed this Convention. DONE at Nowhere, this first day of April 2001."
    )
    # running heads and page numbers are gone
    everything = " ".join(p.text for p in parsed.provisions)
    assert "Treaty Series" not in everything and "Page" not in everything
    assert parsed.meta == {"id": ID, "title": TITLE}


def test_running_heads_and_page_numbers_without_form_feeds() -> None:
    pages = []
    topics = ["widgets", "gadgets", "gizmos", "sprockets"]
    for page, topic in enumerate(topics, start=1):
        pages.append(
            f"Invented Convention (No. {page}) \u2014 Treaty Series\n\n"
            f"Article {page}\nTopic {page}\n"
            f"1. Each Party shall take such measures as may be needed to prevent an invented prob-\n"
            f"lem with {topic}.\n\n- {page} -\n"
        )
    parsed = parse_plain_text("".join(pages), slug=ID, title=TITLE)
    assert [p.eid for p in parsed.provisions] == [e for n in range(1, 5) for e in (f"art_{n}", f"art_{n}__para_1")]
    assert [p.text for p in parsed.provisions[1::2]] == [
        f"Each Party shall take such measures as may be needed to prevent an invented problem with {topic}."
        for topic in topics
    ]
    assert all("Treaty Series" not in p.text and "-" not in p.text for p in parsed.provisions)


def test_hyphen_is_dropped_or_kept_by_the_rest_of_the_document() -> None:
    text = (
        "Article 1 \u2014 Terms\n"
        "1. Parties shall promote cross-border co-operation and infor-\n"
        "mation exchange, cross-\n"
        "border training and co-\n"
        "operation with others, and cooper-\n"
        "ation.\n"
    )
    parsed = parse_plain_text(text, slug=ID, title=TITLE)
    assert parsed.provisions[1].text == (
        "Parties shall promote cross-border co-operation and information exchange, "
        "cross-border training and co-operation with others, and cooperation."
    )


def test_page_break_inside_a_paragraph_and_between_recitals() -> None:
    text = (
        "Recalling an invented declaration adopted by all the Parties long ago\n"
        "in an invented place,\n"
        "\fInvented Series\n"
        "Noting that nothing here is real and that the text is only a sample of\n"
        "the format that an official publication may take\n"
        "- 1 -\n"
        "\fInvented Series\n"
        "and that it continues on this page,\n"
        "Article 1\nPurpose\nThis text illustrates a parser.\n"
        "2\n"
    )
    parsed = parse_plain_text(text, slug=ID, title=TITLE)
    recitals = [squash(p.text) for p in parsed.provisions if p.parent_eid == "preamble"]
    assert recitals == [
        "Recalling an invented declaration adopted by all the Parties long ago in an invented place,",
        "Noting that nothing here is real and that the text is only a sample of the format that an official "
        "publication may take and that it continues on this page,",
    ]


def test_explicit_preamble_heading_and_title_without_following_gap() -> None:
    text = "PREAMBLE\nThe Parties have agreed as follows:\nArticle 1\nPurpose\n1. To illustrate a parser.\n"
    parsed = parse_plain_text(text, slug=ID, title=TITLE)
    assert tree(parsed) == [
        ("preamble", "preamble", "", "Preamble", None),
        ("preamble__para_1", "paragraph", "", "", "preamble"),
        ("art_1", "article", "1", "Purpose", None),
        ("art_1__para_1", "paragraph", "1.", "", "art_1"),
    ]


def test_plain_text_with_front_matter_needs_no_options(sample_file: Path) -> None:
    body = render_text(SAMPLE_TREATY, width=50, page_lines=15)
    front = SAMPLE_TREATY.split("---\n", 2)[1]
    text = f"---\n{front}---\n{body}"
    parsed = parse_plain_text(text, source="sample.txt")
    assert parsed.slug == "sample-convention"
    assert parsed.meta["short_title"] == "Sample Convention"
    assert tree(parsed) == tree(parse_markdown(SAMPLE_TREATY))
    assert parse_plain_text(text, slug="sample-convention").slug == "sample-convention"
    with pytest.raises(TreatyFormatError, match=r"sample\.txt: --id 'other' differs from the file's id"):
        parse_plain_text(text, source="sample.txt", slug="other")
    # a front matter without an id takes it from --id
    without_id = text.replace("id: sample-convention\n", "")
    assert parse_plain_text(without_id, slug="sample-convention").slug == "sample-convention"
    with pytest.raises(TreatyFormatError, match=r"lacks 'id' \(or give --id\)"):
        parse_plain_text(without_id)


@pytest.mark.parametrize(
    ("options", "missing"),
    [({}, "--id and --title"), ({"slug": ID}, "--title"), ({"title": TITLE}, "--id")],
)
def test_plain_text_without_front_matter_needs_id_and_title(
    tmp_path: Path, options: dict[str, str], missing: str
) -> None:
    path = tmp_path / "actip-official.txt"
    path.write_text("Article 1\nPurpose\nTo illustrate a parser.\n", encoding="utf-8")
    with pytest.raises(TreatyFormatError) as caught:
        read_treaty(path, path.read_bytes(), fmt="text", **options)
    assert str(caught.value) == f"{path}: plain text has no front matter: give the instrument's {missing}"


def test_bad_id_and_bad_pdf_are_reported(tmp_path: Path) -> None:
    with pytest.raises(TreatyFormatError, match="must be lower-case"):
        parse_plain_text("Article 1\nText.\n", slug="Not A Slug", title=TITLE)
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not really a PDF")
    with pytest.raises(TreatyFormatError, match=r"broken\.pdf: not a readable PDF"):
        read_treaty(path, path.read_bytes(), slug=ID, title=TITLE)
    with pytest.raises(TreatyFormatError, match=r"broken\.pdf: a PDF has no front matter: give the instrument's --id"):
        read_treaty(path, path.read_bytes(), title=TITLE)

    from fpdf import FPDF

    scan = FPDF()
    scan.add_page()
    with pytest.raises(TreatyFormatError, match=r"scan\.pdf: the PDF has no text layer"):
        parse_pdf(bytes(scan.output()), source="scan.pdf", slug=ID, title=TITLE)


def test_pdf_structure_errors_name_the_page(tmp_path: Path) -> None:
    markdown = SAMPLE_TREATY.replace("## Article 3", "## Article 5")
    data = render_pdf(markdown)
    with pytest.raises(TreatyFormatError, match=r"\.pdf: page \d+, line \d+: article 5 follows article 2"):
        parse_pdf(data, source="sample.pdf", slug=ID, title=TITLE)


@pytest.mark.django_db
def test_import_treaty_command_imports_plain_text(tmp_path: Path) -> None:
    from treaties.models import Treaty

    path = tmp_path / "invented.txt"
    path.write_text(OFFICIAL_TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match=r"invented\.txt: plain text has no front matter.*nothing was imported"):
        call_command("import_treaty", str(path))
    call_command("import_treaty", str(path), "--id", ID, "--title", TITLE)
    treaty = Treaty.objects.get(slug=ID)
    assert treaty.source_format == "text"
    assert treaty.provisions.get(eid="art_3__para_2__subpara_b__point_ii").parent.eid == ("art_3__para_2__subpara_b")


def test_soft_hyphens_and_no_break_spaces() -> None:
    text = "Article\u00a01\tPurpose\n1. The Parties shall pro\u00ad\nmote co\u00adoperation.\n"
    assert headed(text, tidy=str) == [
        ("art_1", "Purpose", ""),
        ("art_1__para_1", "", "The Parties shall promote cooperation."),
    ]


@pytest.mark.parametrize(
    ("text", "provisions"),
    [
        pytest.param(
            "Article 1 Purpose\nThe Parties shall act as provided in\nArticle 2 Paragraph 1 of the Annex.\n"
            "ARTICLE 2 Scope\nThis Convention applies to invented matters.\n",
            [
                ("art_1", "Purpose", "The Parties shall act as provided in Article 2 Paragraph 1 of the Annex."),
                ("art_2", "Scope", "This Convention applies to invented matters."),
            ],
            id="article-number-and-title-separated-by-a-space-only",
        ),
        # Some regional publications print "a)" and "ii)" and set headings in capitals.
        pytest.param(
            "CHAPTER I\nGENERAL PROVISIONS\n\nARTICLE 1\nOBJECTIVES\n\n"
            "1. The objectives of this Convention are:\na) to test the reader; and\n"
            "b) to test it, in the manner of paragraph 2\nii) of the Annex, again:\ni) first; and\nii) second.\n"
            "2. Nothing here is real.\n",
            [
                ("chp_I", "CHAPTER I \u2014 GENERAL PROVISIONS", ""),
                ("art_1", "OBJECTIVES", ""),
                ("art_1__para_1", "", "The objectives of this Convention are:"),
                ("art_1__para_1__subpara_a", "", "to test the reader; and"),
                ("art_1__para_1__subpara_b", "", "to test it, in the manner of paragraph 2 ii) of the Annex, again:"),
                ("art_1__para_1__subpara_b__point_i", "", "first; and"),
                ("art_1__para_1__subpara_b__point_ii", "", "second."),
                ("art_1__para_2", "", "Nothing here is real."),
            ],
            id="bare-parenthesis-markers-and-capitalised-headings",
        ),
    ],
)
def test_regional_layouts_of_articles_and_headings(text: str, provisions: list[tuple[str, str, str]]) -> None:
    assert headed(text) == provisions
