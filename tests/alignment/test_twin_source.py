"""Twin sources: a target that carries a source paragraph carries its restatement in the other source too."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from comparisons.alignment import AlignmentParams, align
from comparisons.alignment.score import twin_units

from .builders import instrument

# The convention's paragraph and the protocol's restatement of it (invented wording): the
# protocol keeps most of the words, as the TIP Protocol kept UNTOC's.
CONVENTION_TEXT = (
    "Each State Party shall enable the worries and wishes of shipwrecked sailors to be heard and weighed "
    "at suitable stages of salvage inquiries against negligent captains in a manner fair to the owners."
)
PROTOCOL_TEXT = (
    "Each State Party shall ensure that its maritime code offers shipwrecked sailors help to enable their worries "
    "and wishes to be heard and weighed at suitable stages of salvage inquiries against negligent captains."
)
CONVENTION = instrument("conv", [["Each State Party shall count lighthouses yearly."], [CONVENTION_TEXT]])
PROTOCOL = instrument("prot", [[PROTOCOL_TEXT], ["Each State Party shall paint every buoy red and white."]])
# The target lists what rescued sailors receive, one item of which is the protocol's paragraph.
TARGET = instrument(
    "tgt",
    [
        [
            "Each Party shall give rescued crews dry clothing, hot meals, a berth ashore, a telephone call home "
            "and help so that their worries and wishes are heard and weighed at suitable stages of salvage "
            "inquiries against negligent captains, and it shall ensure that its maritime code offers such help."
        ]
    ],
)
# Only the rules under test: no mutual best, no meaning.
STRICT = AlignmentParams(mutual_min_score=101.0)


def _pairs(result):  # type: ignore[no-untyped-def]
    return {(link.target_ref, link.source_ref): link.evidence for link in result.links}


def test_twins_are_each_others_most_similar_unit_in_another_instrument() -> None:
    similarity = np.array(
        [
            [0.0, 0.0, 70.0, 20.0],
            [0.0, 0.0, 65.0, 10.0],
            [70.0, 65.0, 0.0, 0.0],
            [20.0, 10.0, 0.0, 0.0],
        ]
    )
    twins = twin_units(similarity, 60.0)
    assert twins[0, 2] and twins[2, 0]
    # Unit 1's best (65) is unit 2, but unit 2's best is unit 0: no twin; unit 3 is too far.
    assert not twins[1].any() and not twins[3].any()
    assert not twin_units(similarity, 75.0).any()


def test_a_target_carrying_one_twin_is_linked_to_the_other_and_says_why() -> None:
    pairs = _pairs(align(TARGET, [PROTOCOL, CONVENTION], STRICT))
    assert ("tgt/art_1__para_1", "prot/art_1__para_1") in pairs
    assert pairs[("tgt/art_1__para_1", "conv/art_2__para_1")] == ("twin_source",)


def test_without_the_rule_the_twin_is_left_pruned() -> None:
    pairs = _pairs(align(TARGET, [PROTOCOL, CONVENTION], replace(STRICT, twin_link_score=101.0)))
    assert ("tgt/art_1__para_1", "prot/art_1__para_1") in pairs
    assert ("tgt/art_1__para_1", "conv/art_2__para_1") not in pairs


def test_source_paragraphs_less_alike_than_the_twin_threshold_are_not_twins() -> None:
    strict_twins = replace(STRICT, twin_similarity=95.0)
    pairs = _pairs(align(TARGET, [PROTOCOL, CONVENTION], strict_twins))
    assert ("tgt/art_1__para_1", "conv/art_2__para_1") not in pairs
