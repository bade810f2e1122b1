"""The agreement rule on plain rows: no database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from research.agreement import AGREES, DISAGREES, NOT_COMPARED, NOT_JUDGED, assess, covered_units, overall


@dataclass(frozen=True)
class R:
    relation: str
    target_eid: str = ""
    source_treaty: str = ""
    source_eid: str = ""


UNITS = [
    ("untoc", "art_8__para_1"),
    ("untoc", "art_8__para_2"),
    ("untoc", "art_9__para_1"),
    ("untoc", "art_9__para_2"),
    ("untoc", "art_10"),
    ("tip", "art_5__para_2"),
]
ROWS = [
    R("adopted", "art_1__para_1", "untoc", "art_8__para_1"),
    R("pruned", "", "untoc", "art_8__para_2"),
    R("modified", "art_2", "untoc", "art_9__para_1"),
    R("pruned", "", "untoc", "art_9__para_2"),
    R("adopted", "art_3", "untoc", "art_10"),
    R("added", "art_4"),
]


def verdict(relation: str, ref: str) -> str:
    treaty, _, eid = ref.partition("/")
    return assess(
        claimed_relation=relation, source_treaty=treaty, source_eid=eid, rows=ROWS, source_units=UNITS
    ).verdict


def test_a_provision_covers_the_units_inside_it_or_the_unit_containing_it():
    eids = [eid for _, eid in UNITS]
    assert covered_units("art_9", eids) == ["art_9__para_1", "art_9__para_2"]
    assert covered_units("art_8__para_2", eids) == ["art_8__para_2"]
    assert covered_units("art_8__para_2__subpara_a", eids) == ["art_8__para_2"]
    assert covered_units("art_1", eids) == []  # not "art_10": prefixes stop at "__"


@pytest.mark.parametrize(
    ("relation", "ref", "expected"),
    [
        ("pruned", "untoc/art_8__para_2", AGREES),  # the engine also finds it pruned
        ("pruned", "untoc/art_8__para_1", DISAGREES),  # the engine links it
        ("pruned", "untoc/art_9", DISAGREES),  # only one of its two paragraphs is pruned
        ("pruned", "untoc/art_8", DISAGREES),
        ("adopted", "untoc/art_10", AGREES),
        ("adopted", "untoc/art_9", DISAGREES),  # a paragraph is pruned
        ("modified", "untoc/art_9", AGREES),  # carried in part, and changed
        ("modified", "untoc/art_10", DISAGREES),  # carried whole and unchanged
        ("modified", "untoc/art_8__para_2", DISAGREES),  # not carried at all
        ("", "untoc/art_9", NOT_JUDGED),
        ("added", "untoc/art_9", NOT_JUDGED),
        ("pruned", "tip/art_5__para_2", AGREES),  # no row names it: a unit of the run without a link is pruned
        ("pruned", "coe/art_10", NOT_COMPARED),  # not a source of this run
        ("pruned", "untoc/art_99", NOT_COMPARED),
    ],
)
def test_a_claim_agrees_or_not_with_the_rows(relation, ref, expected):
    assert verdict(relation, ref) == expected


def test_the_evidence_names_the_target_units_that_carry_a_source_unit():
    result = assess(claimed_relation="pruned", source_treaty="untoc", source_eid="art_9", rows=ROWS, source_units=UNITS)
    assert [(u.source_eid, u.relations, u.target_eids) for u in result.units] == [
        ("art_9__para_1", ("modified",), ("art_2",)),
        ("art_9__para_2", ("pruned",), ()),
    ]


def test_a_finding_disagrees_if_any_judged_claim_does():
    assert overall([AGREES, NOT_JUDGED, AGREES]) == AGREES
    assert overall([AGREES, DISAGREES]) == DISAGREES
    assert overall([NOT_COMPARED, NOT_JUDGED]) == NOT_JUDGED
