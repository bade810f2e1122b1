"""Quality on the hand-labelled sample with the optional semantic signal (real model, real corpus).

Embeddings come from ``comparisons.semantic`` (all-MiniLM-L6-v2 on disk, CPU; about 15 s
to encode the four instruments the first time, then cached in a temp file).  Levels with
embeddings and restated sentences, on the sample as the recall review of issue 14 left it:
CoE P 1.000 / R 0.875 / F1 0.933, Smuggling P 1.000 / R 0.940 / F1 0.969 (without
embeddings: 0.976 / 0.714 / 0.825 and 1.000 / 0.880 / 0.936).
"""

from __future__ import annotations

import pytest

from .corpus import corpus_available
from .labelled_sample import SAMPLE
from .quality import below_floor, combined, embeddings_for, evaluate, run

pytestmark = pytest.mark.skipif(not corpus_available(), reason="treaty corpus directory is absent")


@pytest.fixture(scope="module")
def pairs():  # type: ignore[no-untyped-def]
    out = []
    for comparison in SAMPLE:
        semantic = evaluate(comparison, run(comparison, embeddings=embeddings_for(comparison)))
        lexical = evaluate(comparison, run(comparison))
        out.append((lexical, semantic))
    return out


def test_corresponding_articles_link_only_labelled_or_uncertain_pairs() -> None:
    found = set()
    for comparison in SAMPLE:
        result = run(comparison, embeddings=embeddings_for(comparison))
        prefix = comparison.target + "/"
        for link in result.links:
            if "corresponding_articles" in link.evidence:
                pair = (link.target_ref.removeprefix(prefix), link.source_ref)
                assert pair in comparison.links or pair in comparison.uncertain_pairs, pair
                found.add((comparison.target, *pair))
    # "Previous convictions" is UNTOC's "Establishment of criminal record", in other words.
    assert ("coe-trafficking", "art_25", "untoc/art_22") in found


def test_embeddings_keep_a_floor_on_each_comparison(pairs) -> None:  # type: ignore[no-untyped-def]
    for _lexical, quality in pairs:
        detail = (quality.name, quality.false_positives, quality.false_negatives)
        assert below_floor(quality, "meaning") == [], detail


def test_embeddings_raise_recall_without_costing_precision(pairs) -> None:  # type: ignore[no-untyped-def]
    for lexical, semantic in pairs:
        assert semantic.recall > lexical.recall, semantic.name
        assert semantic.precision >= lexical.precision, (semantic.name, semantic.false_positives)
        assert semantic.f1 > lexical.f1, semantic.name


def test_embeddings_keep_relations_and_avoid_the_documented_traps(pairs) -> None:  # type: ignore[no-untyped-def]
    for _lexical, semantic in pairs:
        assert semantic.relation_accuracy >= 0.95, (semantic.name, semantic.wrong_relations)
    total = combined([semantic for _lexical, semantic in pairs])
    assert len(total.trapped) <= 1, total.trapped
