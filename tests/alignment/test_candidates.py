"""The candidates the engine offers curators for added target units and pruned source units."""

from __future__ import annotations

import pytest

from comparisons.alignment import AlignmentParams, align

from .builders import instrument
from .corpus import corpus_available, load_instrument

REGISTER = "Each State Party shall keep a public register of lighthouse keepers, updated every season."
LAMPS = "The keepers shall inspect every lamp at dusk and record any fault in the logbook of the station."
BOATS = "Each State Party shall provide the keepers with a seaworthy boat and training in its use."
RECORDS = "Logbooks shall be kept for ten years and shown to inspectors of the maritime authority on request."
# A restatement of LAMPS with little shared wording (below every linking threshold).
LAMPS_REWORDED = "Wardens must examine each lantern when night falls and record defects in the station logbook."
UNRELATED = "Membership fees are payable annually in the currency of the host city."

SOURCE = instrument("src", [[REGISTER, LAMPS], BOATS, RECORDS])
TARGET = instrument("tgt", [[REGISTER], LAMPS_REWORDED, UNRELATED])


def _candidates_for(result, ref: str):  # type: ignore[no-untyped-def]
    return [c for c in result.candidates if (c.target_ref if c.side == "target" else c.source_ref) == ref]


def test_added_and_pruned_units_get_candidates_and_linked_pairs_never_do() -> None:
    result = align(TARGET, [SOURCE])
    assert "tgt/art_2" in result.added
    assert "src/art_1__para_2" in result.pruned
    linked = {(link.target_ref, link.source_ref) for link in result.links}
    assert ("tgt/art_1__para_1", "src/art_1__para_1") in linked
    assert result.candidates
    for candidate in result.candidates:
        assert (candidate.target_ref, candidate.source_ref) not in linked
        if candidate.side == "target":
            assert candidate.target_ref in result.added
        else:
            assert candidate.source_ref in result.pruned
    # the reworded lamp duty is offered its real source first, and the pruned source its real target
    assert _candidates_for(result, "tgt/art_2")[0].source_ref == "src/art_1__para_2"
    assert _candidates_for(result, "src/art_1__para_2")[0].target_ref == "tgt/art_2"
    # a linked unit is offered nothing
    assert not _candidates_for(result, "tgt/art_1__para_1")


def test_candidates_are_ranked_by_score_and_bounded() -> None:
    params = AlignmentParams(candidate_min_score=0.0)
    result = align(TARGET, [SOURCE], params)
    for ref in (*result.added, *result.pruned):
        offered = _candidates_for(result, ref)
        assert len(offered) <= params.candidate_limit
        assert [c.rank for c in offered] == list(range(1, len(offered) + 1))
        assert [c.score for c in offered] == sorted((c.score for c in offered), reverse=True)
    assert len(_candidates_for(result, "tgt/art_2")) == 3  # four sources, three offered
    one = align(TARGET, [SOURCE], AlignmentParams(candidate_min_score=0.0, candidate_limit=1))
    assert all(c.rank == 1 for c in one.candidates)
    assert [c.source_ref for c in _candidates_for(one, "tgt/art_2")] == [
        _candidates_for(result, "tgt/art_2")[0].source_ref
    ]
    assert align(TARGET, [SOURCE], AlignmentParams(candidate_limit=0)).candidates == ()


def test_a_unit_with_nothing_above_the_floor_is_offered_nothing() -> None:
    result = align(TARGET, [SOURCE])
    assert "tgt/art_3" in result.added
    assert _candidates_for(result, "tgt/art_3") == []
    assert all(c.score >= AlignmentParams().candidate_min_score for c in result.candidates)
    assert align(TARGET, [SOURCE], AlignmentParams(candidate_min_score=101.0)).candidates == ()


def test_a_candidate_carries_its_evidence_shared_words_rarest_first() -> None:
    result = align(TARGET, [SOURCE])
    best = _candidates_for(result, "tgt/art_2")[0]
    assert set(best.shared_words) == {"record", "station", "logbook"}
    assert best.shared_words[-1] == "logbook"  # the source uses it twice: the most common goes last
    assert best.meaning is None
    assert best.evidence == ()  # no rule held for it: that is why it is not a link
    assert 0 < best.score < AlignmentParams().mutual_min_score


def test_meaning_offers_a_restatement_with_no_shared_wording() -> None:
    params = AlignmentParams(candidate_min_score=50.0)
    without = align(TARGET, [SOURCE], params)
    assert _candidates_for(without, "tgt/art_2") == []
    units = ["src/art_1__para_1", "src/art_1__para_2", "src/art_2", "src/art_3", "tgt/art_1__para_1", "tgt/art_3"]
    vectors: dict[str, list[float]] = {ref: [0.0, 1.0, 0.0] for ref in units}
    vectors["src/art_1__para_2"] = [1.0, 0.0, 0.0]
    vectors["tgt/art_2"] = [0.9, 0.1, 0.0]
    vectors["tgt/art_3"] = [0.0, 0.0, 1.0]
    vectors["src/art_3"] = [0.0, 0.0, 1.0]
    with_meaning = align(TARGET, [SOURCE], params, embeddings=vectors)
    offered = _candidates_for(with_meaning, "tgt/art_2")
    assert [c.source_ref for c in offered] == ["src/art_1__para_2"]
    assert offered[0].meaning is not None and offered[0].meaning >= params.semantic_min_similarity


@pytest.mark.skipif(not corpus_available(), reason="corpus not available")
def test_corpus_candidates_exclude_links_and_are_bounded() -> None:
    coe = load_instrument("coe-trafficking")
    result = align(coe, [load_instrument("tip-protocol"), load_instrument("untoc")])
    linked = {(link.target_ref, link.source_ref) for link in result.links}
    assert result.candidates
    assert not {(c.target_ref, c.source_ref) for c in result.candidates} & linked
    seen: dict[tuple[str, str], int] = {}
    for c in result.candidates:
        key = (c.side, c.target_ref if c.side == "target" else c.source_ref)
        seen[key] = seen.get(key, 0) + 1
        assert c.rank == seen[key]
    assert max(seen.values()) <= 3
    assert {ref for side, ref in seen if side == "target"} <= set(result.added)
    assert {ref for side, ref in seen if side == "source"} <= set(result.pruned)
