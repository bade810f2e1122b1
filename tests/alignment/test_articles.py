"""Corresponding articles: matched by heading and content in meaning, then their paragraphs (invented vectors)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from comparisons.alignment import AlignmentParams, align, build_units
from comparisons.alignment.articles import corresponding_articles

from .builders import instrument, paragraph_vectors
from .test_engine import LAMPS, RECORDS, STORMS
from .test_link import REWORDED_LAMPS

#: Only the corresponding-articles rule can link a reworded pair: the other weak-pair rules are off.
ARTICLES_ONLY = AlignmentParams(
    mutual_min_score=101,
    context_min_score=101,
    gap_min_score=101,
    semantic_min_score=101,
    semantic_context_min_score=101,
    article_min_score=5,
)

SOURCE = instrument("src", [[LAMPS], [STORMS]], headings=["Lamps", "Storms"])
TARGET = instrument("tgt", [[REWORDED_LAMPS]], headings=["Night watch"])
VECTORS = {
    "tgt/art_1__para_1": [1.0, 0.1, 0.0],
    "src/art_1__para_1": [0.9, 0.2, 0.0],
    "src/art_2__para_1": [0.0, 1.0, 0.0],
}
HEADINGS = {"Lamps": [1.0, 0.0, 0.0], "Storms": [0.0, 1.0, 0.0], "Night watch": [0.95, 0.05, 0.0]}
REWORDED_RECORDS = "Inspectors may ask for a station's logbooks, which it keeps for a decade."
WANTED = ("tgt/art_1__para_1", "src/art_1__para_1")


def _pairs(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(link.target_ref, link.source_ref) for link in result.links}


def test_a_reworded_paragraph_in_corresponding_articles_is_linked_and_says_why() -> None:
    result = align(TARGET, [SOURCE], ARTICLES_ONLY, embeddings=VECTORS, heading_embeddings=HEADINGS)
    assert _pairs(result) == {WANTED}
    assert result.links[0].evidence == ("corresponding_articles",)
    assert result.links[0].relation == "modified"


def test_without_heading_vectors_or_below_the_floors_nothing_is_linked() -> None:
    # Content alone does not match articles: the headings are half the evidence.
    assert _pairs(align(TARGET, [SOURCE], ARTICLES_ONLY, embeddings=VECTORS)) == set()
    # The paragraphs must still share some wording ...
    floor = replace(ARTICLES_ONLY, article_min_score=101)
    assert _pairs(align(TARGET, [SOURCE], floor, embeddings=VECTORS, heading_embeddings=HEADINGS)) == set()
    # ... and be close in meaning.
    far = replace(ARTICLES_ONLY, semantic_min_similarity=99.9)
    assert _pairs(align(TARGET, [SOURCE], far, embeddings=VECTORS, heading_embeddings=HEADINGS)) == set()


def test_a_heading_about_something_else_keeps_the_articles_apart() -> None:
    # The target's heading now reads like the storms article: by content and heading
    # together the target article is nearest "Storms", whose paragraph is far in meaning.
    elsewhere = {**HEADINGS, "Night watch": [0.0, 1.0, 0.0]}
    assert _pairs(align(TARGET, [SOURCE], ARTICLES_ONLY, embeddings=VECTORS, heading_embeddings=elsewhere)) == set()


def test_articles_already_joined_by_a_link_are_left_to_the_context_rule() -> None:
    # Target article 1 copies LAMPS (a close copy joins the two articles); its second
    # paragraph is nearest RECORDS in meaning, but the context rule decides there (it is off).
    source = instrument("src", [[LAMPS, RECORDS], [STORMS]], headings=["Lamps", "Storms"])
    target = instrument("tgt", [[LAMPS, REWORDED_RECORDS]], headings=["Night watch"])
    vectors = {
        **paragraph_vectors("tgt", [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
        **paragraph_vectors("src", [[1.0, 0.0, 0.0], [0.0, 0.1, 1.0]], [[0.0, 1.0, 0.0]]),
    }
    result = align(target, [source], ARTICLES_ONLY, embeddings=vectors, heading_embeddings=HEADINGS)
    assert _pairs(result) == {("tgt/art_1__para_1", "src/art_1__para_1")}
    # Split into two target articles, nothing joins the second one yet, and the rule links it.
    split = instrument("tgt", [[LAMPS], [REWORDED_RECORDS]], headings=["Night watch", "Logbooks"])
    vectors = {**vectors, "tgt/art_2__para_1": vectors.pop("tgt/art_1__para_2")}
    source = instrument("src", [[LAMPS], [STORMS], [RECORDS]], headings=["Lamps", "Storms", "Logs"])
    vectors = {**vectors, "src/art_3__para_1": vectors.pop("src/art_1__para_2")}
    headings = {**HEADINGS, "Logbooks": [0.0, 0.0, 1.0], "Logs": [0.0, 0.1, 1.0]}
    result = align(split, [source], ARTICLES_ONLY, embeddings=vectors, heading_embeddings=headings)
    assert ("tgt/art_2__para_1", "src/art_3__para_1") in _pairs(result)


def test_only_paragraphs_nearest_each_other_inside_the_two_articles_are_linked() -> None:
    source = instrument("src", [[LAMPS], [STORMS]], headings=["Lamps", "Storms"])
    target = instrument("tgt", [[REWORDED_LAMPS, REWORDED_LAMPS + " Again."]], headings=["Night watch"])
    vectors = {
        **paragraph_vectors("tgt", [[0.8, 0.3, 0.0], [1.0, 0.1, 0.0]]),
        **paragraph_vectors("src", [[0.9, 0.2, 0.0]], [[0.0, 1.0, 0.0]]),
    }
    result = align(target, [source], ARTICLES_ONLY, embeddings=vectors, heading_embeddings=HEADINGS)
    assert _pairs(result) == {("tgt/art_1__para_2", "src/art_1__para_1")}


def test_articles_correspond_when_each_is_the_others_nearest() -> None:
    source = build_units(instrument("src", [[LAMPS, RECORDS], [STORMS]], headings=["Lamps", "Storms"]))
    target = build_units(instrument("tgt", [[REWORDED_LAMPS], [STORMS]], headings=["Night watch", "Weather"]))
    vectors = {
        **paragraph_vectors("tgt", [[1.0, 0.0]], [[0.0, 1.0]]),
        **paragraph_vectors("src", [[1.0, 0.0], [0.8, 0.2]], [[0.1, 1.0]]),
    }
    headings = {"Lamps": [1.0, 0.0], "Storms": [0.0, 1.0], "Night watch": [1.0, 0.1], "Weather": [0.2, 1.0]}
    matrix = corresponding_articles(
        target, source, [vectors[u.ref] for u in target], [vectors[u.ref] for u in source], headings
    )
    # Unit x unit, true for every unit pair of two corresponding articles.
    assert matrix.tolist() == [[True, True, False], [False, False, True]]
    # An article without a heading vector corresponds to nothing.
    without = {k: v for k, v in headings.items() if k != "Weather"}
    matrix = corresponding_articles(
        target, source, [vectors[u.ref] for u in target], [vectors[u.ref] for u in source], without
    )
    assert matrix.tolist() == [[True, True, False], [False, False, False]]
    # Nor does an article none of whose units has a vector.
    matrix = corresponding_articles(target, source, [None, None], [vectors[u.ref] for u in source], headings)
    assert not np.any(matrix)
