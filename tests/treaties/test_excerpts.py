"""Excerpts: a text that holds only some articles of its instrument, numbered as in the full text.

Gaps in the article numbers are allowed (``--excerpt``, ``excerpt: true``, the import page's box);
a repeated or descending number is still refused with the file, line and problem. Every reader
(markdown, plain text, PDF) reads an excerpt the same way, and the treaty's pages say which
articles it holds. The excerpt below is invented.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.page_text import page_text
from treaties.article_ranges import format_ranges, parse_ranges
from treaties.models import Treaty, TreatyVersion
from treaties.parsing.errors import TreatyFormatError
from treaties.parsing.markdown import parse_markdown
from treaties.parsing.pdf import parse_pdf
from treaties.parsing.plaintext import parse_plain_text

from .pdf_render import FONT, render_pdf, render_text

TITLE = "Regional Convention on Invented Lighthouses"
BODY = """# Chapter IV \u2014 Keeping the Lights
## Article 14 \u2014 Duties of Keepers
1. Each Party shall require its lighthouse keepers to light the lamp at dusk and to keep it burning until the morning.
2. Keepers shall record in a logbook every vessel that passes within sight of the tower during the night.
## Article 15 \u2014 Inspection of Towers
Each Party shall inspect every tower in its territory once a year and publish a short account of what it found.
## Article 18 \u2014 Exchange of Logbooks
1. The Parties shall exchange copies of their logbooks where a vessel passed the lights of more than one Party.
2. Such exchanges shall:
(a) take place within three months; and
(b) name the keepers who made each entry.
"""
EXCERPT_FLAG = "excerpt: true\n"
THINGS = (
    "logbooks",
    "lamp oil accounts",
    "storm warnings",
    "wick orders",
    "lens cleaning notes",
    "fog signal tests",
    "visitor books",
    "wreck sightings",
    "tide tables",
    "paint schedules",
    "boat repairs",
    "bell ringing times",
    "supply lists",
    "weather diaries",
    "rescue reports",
    "harbour letters",
)
#: Long enough to fill several printed pages, so the running heads and page numbers repeat (and go).
LONG_BODY = (
    BODY
    + "## Article 21 \u2014 Keeping of Records\n"
    + "".join(
        f"{k}. The {THINGS[k % 16]} of each tower shall be kept for {k + 4} years and shown, with the "
        f"{THINGS[(k - 1) % 16]}, to any keeper from a neighbouring Party who asks to read the {THINGS[(k * 7) % 16]} "
        f"{'in person' if k % 2 else 'by letter'}.\n"
        for k in range(1, 49)
    )
)


def markdown(*, flag: bool = True, body: str = BODY) -> str:
    return f"---\nid: lighthouses\ntitle: {TITLE}\n{EXCERPT_FLAG if flag else ''}---\n{body}"


def write(tmp_path: Path, text: str, name: str = "lighthouses.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def shape(parsed) -> list[tuple[str, str, str | None, str]]:  # type: ignore[no-untyped-def]
    return [(p.eid, p.kind, p.parent_eid, " ".join(p.text.split())) for p in parsed.provisions]


def articles(parsed) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.eid for p in parsed.provisions if p.kind == "article"]


# -- ranges -------------------------------------------------------------------------------------------


def test_article_numbers_read_and_written_as_ranges() -> None:
    assert parse_ranges("5,8-10") == (5, 8, 9, 10)
    assert parse_ranges(" 10 , 8 - 9, 5, 8 ") == (5, 8, 9, 10)
    assert format_ranges([18, 14, 15]) == "14-15, 18"
    assert format_ranges([5, 8, 9, 10]) == "5, 8-10"
    assert format_ranges([]) == ""
    for bad, problem in (("", "no article numbers"), ("5,,8", "not an article number"), ("10-8", "descending")):
        with pytest.raises(ValueError, match=problem):
            parse_ranges(bad)


# -- the readers --------------------------------------------------------------------------------------


def test_a_full_text_with_a_gap_is_refused_naming_the_excerpt_option() -> None:
    with pytest.raises(
        TreatyFormatError, match=r"lh\.md, line 6: article 14 follows article 0: article numbers skipped"
    ):
        parse_markdown(markdown(flag=False), source="lh.md")


def test_an_excerpt_keeps_the_full_texts_numbers_and_eids() -> None:
    parsed = parse_markdown(markdown(), source="lh.md")
    assert parsed.excerpt
    assert articles(parsed) == ["art_14", "art_15", "art_18"]
    assert "art_18__para_2__subpara_b" in {p.eid for p in parsed.provisions}
    assert shape(parse_markdown(markdown(flag=False), source="lh.md", excerpt=True)) == shape(parsed)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            "## Article 14\nA keeper keeps.\n## Article 15\nB.\n## Article 15\nC.\n",
            r"line 10: article 15 is duplicated \(first at line 8\)",
        ),
        (
            "## Article 14\nA keeper keeps.\n## Article 18\nB.\n## Article 16\nC.\n",
            r"line 10: article 16 is out of order: it comes after article 18",
        ),
    ],
    ids=["duplicated", "descending"],
)
def test_an_excerpt_still_refuses_repeated_and_descending_numbers(body: str, problem: str) -> None:
    with pytest.raises(TreatyFormatError, match=rf"lh\.md, {problem}"):
        parse_markdown(markdown(body=body), source="lh.md")


def test_a_bad_excerpt_value_names_its_line() -> None:
    text = markdown(flag=False).replace("---\n#", "excerpt: perhaps\n---\n#", 1)
    with pytest.raises(
        TreatyFormatError, match=r"lh\.md, line 4: front matter 'excerpt': 'perhaps' is not true or false"
    ):
        parse_markdown(text, source="lh.md")


def test_plain_text_and_pdf_excerpts_read_like_the_markdown() -> None:
    text_of = markdown(body=LONG_BODY)
    expected = shape(parse_markdown(text_of, source="lh.md"))
    assert expected[-1][:3] == ("art_21__para_48", "paragraph", "art_21")
    printed = render_text(text_of, page_lines=16)
    with pytest.raises(TreatyFormatError, match="article numbers skipped"):
        parse_plain_text(printed, source="lh.txt", slug="lighthouses", title=TITLE)
    from_text = parse_plain_text(printed, source="lh.txt", slug="lighthouses", title=TITLE, excerpt=True)
    assert from_text.excerpt and shape(from_text) == expected
    if not FONT.exists():
        pytest.fail(f"the PDF test needs the DejaVu fonts at {FONT}")
    from_pdf = parse_pdf(render_pdf(text_of), source="lh.pdf", slug="lighthouses", title=TITLE, excerpt=True)
    assert from_pdf.excerpt and shape(from_pdf) == expected


# -- importing and the pages --------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_treaty_excerpt_stores_the_flag_and_the_pages_say_what_it_holds(tmp_path: Path) -> None:
    path = write(tmp_path, markdown(flag=False))
    with pytest.raises(CommandError, match=r"line 6: article 14 follows article 0: article numbers skipped"):
        call_command("import_treaty", str(path))
    assert not Treaty.objects.exists()

    out = io.StringIO()
    call_command("import_treaty", str(path), "--excerpt", stdout=out)
    assert "excerpt holding articles 14-15, 18" in out.getvalue()
    treaty = Treaty.objects.get(slug="lighthouses")
    assert treaty.excerpt and treaty.excerpt_label == "holds articles 14-15, 18"
    assert TreatyVersion.objects.get(treaty=treaty).metadata["excerpt"] == "true"  # a restore keeps it

    assert "Excerpt: holds articles 14-15, 18" in page_text(Client().get(treaty.get_absolute_url()))
    assert "Excerpt: holds articles 14-15, 18" in page_text(Client().get("/treaties/"))


@pytest.mark.django_db
def test_front_matter_alone_makes_an_excerpt_and_a_full_text_is_not_one(tmp_path: Path, sample_treaty) -> None:
    call_command("import_treaty", str(write(tmp_path, markdown())), stdout=io.StringIO())
    assert Treaty.objects.get(slug="lighthouses").excerpt
    assert not sample_treaty.excerpt
    assert "Excerpt" not in page_text(Client().get(sample_treaty.get_absolute_url()))


@pytest.mark.django_db
def test_an_excerpt_with_a_repeated_article_is_refused_and_nothing_written(tmp_path: Path) -> None:
    body = BODY + "## Article 15 \u2014 Again\nA second article fifteen.\n"
    path = write(tmp_path, markdown(body=body))
    with pytest.raises(CommandError, match=r"lighthouses\.md, line 17: article 15 is duplicated \(first at line 10\)"):
        call_command("import_treaty", str(path), "--excerpt")
    assert not Treaty.objects.exists()


@pytest.mark.django_db
def test_the_import_page_imports_an_excerpt_as_a_background_job() -> None:
    from tests.jobs import run_queued_jobs

    from .test_import_web import client_with

    curator = client_with("curator")
    text = render_text(markdown())
    form = page_text(curator.get("/import/"))
    assert "Excerpt: the file holds only some articles" in form
    data = {"slug": "lighthouses", "title": TITLE, "excerpt": "on"}

    from django.core.files.uploadedfile import SimpleUploadedFile

    queued = curator.post("/import/", {"file": SimpleUploadedFile("lh.txt", text.encode(), "text/plain"), **data})
    assert queued.status_code == 302 and queued["Location"].startswith("/jobs/")
    assert not Treaty.objects.exists()  # queued, not done in the request
    assert run_queued_jobs() == 1
    job_page = page_text(curator.get(queued["Location"]))
    assert "Excerpt: holds articles 14-15, 18" in job_page, job_page
    treaty = Treaty.objects.get(slug="lighthouses")
    assert treaty.excerpt and treaty.article_numbers() == [14, 15, 18]

    refused = curator.post(
        "/import/",
        {"file": SimpleUploadedFile("lh2.txt", text.encode(), "text/plain"), "slug": "other", "title": TITLE},
    )
    assert run_queued_jobs() == 1
    assert "article 14 follows article 0" in page_text(curator.get(refused["Location"]))
