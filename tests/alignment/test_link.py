"""The engine 1.1 linking rules, on invented instruments (no treaty wording)."""

from __future__ import annotations

import numpy as np
import pytest

from comparisons.alignment import AlignmentParams, align, build_units
from comparisons.alignment.evidence import candidate_mask
from comparisons.alignment.pair import compare_units, pair_score
from comparisons.alignment.score import ScoreMatrices

from .builders import instrument, links_from
from .corpus import corpus_available, load_instrument
from .test_engine import LAMPS, RECORDS, REGISTER, STORMS

#: Says what LAMPS says in other words: scores well under every threshold but the gap's.
REWORDED_LAMPS = "A fault in a lamp is noted by the watchman after sunset."

OFFENCE = (
    "Each State Party shall adopt such legislative and other measures as may be necessary to establish as "
    "criminal offences the keeping of an unregistered lighthouse, when committed intentionally."
)
HELPING = (
    "Each State Party shall also make punishable helping another person to keep an unregistered lighthouse "
    "and trying to keep one."
)
HELPING_IN_THE_FORMULA = (
    "Each Party shall adopt such legislative and other measures as may be necessary to establish as criminal "
    "offences, when committed intentionally, helping another person to keep an unregistered lighthouse."
)


def _pairs(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(link.target_ref, link.source_ref) for link in result.links}


def test_a_reworded_paragraph_sandwiched_in_a_copied_article_is_linked() -> None:
    source = instrument("src", [[REGISTER, LAMPS, STORMS, RECORDS]])
    target = instrument("tgt", [[REGISTER, REWORDED_LAMPS, STORMS, RECORDS]])
    assert ("tgt/art_1__para_2", "src/art_1__para_2") in _pairs(align(target, [source]))
    without_gap = align(target, [source], AlignmentParams(gap_min_score=101))
    assert ("tgt/art_1__para_2", "src/art_1__para_2") not in _pairs(without_gap)


def test_a_reworded_paragraph_outside_the_copied_run_is_not_linked_by_the_gap_rule() -> None:
    source = instrument("src", [[REGISTER, STORMS, RECORDS, LAMPS]])
    target = instrument("tgt", [[REGISTER, STORMS, RECORDS, REWORDED_LAMPS]])
    linked = _pairs(align(target, [source]))
    assert ("tgt/art_1__para_4", "src/art_1__para_4") not in linked
    assert len(linked) == 3


def test_a_formula_copied_elsewhere_does_not_crowd_out_the_real_source() -> None:
    # The second target shares the criminalisation formula with the first source (which the
    # first target copies word for word) but states the second source's offence.
    source = instrument("src", [[OFFENCE, HELPING]])
    target = instrument("tgt", [[OFFENCE, HELPING_IN_THE_FORMULA]])
    linked = _pairs(align(target, [source]))
    assert linked == {("tgt/art_1__para_1", "src/art_1__para_1"), ("tgt/art_1__para_2", "src/art_1__para_2")}


def _matrices(value: float, t_len: int, s_len: int) -> ScoreMatrices:
    one = np.full((1, 1), value)
    low = np.full((1, 1), 10.0)
    cover = np.full((1, 1), 95.0)
    return ScoreMatrices(
        similarity=one,
        target_coverage=cover,
        source_coverage=low,
        weighted=one,
        weighted_target_coverage=cover,
        weighted_source_coverage=low,
        target_lengths=np.array([t_len]),
        source_lengths=np.array([s_len]),
    )


def test_a_short_unit_inside_a_much_longer_one_is_not_a_merge() -> None:
    target = build_units(instrument("tgt", [["x"]]))
    source = build_units(instrument("src", [["y"]]))
    # Not mutual-best material (one pair only, but below the mutual score): coverage is the only evidence.
    strict = AlignmentParams(mutual_min_score=99)
    near = _matrices(28.0, 10, 40)
    far = _matrices(28.0, 10, 80)
    assert candidate_mask(near, strict, target, source)[0, 0]
    assert not candidate_mask(far, strict, target, source)[0, 0]
    loose = AlignmentParams(mutual_min_score=99, coverage_max_length_ratio=1000)
    assert candidate_mask(far, loose, target, source)[0, 0]


def test_params_reject_a_length_ratio_below_one() -> None:
    with pytest.raises(ValueError):
        AlignmentParams(coverage_max_length_ratio=0.5)


def test_compare_units_scores_a_pair_like_the_engine_on_the_same_pool() -> None:
    source = instrument("src", [[REGISTER, LAMPS]])
    target = instrument("tgt", [[REGISTER.replace("every season", "every year"), STORMS]])
    result = align(target, [source])
    (link,) = links_from(result, "tgt/art_1__para_1")
    t_unit, s_unit = build_units(target)[0], build_units(source)[0]
    curated = compare_units(t_unit, s_unit, context=result.units)
    assert curated.score == link.score
    assert (curated.relation, curated.diff, curated.features) == (link.relation, link.diff, link.features)


def test_compare_units_without_context_is_the_engine_on_the_two_units_alone() -> None:
    source = instrument("src", [LAMPS])
    target = instrument("tgt", [LAMPS.replace("at dusk", "twice a night")])
    (link,) = align(target, [source]).links
    t_unit, s_unit = build_units(target)[0], build_units(source)[0]
    assert compare_units(t_unit, s_unit).score == link.score == pair_score(t_unit, s_unit)


def test_compare_units_scores_an_unlinked_pair_too() -> None:
    t_unit = build_units(instrument("tgt", [STORMS]))[0]
    s_unit = build_units(instrument("src", [REGISTER]))[0]
    assert 0.0 <= compare_units(t_unit, s_unit).score < 30.0


@pytest.mark.skipif(not corpus_available(), reason="treaty corpus directory is absent")
def test_every_corpus_link_gets_the_same_score_from_compare_units() -> None:
    target = load_instrument("coe-trafficking")
    sources = [load_instrument("tip-protocol"), load_instrument("untoc")]
    result = align(target, sources)
    units = {u.ref: u for u in result.units}
    assert len(result.links) > 30
    for link in result.links:
        curated = compare_units(units[link.target_ref], units[link.source_ref], context=result.units)
        assert curated.score == link.score, (link.target_ref, link.source_ref)
        assert curated.relation == link.relation
