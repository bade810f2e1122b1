"""Every link says why it was made: the kinds of evidence it rests on (engine 1.4 on)."""

from __future__ import annotations

import pytest

from comparisons.alignment import AlignmentParams, align, build_units
from comparisons.alignment.evidence import EVIDENCE_KINDS

from .builders import instrument
from .corpus import corpus_available, load_instrument
from .test_clauses import MERGED, SOURCE
from .test_engine import BOATS, LAMPS, RECORDS, REGISTER, STORMS
from .test_link import REWORDED_LAMPS
from .test_semantic_link import SEMANTIC_ONLY


def _evidence(result) -> dict[tuple[str, str], tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {(link.target_ref, link.source_ref): link.evidence for link in result.links}


def test_a_copy_rests_on_its_wording_and_a_sandwiched_paragraph_on_structure() -> None:
    source = instrument("src", [[REGISTER, LAMPS, STORMS, RECORDS]])
    target = instrument("tgt", [[REGISTER, REWORDED_LAMPS, STORMS, RECORDS]])
    evidence = _evidence(align(target, [source]))
    assert "close_copy" in evidence[("tgt/art_1__para_1", "src/art_1__para_1")]
    assert "structure" not in evidence[("tgt/art_1__para_1", "src/art_1__para_1")]
    assert evidence[("tgt/art_1__para_2", "src/art_1__para_2")] == ("structure",)


def test_a_source_lying_inside_a_merged_paragraph_says_merge() -> None:
    source = instrument("src", [[REGISTER, BOATS, STORMS]])
    target = instrument("tgt", [[REGISTER[:-1] + " and " + BOATS[0].lower() + BOATS[1:], STORMS]])
    evidence = _evidence(align(target, [source]))
    assert "merge_or_split" in evidence[("tgt/art_1__para_1", "src/art_1__para_1")]
    # The other half is copied closely enough to be a close copy as well as a merge part.
    assert evidence[("tgt/art_1__para_1", "src/art_1__para_2")]


def test_a_list_item_taken_from_another_paragraph_says_copied_clause() -> None:
    evidence = _evidence(align(MERGED, [SOURCE]))
    assert "copied_clause" in evidence[("tgt/art_1__para_1", "src/art_2__para_1")]


def test_a_link_found_by_meaning_says_meaning_and_nothing_else() -> None:
    source = instrument("src", [[LAMPS], [STORMS]])
    target = instrument("tgt", [[REWORDED_LAMPS]])
    vectors = {"tgt/art_1__para_1": [1.0, 0.1], "src/art_1__para_1": [0.9, 0.2], "src/art_2__para_1": [0.0, 1.0]}
    result = align(target, [source], SEMANTIC_ONLY, embeddings=vectors)
    assert _evidence(result) == {("tgt/art_1__para_1", "src/art_1__para_1"): ("meaning",)}


def test_a_reworded_best_counterpart_says_mutual_best() -> None:
    source = instrument("src", [[LAMPS], [STORMS]])
    target = instrument("tgt", [[REWORDED_LAMPS]])
    loose = AlignmentParams(mutual_min_score=1.0)
    evidence = _evidence(align(target, [source], loose))
    assert evidence == {("tgt/art_1__para_1", "src/art_1__para_1"): ("mutual_best",)}


def test_wording_shared_by_several_sources_rests_on_the_close_copy_alone() -> None:
    clause = "This instrument shall be open for signature by all invented republics at the lighthouse museum."
    first = instrument("one", [[REGISTER], [clause]])
    second = instrument("two", [[clause], [STORMS]])
    target = instrument("tgt", [[clause], [REGISTER]])
    evidence = _evidence(align(target, [first, second]))
    shared = [kinds for (t, _s), kinds in evidence.items() if t == "tgt/art_1__para_1"]
    assert shared and all(kinds == ("close_copy",) for kinds in shared)


@pytest.mark.skipif(not corpus_available(), reason="needs ../shared/corpus")
def test_every_corpus_link_says_why_in_known_terms() -> None:
    target, sources = load_instrument("coe-trafficking"), [load_instrument("tip-protocol"), load_instrument("untoc")]
    result = align(target, sources)
    assert len(result.links) > 30
    for link in result.links:
        assert link.evidence, link
        assert set(link.evidence) <= set(EVIDENCE_KINDS)
        assert list(link.evidence) == sorted(link.evidence, key=EVIDENCE_KINDS.index)
    # A unit aligned with itself is a close copy everywhere.
    self_aligned = align(target, [target])
    assert {link.evidence[0] for link in self_aligned.links} == {"close_copy"}
    assert len(self_aligned.links) == len(build_units(target))


@pytest.mark.skipif(not corpus_available(), reason="needs ../shared/corpus")
def test_a_structure_link_claims_no_rule_that_was_overruled() -> None:
    # Every kind a link reports is one of two disjoint families: structure alone, or own evidence.
    target, sources = load_instrument("coe-trafficking"), [load_instrument("tip-protocol"), load_instrument("untoc")]
    for link in align(target, sources).links:
        assert link.evidence == ("structure",) or "structure" not in link.evidence, link.evidence
