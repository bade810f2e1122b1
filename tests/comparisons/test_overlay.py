"""Curated decisions over machine rows, without a database."""

from __future__ import annotations

from comparisons.overlay import CandidateRow, Decision, Row, apply_decisions, open_candidates, roll_up_to_articles

TARGETS = ["art_1", "art_2__para_1", "art_2__para_2", "art_3"]
SOURCES = [("src", "art_1"), ("src", "art_2"), ("src", "art_3__para_1"), ("src", "art_3__para_2")]


def machine() -> list[Row]:
    return [
        Row("adopted", "art_1", "src", "art_1", score=100.0),
        Row("modified", "art_2__para_1", "src", "art_2", score=80.0, features=("obligation_softened",)),
        Row("modified", "art_2__para_2", "src", "art_2", score=70.0),
        Row("added", "art_3"),
        Row("pruned", "", "src", "art_3__para_1"),
        Row("pruned", "", "src", "art_3__para_2"),
    ]


def overlay(*decisions: Decision):
    return apply_decisions(machine(), decisions, target_order=TARGETS, source_order=SOURCES)


def relations(rows):
    return [(r.relation, r.target_eid, r.source_eid, r.origin) for r in rows]


def test_without_decisions_the_machine_rows_stand():
    assert relations(overlay().rows) == relations(machine())


def test_rejecting_the_only_link_makes_the_target_added_and_the_source_pruned():
    rows = overlay(Decision(1, "art_1", "src", "art_1", "reject")).rows
    assert ("added", "art_1", "", "machine") in relations(rows)
    assert ("pruned", "", "art_1", "machine") in relations(rows)
    assert not [r for r in rows if r.is_link and r.target_eid == "art_1"]


def test_a_missed_link_added_by_a_curator_removes_added_and_pruned_rows():
    rows = overlay(Decision(1, "art_3", "src", "art_3__para_1", "relate", "modified", score=55.0, note="grafted")).rows
    assert ("modified", "art_3", "art_3__para_1", "curated") in relations(rows)
    assert not [r for r in rows if r.relation == "added"]
    assert [r.source_eid for r in rows if r.relation == "pruned"] == ["art_3__para_2"]
    assert next(r for r in rows if r.target_eid == "art_3").note == "grafted"


def test_the_newest_decision_on_a_pair_wins_and_accept_keeps_machine_detail():
    rows = overlay(
        Decision(1, "art_2__para_1", "src", "art_2", "relate", "adopted"),
        Decision(2, "art_2__para_1", "src", "art_2", "accept", "modified"),
    ).rows
    row = next(r for r in rows if r.target_eid == "art_2__para_1")
    assert (row.relation, row.origin, row.decision_id) == ("modified", "curated", 2)
    assert row.features == ("obligation_softened",)


def test_an_accepted_link_survives_a_run_that_no_longer_proposes_it():
    without_link = [r for r in machine() if r.target_eid != "art_1"] + [Row("added", "art_1")]
    rows = apply_decisions(
        without_link,
        [Decision(1, "art_1", "src", "art_1", "accept", "adopted", score=99.0)],
        target_order=TARGETS,
        source_order=SOURCES,
    ).rows
    assert ("adopted", "art_1", "art_1", "curated") in relations(rows)
    assert "art_1" not in [r.target_eid for r in rows if r.relation == "added"]


def test_decisions_on_units_that_no_longer_exist_are_orphans_not_lost():
    result = overlay(Decision(7, "art_9", "src", "art_1", "relate", "adopted"))
    assert [d.id for d in result.orphans] == [7]
    assert relations(result.rows) == relations(machine())


def test_links_come_in_target_document_order_whatever_the_decision_order():
    rows = overlay(Decision(1, "art_3", "src", "art_1", "relate", "modified")).rows
    links = [r.target_eid for r in rows if r.is_link]
    assert links == sorted(links, key=TARGETS.index)


def test_article_rollup_merges_paragraph_links_and_keeps_unlinked_articles():
    rows = roll_up_to_articles(overlay().rows)
    assert relations(rows) == [
        ("adopted", "art_1", "art_1", "machine"),
        ("modified", "art_2", "art_2", "machine"),
        ("added", "art_3", "", "machine"),
        ("pruned", "", "art_3", "machine"),
    ]
    assert rows[1].score == 80.0 and rows[1].features == ("obligation_softened",)


def test_article_rollup_keeps_every_reason_its_paragraph_links_were_made_on_in_one_order():
    rows = [
        Row("modified", "art_2__para_1", "src", "art_2", score=80.0, evidence=("structure",)),
        Row("modified", "art_2__para_2", "src", "art_2", score=70.0, evidence=("close_copy", "mutual_best")),
    ]
    (article,) = roll_up_to_articles(rows)
    assert article.evidence == ("close_copy", "mutual_best", "structure")


def test_article_rollup_is_adopted_through_what_its_adopted_paragraph_links_were():
    adopted = [
        Row("adopted", "art_2__para_1", "src", "art_2", adopted_through=("spelling",)),
        Row("adopted", "art_2__para_2", "src", "art_2", adopted_through=("party_wording", "spelling")),
    ]
    (article,) = roll_up_to_articles(adopted)
    assert (article.relation, article.adopted_through) == ("adopted", ("party_wording", "spelling"))
    (mixed,) = roll_up_to_articles([*adopted, Row("modified", "art_2__para_3", "src", "art_2")])
    assert (mixed.relation, mixed.adopted_through) == ("modified", ())


def _curated_links(machine: list[Row], decisions: list[Decision]) -> dict[str, Row]:
    """The effective links by target eId once ``decisions`` are laid over ``machine``."""
    rows = apply_decisions(machine, decisions, target_order=TARGETS, source_order=SOURCES).rows
    return {r.target_eid: r for r in rows if r.is_link}


def test_a_curated_relation_keeps_what_an_adopted_link_was_adopted_through_only_while_adopted():
    machine = [
        Row("adopted", "art_1", "src", "art_1", adopted_through=("spelling",)),
        Row("adopted", "art_2__para_1", "src", "art_2", adopted_through=("plural",)),
    ]
    by_target = _curated_links(
        machine,
        [
            Decision(1, "art_1", "src", "art_1", "accept", "adopted"),
            Decision(2, "art_2__para_1", "src", "art_2", "relate", "modified"),
        ],
    )
    assert by_target["art_1"].adopted_through == ("spelling",)
    assert (by_target["art_2__para_1"].relation, by_target["art_2__para_1"].adopted_through) == ("modified", ())


def test_a_curated_relation_keeps_the_machine_reasons_and_a_curated_link_has_none():
    by_target = _curated_links(
        [Row("modified", "art_1", "src", "art_1", score=90.0, evidence=("close_copy",)), Row("added", "art_3")],
        [
            Decision(1, "art_1", "src", "art_1", "relate", "adopted"),
            Decision(2, "art_3", "src", "art_3__para_1", "relate", "modified"),
        ],
    )
    assert by_target["art_1"].evidence == ("close_copy",) and by_target["art_1"].origin == "curated"
    assert by_target["art_3"].evidence == ()


def test_open_candidates_leave_out_pairs_a_curator_decided_and_group_by_unit():
    offered = [
        CandidateRow("target", "art_3", "src", "art_1", rank=1, score=30.0),
        CandidateRow("target", "art_3", "src", "art_3__para_1", rank=2, score=20.0),
        CandidateRow("source", "art_1", "src", "art_3__para_2", rank=1, score=25.0),
    ]
    decided = [("art_3", "src", "art_1")]  # accepted, rejected or related: decided either way

    found = open_candidates(offered, decided)

    assert list(found) == [("art_3", "", ""), ("", "src", "art_3__para_2")]
    assert [c.source_eid for c in found[("art_3", "", "")]] == ["art_3__para_1"]
    assert found[("", "src", "art_3__para_2")][0].pair_query == "target=art_1&source=src/art_3__para_2"
