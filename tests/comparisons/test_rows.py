"""Display rows of the side-by-side page, built without a database from invented units."""

from __future__ import annotations

from comparisons.alignment import Unit
from comparisons.display.labels import article_title, feature_label
from comparisons.display.rows import (
    InstrumentView,
    RowFilter,
    article_choices,
    build_table,
    source_article_choices,
)
from comparisons.overlay import CandidateRow, Row, relation_counts

TARGET = InstrumentView("regional", "Regional Convention")
ALPHA = InstrumentView("alpha", "Alpha Protocol", colour=0)
BETA = InstrumentView("beta", "Beta Convention", colour=1)


def unit(slug: str, eid: str, order: int = 0, heading: str = "") -> Unit:
    return Unit(
        ref=f"{slug}/{eid}",
        instrument=slug,
        eid=eid,
        article_eid=eid.split("__")[0],
        kind="paragraph" if "__" in eid else "article",
        heading=heading,
        text=f"Invented text of {slug} {eid}.",
        order=order,
    )


def link(target: str, source: str, relation: str = "modified", **kwargs: object) -> Row:
    treaty, _, eid = source.partition("/")
    return Row(relation=relation, target_eid=target, source_treaty=treaty, source_eid=eid, **kwargs)  # type: ignore[arg-type]


def added(target: str) -> Row:
    return Row(relation="added", target_eid=target)


def pruned(source: str) -> Row:
    treaty, _, eid = source.partition("/")
    return Row(relation="pruned", source_treaty=treaty, source_eid=eid)


def table(rows, target_order, source_order, sources=(ALPHA,), **options):
    """``build_table`` of ``rows`` over invented units in these orders; ``options``: its keep, candidates."""
    units = {(TARGET.slug, eid): unit(TARGET.slug, eid, heading="Heading " + eid) for eid in target_order}
    units |= {key: unit(*key) for key in source_order}
    return build_table(
        rows,
        target=TARGET,
        sources=list(sources),
        units=units,
        target_order=target_order,
        source_order=source_order,
        **options,
    )


def ids(result) -> list[str]:
    return [row.dom_id for group in result.groups for row in group.rows]


def test_it_lists_target_units_in_document_order_with_added_units_in_place():
    rows = [link("art_1", "alpha/art_1"), link("art_3", "alpha/art_2"), added("art_2")]
    result = table(rows, ["art_1", "art_2", "art_3"], [("alpha", "art_1"), ("alpha", "art_2")])

    assert ids(result) == ["pair-art_1", "pair-art_2", "pair-art_3"]
    assert [g.article_eid for g in result.groups] == ["art_1", "art_2", "art_3"]
    assert result.groups[1].rows[0].kind == "added"
    assert result.groups[1].rows[0].entries[0].source is None
    assert result.groups[0].rows[0].target.text == "Invented text of regional art_1."


def test_it_groups_paragraphs_by_target_article_with_a_title():
    rows = [link("art_1__para_1", "alpha/art_1"), added("art_1__para_2"), added("preamble")]
    result = table(rows, ["preamble", "art_1__para_1", "art_1__para_2"], [("alpha", "art_1")])

    assert [g.title for g in result.groups] == ["Preamble — Heading preamble", "Article 1 — Heading art_1__para_1"]
    assert [len(g.rows) for g in result.groups] == [1, 2]


def test_a_target_unit_linked_to_two_source_units_is_one_row_with_two_entries():
    rows = [link("art_1", "alpha/art_1", "adopted"), link("art_1", "beta/art_7")]
    result = table(rows, ["art_1"], [("alpha", "art_1"), ("beta", "art_7")], sources=(ALPHA, BETA))

    (row,) = result.groups[0].rows
    assert [(e.source.instrument.label, e.source.instrument.colour) for e in row.entries] == [
        ("Alpha Protocol", 0),
        ("Beta Convention", 1),
    ]
    assert [e.source.citation for e in row.entries] == ["Alpha Protocol art. 1", "Beta Convention art. 7"]
    assert [e.row.relation for e in row.entries] == ["adopted", "modified"]


def test_pruned_units_follow_the_row_linking_the_source_unit_before_them():
    rows = [
        link("art_1", "alpha/art_1"),
        link("art_2", "alpha/art_4"),
        link("art_3", "alpha/art_2"),
        pruned("alpha/art_3"),
        pruned("alpha/art_5"),
    ]
    order = [("alpha", f"art_{n}") for n in range(1, 6)]
    result = table(rows, ["art_1", "art_2", "art_3"], order)

    # alpha art 3 comes after alpha art 2, which the target took into its art 3;
    # alpha art 5 comes after alpha art 4, taken into target art 2.
    assert ids(result) == ["pair-art_1", "pair-art_2", "pruned-alpha-art_5", "pair-art_3", "pruned-alpha-art_3"]
    assert [r.dom_id for r in result.groups[1].rows] == ["pair-art_2", "pruned-alpha-art_5"]
    assert result.groups[1].rows[1].kind == "pruned"
    assert result.groups[1].rows[1].target is None


def test_pruned_units_before_the_first_linked_unit_go_before_the_row_that_links_it():
    rows = [added("art_1"), link("art_2", "alpha/art_3"), pruned("alpha/art_1"), pruned("alpha/art_2")]
    order = [("alpha", "art_1"), ("alpha", "art_2"), ("alpha", "art_3")]
    result = table(rows, ["art_1", "art_2"], order)

    assert ids(result) == ["pair-art_1", "pruned-alpha-art_1", "pruned-alpha-art_2", "pair-art_2"]


def test_a_source_unit_linked_twice_places_its_followers_after_the_last_linking_row():
    rows = [link("art_1", "alpha/art_1"), link("art_3", "alpha/art_1"), added("art_2"), pruned("alpha/art_2")]
    result = table(rows, ["art_1", "art_2", "art_3"], [("alpha", "art_1"), ("alpha", "art_2")])

    assert ids(result) == ["pair-art_1", "pair-art_2", "pair-art_3", "pruned-alpha-art_2"]


def test_pruned_units_of_two_sources_at_one_spot_are_ordered_by_source_then_document():
    rows = [
        link("art_1", "alpha/art_1"),
        link("art_1", "beta/art_1"),
        pruned("beta/art_2"),
        pruned("alpha/art_3"),
        pruned("alpha/art_2"),
    ]
    order = [("alpha", "art_1"), ("alpha", "art_2"), ("alpha", "art_3"), ("beta", "art_1"), ("beta", "art_2")]
    result = table(rows, ["art_1"], order, sources=(ALPHA, BETA))

    assert ids(result) == ["pair-art_1", "pruned-alpha-art_2", "pruned-alpha-art_3", "pruned-beta-art_2"]


def test_nothing_pruned_is_hidden_when_a_source_has_no_link_at_all():
    rows = [link("art_1", "alpha/art_1"), pruned("beta/art_1"), pruned("beta/art_2")]
    order = [("alpha", "art_1"), ("beta", "art_1"), ("beta", "art_2")]
    result = table(rows, ["art_1"], order, sources=(ALPHA, BETA))

    assert ids(result) == ["pair-art_1", "pruned-beta-art_1", "pruned-beta-art_2"]
    assert result.groups[-1].article_eid == "unplaced-beta"
    assert result.groups[-1].title.startswith("Beta Convention")
    assert result.total == result.shown == 3


def test_filtering_to_pruned_keeps_only_pruned_rows_and_counts_them():
    rows = [link("art_1", "alpha/art_1"), added("art_2"), pruned("alpha/art_2")]
    order = [("alpha", "art_1"), ("alpha", "art_2")]
    result = table(rows, ["art_1", "art_2"], order, keep=RowFilter(relations=frozenset({"pruned"})))

    assert ids(result) == ["pruned-alpha-art_2"]
    assert (result.shown, result.total, result.filtered) == (1, 3, True)


def test_filtering_by_instrument_keeps_only_that_sources_entries():
    rows = [link("art_1", "alpha/art_1"), link("art_1", "beta/art_1"), added("art_2")]
    order = [("alpha", "art_1"), ("beta", "art_1")]
    result = table(rows, ["art_1", "art_2"], order, keep=RowFilter(instrument="beta"), sources=(ALPHA, BETA))

    (row,) = result.groups[0].rows
    assert [e.source.instrument.slug for e in row.entries] == ["beta"]
    assert ids(result) == ["pair-art_1"]


def test_filtering_by_source_article_matches_its_paragraphs():
    rows = [link("art_1", "alpha/art_8__para_1"), link("art_2", "alpha/art_9"), pruned("alpha/art_8__para_2")]
    order = [("alpha", "art_8__para_1"), ("alpha", "art_8__para_2"), ("alpha", "art_9")]
    result = table(rows, ["art_1", "art_2"], order, keep=RowFilter(source_article="alpha/art_8"))

    assert ids(result) == ["pair-art_1", "pruned-alpha-art_8__para_2"]


def test_filtering_by_target_article_keeps_the_pruned_rows_placed_in_it():
    rows = [link("art_1", "alpha/art_1"), link("art_2__para_1", "alpha/art_2"), pruned("alpha/art_3")]
    order = [("alpha", "art_1"), ("alpha", "art_2"), ("alpha", "art_3")]
    result = table(rows, ["art_1", "art_2__para_1"], order, keep=RowFilter(article="art_2"))

    assert ids(result) == ["pair-art_2__para_1", "pruned-alpha-art_3"]


def test_filtering_by_feature_and_curation():
    rows = [
        link("art_1", "alpha/art_1", features=("obligation_softened", "text_added")),
        link("art_2", "alpha/art_2", features=("text_added",), origin="curated"),
        added("art_3"),
    ]
    order = [("alpha", "art_1"), ("alpha", "art_2")]
    targets = ["art_1", "art_2", "art_3"]

    softened = table(rows, targets, order, keep=RowFilter(features=frozenset({"obligation_softened"})))
    curated = table(rows, targets, order, keep=RowFilter(curated=True))
    machine = table(rows, targets, order, keep=RowFilter(curated=False))

    assert ids(softened) == ["pair-art_1"]
    assert softened.groups[0].rows[0].entries[0].feature_labels == ["obligation softened", "text added"]
    assert ids(curated) == ["pair-art_2"]
    assert ids(machine) == ["pair-art_1", "pair-art_3"]


def test_entries_know_their_pair_detail_query():
    rows = [link("art_1", "alpha/art_1"), added("art_2"), pruned("alpha/art_2")]
    result = table(rows, ["art_1", "art_2"], [("alpha", "art_1"), ("alpha", "art_2")])

    queries = [e.query for g in result.groups for r in g.rows for e in r.entries]
    assert queries == ["target=art_1&source=alpha/art_1", "source=alpha/art_2", "target=art_2"]


def test_entries_flag_the_evidence_of_links_that_are_not_close_copies():
    rows = [
        link("art_1", "alpha/art_1", evidence=("close_copy", "meaning")),
        link("art_2", "alpha/art_2", evidence=("structure",)),
    ]
    result = table(rows, ["art_1", "art_2"], [("alpha", "art_1"), ("alpha", "art_2")])
    copy, placed = (e for g in result.groups for r in g.rows for e in r.entries)
    assert copy.evidence_labels == [("close_copy", "close copy"), ("meaning", "meaning")]
    assert copy.weak_evidence_labels == []
    assert placed.weak_evidence_labels == [("structure", "structure")]


def test_labels_and_counts():
    assert article_title("art_12", "Assistance to victims") == "Article 12 — Assistance to victims"
    assert article_title("preamble", "Preamble") == "Preamble"
    assert feature_label("domestic_law_qualifier_added") == "domestic-law qualifier added"
    assert feature_label("something_new") == "something new"
    rows = [link("a", "alpha/b", "adopted"), added("c"), added("d"), pruned("alpha/e")]
    assert relation_counts(rows) == {"adopted": 1, "modified": 0, "added": 2, "pruned": 1}


def test_filter_choices_list_articles_once_in_document_order():
    units = {("regional", "art_2__para_1"): unit("regional", "art_2__para_1", heading="Scope")}
    order = [("alpha", "art_1"), ("alpha", "art_8__para_1"), ("alpha", "art_8__para_2"), ("beta", "art_3")]

    assert article_choices(TARGET, ["preamble", "art_2__para_1", "art_2__para_2"], units) == [
        ("preamble", "Preamble"),
        ("art_2", "Article 2 — Scope"),
    ]
    assert source_article_choices([ALPHA, BETA], order) == [
        ("Alpha Protocol", [("alpha/art_1", "Alpha Protocol art. 1"), ("alpha/art_8", "Alpha Protocol art. 8")]),
        ("Beta Convention", [("beta/art_3", "Beta Convention art. 3")]),
    ]


def test_every_kind_of_systematic_change_has_its_own_label():
    from comparisons.alignment import SYSTEMATIC_KINDS
    from comparisons.display.labels import SYSTEMATIC_LABELS

    assert set(SYSTEMATIC_LABELS) == set(SYSTEMATIC_KINDS)
    assert len(set(SYSTEMATIC_LABELS.values())) == len(SYSTEMATIC_KINDS)


def test_every_kind_of_evidence_has_a_label_named_as_on_the_method_page():
    from comparisons.alignment import EVIDENCE_KINDS
    from comparisons.display.labels import EVIDENCE_LABELS

    assert set(EVIDENCE_LABELS) == set(EVIDENCE_KINDS)


def test_added_and_pruned_rows_carry_their_candidates_with_the_units_they_propose():
    target_order = ["art_1", "art_2"]
    source_order = [("alpha", "art_1"), ("alpha", "art_2")]
    rows = [link("art_1", "alpha/art_1"), added("art_2"), pruned("alpha/art_2")]
    offered = {
        ("art_2", "", ""): [CandidateRow("target", "art_2", "alpha", "art_2", rank=1, score=20.0)],
        ("", "alpha", "art_2"): [CandidateRow("source", "art_2", "alpha", "art_2", rank=1, score=20.0)],
        ("art_1", "", ""): [CandidateRow("target", "art_1", "alpha", "art_2", rank=1, score=40.0)],  # linked now
    }
    built = table(rows, target_order, source_order, candidates=offered)
    by_id = {r.dom_id: r for g in built.groups for r in g.rows}

    assert by_id["pair-art_1"].candidates == []  # a linked row is offered nothing
    (possible_source,) = by_id["pair-art_2"].candidates
    assert possible_source.other.citation == "Alpha Protocol art. 2"
    assert by_id["pair-art_2"].candidates_title == "1 possible source"
    assert by_id["pair-art_2"].best_candidate == "Alpha Protocol art. 2, score 20.0"
    assert by_id["pruned-alpha-art_2"].candidates_title == "1 possible target"
    (possible_target,) = by_id["pruned-alpha-art_2"].candidates
    assert possible_target.other.instrument == TARGET and possible_target.query == "target=art_2&source=alpha/art_2"
    kept = table(rows, target_order, source_order, keep=RowFilter(relations=frozenset({"added"})), candidates=offered)
    assert [len(r.candidates) for g in kept.groups for r in g.rows] == [1]  # filtering keeps them
