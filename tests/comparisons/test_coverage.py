"""The coverage map: shares of source words kept per (target article, source article), bars per chapter."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons.alignment import Instrument, ProvisionIn
from comparisons.display.coverage import build_coverage, legend, shade_of
from comparisons.display.labels import chapter_title
from comparisons.overlay import Row

# Invented instruments: the target has a chapter with article 1 (two paragraphs) and article 2;
# the source has no chapters, article 1 (one paragraph of 10 words) and article 2 (two of 5 words).
TARGET = Instrument(
    "tgt",
    (
        ProvisionIn("chp_I", "chapter", None, "I", "Chapter I — GENERAL RULES", ""),
        ProvisionIn("art_1", "article", "chp_I", "1", "First", ""),
        ProvisionIn("art_1__para_1", "paragraph", "art_1", "1.", "", "one two three four five six seven"),
        ProvisionIn("art_1__para_2", "paragraph", "art_1", "2.", "", "eight nine ten"),
        ProvisionIn("art_2", "article", "chp_I", "2", "Second", "alpha beta gamma"),
    ),
)
SOURCE = Instrument(
    "src",
    (
        ProvisionIn("art_1", "article", None, "1", "Uno", "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10"),
        ProvisionIn("art_2", "article", None, "2", "Dos", ""),
        ProvisionIn("art_2__para_1", "paragraph", "art_2", "1.", "", "a1 a2 a3 a4 a5"),
        ProvisionIn("art_2__para_2", "paragraph", "art_2", "2.", "", "b1 b2 b3 b4 b5"),
    ),
)


def link(target: str, source: str, relation: str, kept: str, lost: str = "", origin: str = "machine") -> Row:
    diff = [("equal", kept, kept)] + ([("delete", lost, "")] if lost else [])
    return Row(relation, target, "src", source, score=80.0, diff=tuple(diff), origin=origin)


def coverage(rows):
    return build_coverage(target=TARGET, sources=[SOURCE], rows=rows, labels={"tgt": "TGT", "src": "SRC"})


def test_a_cell_is_the_share_of_the_source_articles_words_kept_in_equal_runs():
    result = coverage([link("art_1__para_1", "art_1", "modified", "w1 w2 w3 w4 w5 w6", "w7 w8 w9 w10")])
    cell = result.cell("art_1", "src/art_1")
    assert (cell.surviving_words, cell.total_words, cell.percent, cell.shade) == (6, 10, 60, 3)
    assert (cell.adopted, cell.modified, cell.curated) == (0, 1, 0)
    assert cell.label == "SRC art. 1 in TGT art. 1: 60% of words kept (6 of 10); 1 link (0 adopted, 1 modified)"
    assert result.cell("art_2", "src/art_1") is None


def test_a_source_paragraph_linked_twice_in_one_target_article_counts_once_with_its_best_link():
    rows = [
        link("art_1__para_1", "art_2__para_1", "modified", "a1 a2", "a3 a4 a5"),
        link("art_1__para_2", "art_2__para_1", "adopted", "a1 a2 a3 a4 a5"),
        link("art_1__para_2", "art_2__para_2", "modified", "b1", "b2 b3 b4 b5", origin="curated"),
    ]
    cell = coverage(rows).cell("art_1", "src/art_2")
    assert (cell.surviving_words, cell.total_words) == (6, 10)
    assert (cell.adopted, cell.modified, cell.curated, cell.links) == (1, 2, 1, 3)


def test_rows_grid_columns_and_kept_anywhere_follow_document_order():
    rows = [
        link("art_1__para_1", "art_1", "adopted", "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10"),
        link("art_2", "art_1", "modified", "w1 w2", "w3 w4 w5 w6 w7 w8 w9 w10"),
    ]
    result = coverage(rows)
    assert [a.eid for a in result.target_articles] == ["art_1", "art_2"]
    assert [c.heading for c in result.target_chapters] == ["General rules"]
    (block,) = result.sources
    assert [r.article.eid for r in block.rows] == ["art_1", "art_2"]
    first, second = block.rows
    assert [c.percent if c else None for c in first.cells] == [100, 20]
    assert first.kept_percent == 100  # its one paragraph's best link
    assert second.cells == [None, None]
    assert second.kept_shade == -1  # never linked: pruned


def test_chapter_bars_count_units_by_relation():
    rows = [
        link("art_1__para_1", "art_1", "adopted", "w1"),
        link("art_1__para_2", "art_2__para_1", "modified", "a1"),
        link("art_1__para_2", "art_1", "adopted", "w2"),
        Row("added", "art_2"),
        Row("pruned", "", "src", "art_2__para_2"),
    ]
    result = coverage(rows)
    (target_bar,) = result.target_bars
    assert dict(target_bar.counts) == {"adopted": 1, "modified": 1, "added": 1}
    (source_bar,) = result.source_bars
    assert source_bar.heading == "SRC (no chapters)"
    assert dict(source_bar.counts) == {"adopted": 1, "modified": 1, "pruned": 1}
    assert source_bar.segments()[0] == ("adopted", 1, pytest.approx(33.33, abs=0.01))


def test_links_to_units_the_texts_no_longer_have_are_counted_not_drawn():
    result = coverage([link("art_9", "art_1", "adopted", "w1"), link("art_2", "art_7", "adopted", "x")])
    assert result.skipped == 2
    assert not result.cells


@pytest.mark.parametrize(
    ("share", "shade"), [(0.0, 0), (0.01, 1), (0.2, 1), (0.21, 2), (0.6, 3), (0.8, 4), (0.81, 5), (1.0, 5)]
)
def test_shades_split_the_scale_in_fifths(share, shade):
    assert shade_of(share) == shade


def test_the_legend_and_chapter_titles_read_well():
    assert legend()[0][0] == 0
    assert [label for _, label in legend()[1:]] == ["1–20%", "21–40%", "41–60%", "61–80%", "81–100%"]
    assert chapter_title("Chapter IV — SUBSTANTIVE CRIMINAL LAW") == "Substantive criminal law"
    assert chapter_title("Chapter II — Protection of victims") == "Protection of victims"


# ---- the page ----------------------------------------------------------------------------------

SLUG = "coe-trafficking--tip-protocol+untoc"


@pytest.fixture
def aligned(corpus):
    call_command("align", target="coe-trafficking", sources=["tip-protocol", "untoc"], stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_the_map_links_each_cell_to_its_pairs_side_by_side(aligned):
    response = Client().get(reverse("comparisons:coverage_map", args=[SLUG]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "comparisons-curation.css" in html
    cells = re.findall(r'<td class="cov-cell heat-(\d)[^"]*"><a href="([^"]+)" aria-label="([^"]+)"', html)
    assert len(cells) > 10
    detail = reverse("comparisons:comparison_detail", args=[SLUG])
    assert all(href.startswith(f"{detail}?article=art_") or "article=preamble" in href for _, href, _ in cells)
    assert any("source_article=untoc/art_" in href for _, href, _ in cells)
    assert all(re.search(r"\d+% of words kept \(\d+ of \d+\); \d+ links? \(", label) for _, _, label in cells)
    assert "81–100%" in html  # legend
    assert "Relations by chapter" in html
    assert 'role="img" aria-label="' in html


@pytest.mark.django_db
def test_the_map_of_an_unaligned_comparison_says_so(corpus):
    from comparisons.services import get_or_create_comparison

    comparison = get_or_create_comparison(target="smuggling-protocol", sources=["tip-protocol"])
    response = Client().get(reverse("comparisons:coverage_map", args=[comparison.slug]))
    assert response.status_code == 200
    assert "has not been aligned yet" in response.content.decode()
    assert Client().get("/comparisons/no-such-thing/coverage/").status_code == 404


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_provisions(aligned):
    call_command("align", target="tip-protocol", sources=["untoc"], stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = {}
    for slug in (SLUG, "tip-protocol--untoc"):  # 134 + 241 units, then 44 + 200 units
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(reverse("comparisons:coverage_map", args=[slug])).status_code == 200
        counts[slug] = len(queries)
    assert counts[SLUG] == counts["tip-protocol--untoc"] == 6, counts
