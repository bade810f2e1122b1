"""The norms × relations counting rule on plain values: no database."""

from __future__ import annotations

import pytest

from research.summary import (
    BAR_WIDTH,
    LEVELS,
    LINKED,
    RELATIONS,
    UNSTATED,
    Mention,
    NormRef,
    level,
    relation_of,
    summarise,
)

NORMS = [
    NormRef("non-intervention", "Non-intervention", "ASEAN Way: core norms", "/norms/non-intervention/"),
    NormRef("consensus", "Consensus", "ASEAN Way: procedural norms", "/norms/consensus/"),
    NormRef("victim-centred", "Victim-centred approach", "Council of Europe", "/norms/victim-centred/"),
]
LINK_KEY = ("art_3", "untoc", "art_10")
LINKS = {(1, LINK_KEY): "modified"}


def explanation(norm: str, kind: str, key=("", "untoc", "art_8__para_2"), comparison: int | None = 1) -> Mention:
    return Mention(norm, "researcher", kind, comparison_id=comparison, key=key)


def claim(norm: str, relation: str) -> Mention:
    return Mention(norm, "literature", "claim", claimed_relation=relation, key=("", "untoc", "art_9"))


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        (explanation("consensus", "pruned"), "pruned"),
        (explanation("consensus", "added", key=("art_4", "", "")), "added"),
        (explanation("consensus", "link", key=LINK_KEY), "modified"),  # what the latest run says of the pair
        (explanation("consensus", "link", key=("art_3", "untoc", "art_11")), LINKED),  # no longer linked there
        (explanation("consensus", "link", key=LINK_KEY, comparison=2), LINKED),  # another comparison's pair
        (explanation("consensus", "link", key=LINK_KEY, comparison=None), LINKED),
        (claim("consensus", "pruned"), "pruned"),
        (claim("consensus", "adopted"), "adopted"),
        (claim("consensus", ""), UNSTATED),
    ],
)
def test_each_mention_counts_under_the_relation_of_its_decision_or_claim(mention, expected):
    assert relation_of(mention, LINKS) == expected


def test_it_counts_explanations_and_claims_apart_for_every_norm_in_order():
    mentions = [
        explanation("non-intervention", "pruned"),
        explanation("non-intervention", "pruned", key=("", "untoc", "art_9")),
        claim("non-intervention", "pruned"),
        explanation("consensus", "link", key=LINK_KEY),
        claim("consensus", "adopted"),
    ]
    summary = summarise(NORMS, mentions, LINKS)

    assert summary.relations == list(RELATIONS)  # no "linked" or "unstated" column: nothing falls there
    assert [row.norm.slug for row in summary.rows] == ["non-intervention", "consensus", "victim-centred"]
    cells = {row.norm.slug: {c.relation: (c.explanations, c.claims) for c in row.cells} for row in summary.rows}
    assert cells["non-intervention"]["pruned"] == (2, 1)
    assert cells["consensus"] == {"adopted": (0, 1), "modified": (1, 0), "pruned": (0, 0), "added": (0, 0)}
    assert all(cell.total == 0 for cell in summary.rows[2].cells)  # a norm nobody cites still has its row
    assert summary.total == 5
    assert [(c.relation, c.explanations, c.claims) for c in summary.column_totals] == [
        ("adopted", 0, 1),
        ("modified", 1, 0),
        ("pruned", 2, 1),
        ("added", 0, 0),
    ]


def test_the_extra_columns_appear_only_when_something_falls_in_them():
    summary = summarise(NORMS, [explanation("consensus", "link", key=("x", "untoc", "y")), claim("consensus", "")])
    assert summary.relations == [*RELATIONS, LINKED, UNSTATED]
    assert dict(summary.headers)[UNSTATED] == "no relation stated"


def test_shades_are_relative_to_the_busiest_cell_and_any_mention_shows():
    assert level(0, 10) == 0
    assert level(1, 100) == 1  # rare but present is never blank
    assert level(10, 10) == LEVELS
    assert level(5, 10) == round(LEVELS / 2)
    mentions = [claim("non-intervention", "pruned")] * 4 + [claim("consensus", "pruned")]
    levels = {row.norm.slug: row.cells[RELATIONS.index("pruned")].level for row in summarise(NORMS, mentions).rows}
    assert levels == {"non-intervention": LEVELS, "consensus": 1, "victim-centred": 0}


def test_bars_stack_each_norms_relations_scaled_to_the_longest():
    mentions = [claim("non-intervention", "pruned")] * 3 + [claim("non-intervention", "adopted")]
    mentions += [claim("consensus", "modified")] * 2
    rows = {row.norm.slug: row for row in summarise(NORMS, mentions).rows}
    longest = rows["non-intervention"].segments
    assert [(s.relation, s.x, s.width) for s in longest] == [("adopted", 0, 25), ("pruned", 25, 75)]
    assert sum(s.width for s in longest) == BAR_WIDTH
    assert [(s.relation, s.width) for s in rows["consensus"].segments] == [("modified", 50)]
    assert rows["victim-centred"].segments == []


def test_an_empty_vocabulary_or_no_mentions_gives_an_empty_chart():
    assert summarise([], [claim("consensus", "pruned")]).rows == []
    summary = summarise(NORMS, [])
    assert summary.total == 0 and all(cell.level == 0 for row in summary.rows for cell in row.cells)
