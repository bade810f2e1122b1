"""Quality on the hand-labelled sample (real corpus, read at run time)."""

from __future__ import annotations

import pytest

from .corpus import corpus_available
from .labelled_sample import SAMPLE
from .quality import combined, evaluate, run

pytestmark = pytest.mark.skipif(not corpus_available(), reason="treaty corpus directory is absent")


@pytest.fixture(scope="module")
def qualities():  # type: ignore[no-untyped-def]
    return [evaluate(c, run(c)) for c in SAMPLE]


def test_the_sample_is_big_enough_to_mean_something() -> None:
    assert sum(len(c.links) for c in SAMPLE) >= 70
    assert sum(len(c.added) for c in SAMPLE) >= 80


def test_links_match_the_labelled_sample(qualities) -> None:  # type: ignore[no-untyped-def]
    total = combined(qualities)
    assert total.precision >= 0.93, total.false_positives
    assert total.recall >= 0.90, total.false_negatives
    assert total.f1 >= 0.92


def test_each_comparison_keeps_a_floor(qualities) -> None:  # type: ignore[no-untyped-def]
    for quality in qualities:
        assert quality.f1 >= 0.85, (quality.name, quality.false_positives, quality.false_negatives)


def test_relations_match_the_labelled_sample(qualities) -> None:  # type: ignore[no-untyped-def]
    total = combined(qualities)
    assert total.relation_accuracy >= 0.95, total.wrong_relations
