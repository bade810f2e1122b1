"""Copied clauses (engine 1.3): list items copied across paragraph boundaries, on invented text."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from comparisons.alignment import AlignmentParams, Instrument, align, build_units
from comparisons.alignment.clauses import clause_pairs
from comparisons.alignment.engine import content_of, table_for
from comparisons.alignment.normalise import normalise_with
from comparisons.alignment.score import Vocabulary

from .builders import instrument
from .test_engine import LAMPS, RECORDS, REGISTER, STORMS

SHELTER = "shelter in safe houses run by accredited charities under the supervision of the harbour authority;"
CLINIC = "emergency care by licensed clinics on the coast, free of charge for the person concerned;"
HEARINGS = "regular news of every hearing held in the criminal case against the wreckers of the vessel;"
INTERPRETERS = "interpreters paid from public funds at each hearing, interview and inspection of the wreck."

SOURCE = instrument(
    "src",
    [
        [("The Parties shall give persons rescued from a wreck the following help:", [SHELTER, CLINIC])],
        [("The Parties shall ensure that their courts offer rescued persons:", [HEARINGS, INTERPRETERS])],
        [REGISTER, LAMPS, STORMS, RECORDS],
    ],
)
#: One paragraph whose list takes two items from source 1(1) and one from source 2(1).
MERGED = instrument(
    "tgt",
    [
        [
            (
                "Each Party shall take the steps needed to support survivors of shipwrecks in their recovery. "
                "That support shall include at least:",
                [
                    SHELTER,
                    CLINIC,
                    "training in a trade of their choice and help in finding work ashore;",
                    "counselling given by people who have themselves survived a wreck at sea;",
                    INTERPRETERS,
                ],
            )
        ],
        [REGISTER, LAMPS, STORMS, RECORDS],
    ],
)


def _clauses(target: Instrument, source: Instrument, params: AlignmentParams) -> set[tuple[str, str]]:
    table = table_for(params)
    units_t, units_s = build_units(target), build_units(source)
    texts_t = [normalise_with(u.text, table) for u in units_t]
    texts_s = [normalise_with(u.text, table) for u in units_s]
    matrix = clause_pairs(texts_t, texts_s, content_of, Vocabulary(), params)
    return {(units_t[r].ref, units_s[c].ref) for r, c in zip(*np.nonzero(matrix), strict=True)}


def test_a_unit_gives_its_provisions_tokens_line_by_line() -> None:
    table = table_for(AlignmentParams())
    unit = normalise_with("The Parties shall report:\n(a) storms at sea;\n  (b) wrecks.", table)
    assert unit.line_tokens() == tuple(normalise_with(line, table).tokens for line in unit.text.split("\n"))


def test_a_list_merging_items_of_two_source_paragraphs_links_both() -> None:
    pairs = {(link.target_ref, link.source_ref) for link in align(MERGED, [SOURCE]).links}
    assert ("tgt/art_1__para_1", "src/art_1__para_1") in pairs
    assert ("tgt/art_1__para_1", "src/art_2__para_1") in pairs
    # Whole paragraphs alone do not show the second source: the copied item does.
    # (the copied item is a restated sentence too: that rule is switched off as well)
    disabled = align(MERGED, [SOURCE], AlignmentParams(clause_link_score=101.0, restatement_coverage=101.0))
    assert ("tgt/art_1__para_1", "src/art_2__para_1") not in {(k.target_ref, k.source_ref) for k in disabled.links}


def test_copied_items_are_found_as_clause_pairs() -> None:
    assert _clauses(MERGED, SOURCE, AlignmentParams()) >= {
        ("tgt/art_1__para_1", "src/art_1__para_1"),
        ("tgt/art_1__para_1", "src/art_2__para_1"),
    }


def test_a_formula_repeated_by_several_source_provisions_is_no_evidence() -> None:
    formula = (
        "Each Party shall adopt such legislative and other measures as may be necessary to establish as "
        "criminal offences under its harbour law the following conduct, when committed intentionally:"
    )
    source = instrument(
        "src",
        [
            [(formula, ["lighting false beacons on cliffs to lure ships towards the rocks;"])],
            [(formula, ["taking cargo from a stranded vessel before the receiver of wreck arrives;"])],
            [(formula, ["selling forged certificates of seaworthiness to the owners of fishing boats;"])],
        ],
    )
    target = instrument("tgt", [[(formula, ["refusing to help the crew of a vessel in distress when able to do so;"])]])
    assert _clauses(target, source, AlignmentParams()) == set()
    # With one source provision only, the same formula is a clear counterpart.
    single = instrument("src", [[(formula, ["lighting false beacons on cliffs to lure ships towards the rocks;"])]])
    assert _clauses(target, single, AlignmentParams()) == {("tgt/art_1__para_1", "src/art_1__para_1")}


def test_short_clauses_do_not_count_and_the_rule_can_be_disabled() -> None:
    target = instrument("tgt", [[("The keepers shall report:", ["storms at sea;", "wrecks."]), REGISTER]])
    source = instrument("src", [[("The wardens shall record:", ["storms at sea;", "wrecks."]), LAMPS]])
    assert _clauses(target, source, AlignmentParams()) == set()
    assert _clauses(target, source, AlignmentParams(clause_min_tokens=2)) == {
        ("tgt/art_1__para_1", "src/art_1__para_1")
    }
    assert _clauses(MERGED, SOURCE, replace(AlignmentParams(), clause_link_score=101.0)) == set()
