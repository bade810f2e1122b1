"""The optional semantic signal: embeddings passed to ``align`` (invented vectors and instruments)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from comparisons.alignment import AlignmentParams, align
from comparisons.alignment.score import semantic_similarity

from .builders import instrument, paragraph_vectors
from .test_engine import LAMPS, RECORDS, REGISTER, STORMS
from .test_link import REWORDED_LAMPS

#: Only the semantic mutual-best rule can link a weak pair (lexical mutual best and context off).
SEMANTIC_ONLY = AlignmentParams(mutual_min_score=101, context_min_score=101, gap_min_score=101, semantic_min_score=0)


def _pairs(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(link.target_ref, link.source_ref) for link in result.links}


def test_cosine_matrix_is_normalised_and_missing_vectors_score_zero() -> None:
    cosine = semantic_similarity([[2.0, 0.0], None, [0.0, 0.0]], [[3.0, 4.0], [0.0, 5.0]])
    assert cosine.shape == (3, 2)
    assert cosine[0].tolist() == pytest.approx([60.0, 0.0])
    assert cosine[1:].tolist() == [[0.0, 0.0], [0.0, 0.0]]


def test_vectors_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="same length"):
        semantic_similarity([[1.0, 0.0]], [[1.0, 0.0, 0.0]])


def test_without_embeddings_or_with_an_empty_mapping_nothing_changes() -> None:
    source = instrument("src", [[REGISTER, LAMPS, STORMS, RECORDS]])
    target = instrument("tgt", [[REGISTER, REWORDED_LAMPS, STORMS, RECORDS]])
    assert align(target, [source]) == align(target, [source], embeddings={}) == align(target, [source], embeddings=None)


def test_a_semantic_mutual_best_links_a_reworded_paragraph() -> None:
    source = instrument("src", [[LAMPS], [STORMS]])
    target = instrument("tgt", [[REWORDED_LAMPS]])
    vectors = {
        "tgt/art_1__para_1": [1.0, 0.1],
        "src/art_1__para_1": [0.9, 0.2],
        "src/art_2__para_1": [0.0, 1.0],
    }
    assert _pairs(align(target, [source], SEMANTIC_ONLY)) == set()
    linked = align(target, [source], SEMANTIC_ONLY, embeddings=vectors)
    assert _pairs(linked) == {("tgt/art_1__para_1", "src/art_1__para_1")}
    # The relation stays lexical: a reworded paragraph is modified.
    assert linked.links[0].relation == "modified"
    # Below the cosine threshold, or below the lexical floor, meaning alone is not enough.
    assert not _pairs(align(target, [source], replace(SEMANTIC_ONLY, semantic_min_similarity=99.9), embeddings=vectors))
    strict = AlignmentParams(mutual_min_score=101, context_min_score=101, gap_min_score=101, semantic_min_score=90)
    assert not _pairs(align(target, [source], strict, embeddings=vectors))


def test_meaning_does_not_link_a_paragraph_already_copied_from_elsewhere() -> None:
    source = instrument("src", [[LAMPS], [STORMS]])
    target = instrument("tgt", [[LAMPS]])
    # The copy of LAMPS is closest in meaning to STORMS (invented vectors): no extra link.
    vectors = {"tgt/art_1__para_1": [0.0, 1.0], "src/art_1__para_1": [1.0, 0.0], "src/art_2__para_1": [0.1, 1.0]}
    assert _pairs(align(target, [source], SEMANTIC_ONLY, embeddings=vectors)) == {
        ("tgt/art_1__para_1", "src/art_1__para_1")
    }


def test_units_without_a_vector_carry_no_semantic_evidence() -> None:
    source = instrument("src", [[LAMPS], [STORMS]])
    target = instrument("tgt", [[REWORDED_LAMPS]])
    partial = {"src/art_1__para_1": [1.0, 0.0], "src/art_2__para_1": [0.0, 1.0]}
    assert _pairs(align(target, [source], SEMANTIC_ONLY, embeddings=partial)) == set()


def test_semantic_context_links_the_nearest_in_meaning_inside_a_linked_block() -> None:
    source = instrument("src", [[REGISTER, LAMPS, STORMS]])
    target = instrument("tgt", [[REGISTER, REWORDED_LAMPS]])
    params = AlignmentParams(
        mutual_min_score=101, gap_min_score=101, semantic_min_score=101, semantic_context_min_score=0
    )
    vectors = {
        **paragraph_vectors("tgt", [[0.0, 0.0, 1.0], [1.0, 0.1, 0.0]]),
        **paragraph_vectors("src", [[0.0, 0.0, 1.0], [0.9, 0.2, 0.0], [0.0, 1.0, 0.0]]),
    }
    wanted = ("tgt/art_1__para_2", "src/art_1__para_2")
    assert wanted not in _pairs(align(target, [source], params))
    assert wanted in _pairs(align(target, [source], params, embeddings=vectors))
    # Nearest in meaning is STORMS instead: still in order, but the lexical floor keeps it out.
    vectors["src/art_1__para_3"] = [1.0, 0.1, 0.0]
    floor = AlignmentParams(mutual_min_score=101, gap_min_score=101, semantic_min_score=101)
    assert ("tgt/art_1__para_2", "src/art_1__para_3") not in _pairs(align(target, [source], floor, embeddings=vectors))


def test_numpy_vectors_are_accepted() -> None:
    source = instrument("src", [[LAMPS], [STORMS]])
    target = instrument("tgt", [[REWORDED_LAMPS]])
    vectors = {
        "tgt/art_1__para_1": np.array([1.0, 0.1]),
        "src/art_1__para_1": np.array([0.9, 0.2]),
        "src/art_2__para_1": np.array([0.0, 1.0]),
    }
    assert _pairs(align(target, [source], SEMANTIC_ONLY, embeddings=vectors)) == {
        ("tgt/art_1__para_1", "src/art_1__para_1")
    }


def test_semantic_parameters_are_validated() -> None:
    with pytest.raises(ValueError):
        AlignmentParams(semantic_min_similarity=150)
    with pytest.raises(ValueError):
        AlignmentParams(semantic_context_window=-1)


def test_a_semantic_pair_overrules_a_weaker_lexical_mutual_best() -> None:
    # Lexically, REWORDED_LAMPS and LAMPS are each other's best; in meaning (invented
    # vectors) LAMPS goes with RECORDS, and REWORDED_LAMPS with nothing.
    source = instrument("src", [[LAMPS], [STORMS]])
    target = instrument("tgt", [[REWORDED_LAMPS], [RECORDS]])
    params = AlignmentParams(mutual_min_score=0, context_min_score=101, gap_min_score=101, semantic_min_score=0)
    weak = ("tgt/art_1__para_1", "src/art_1__para_1")
    assert weak in _pairs(align(target, [source], params))
    vectors = {
        "tgt/art_1__para_1": [0.0, 0.0, 1.0],
        "tgt/art_2__para_1": [1.0, 0.0, 0.0],
        "src/art_1__para_1": [1.0, 0.1, 0.0],
        "src/art_2__para_1": [0.0, 1.0, 0.0],
    }
    semantic = _pairs(align(target, [source], params, embeddings=vectors))
    assert ("tgt/art_2__para_1", "src/art_1__para_1") in semantic
    assert weak not in semantic
    kept = _pairs(align(target, [source], replace(params, semantic_overrules_mutual=False), embeddings=vectors))
    assert weak in kept
