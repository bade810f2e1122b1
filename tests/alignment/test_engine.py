"""End-to-end behaviour of ``align`` on invented instruments and on the corpus."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparisons.alignment import ADOPTED, ENGINE_VERSION, MODIFIED, AlignmentParams, align, build_units

from .builders import instrument, links_from, links_to
from .corpus import corpus_available, load_instrument

REGISTER = "Each State Party shall keep a public register of lighthouse keepers, updated every season."
LAMPS = "The keepers shall inspect every lamp at dusk and record any fault in the logbook of the station."
BOATS = "Each State Party shall provide the keepers with a seaworthy boat and training in its use."
STORMS = "Stations shall warn passing ships of approaching storms by flags during the day and by signal lamps at night."
RECORDS = "Logbooks shall be kept for ten years and shown to inspectors of the maritime authority on request."


def _pairs(result) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(link.target_ref, link.source_ref, link.relation) for link in result.links}


def test_aligning_an_instrument_with_itself_adopts_every_unit() -> None:
    text = instrument(
        "conv", [[REGISTER, LAMPS], BOATS, [STORMS, RECORDS]], preamble="The Parties, mindful of the sea."
    )
    result = align(text, [text])
    units = build_units(text)
    assert {(link.target_ref, link.source_ref) for link in result.links} == {(u.ref, u.ref) for u in units}
    assert all(link.relation == ADOPTED and link.features == () for link in result.links)
    assert result.added == () and result.pruned == ()
    assert result.engine_version == ENGINE_VERSION


def test_renumbered_provisions_are_found_and_adopted() -> None:
    source = instrument("src", [[REGISTER, LAMPS], [STORMS], [RECORDS]])
    target = instrument("tgt", [[RECORDS], [STORMS], [LAMPS, REGISTER]])
    pairs = _pairs(align(target, [source]))
    assert pairs == {
        ("tgt/art_1__para_1", "src/art_3__para_1", ADOPTED),
        ("tgt/art_2__para_1", "src/art_2__para_1", ADOPTED),
        ("tgt/art_3__para_1", "src/art_1__para_2", ADOPTED),
        ("tgt/art_3__para_2", "src/art_1__para_1", ADOPTED),
    }


def test_party_and_self_references_do_not_count_as_changes() -> None:
    source = instrument(
        "src", ["Each State Party shall apply this Protocol to lighthouse keepers under article 4 of this Protocol."]
    )
    target = instrument(
        "tgt",
        ["Each Party shall apply this Convention to lighthouse keepers under Article 9 of the present Convention."],
    )
    (link,) = align(target, [source]).links
    assert link.relation == ADOPTED


def test_a_merged_paragraph_links_to_both_sources() -> None:
    source = instrument("src", [[REGISTER, BOATS, STORMS]])
    target = instrument("tgt", [[REGISTER[:-1] + " and " + BOATS[0].lower() + BOATS[1:], STORMS]])
    result = align(target, [source])
    merged = {link.source_ref for link in result.links if link.target_ref == "tgt/art_1__para_1"}
    assert merged == {"src/art_1__para_1", "src/art_1__para_2"}
    assert all(link.relation == MODIFIED for link in links_from(result, "tgt/art_1__para_1"))


def test_a_split_paragraph_links_both_targets_to_the_source() -> None:
    source = instrument("src", [[REGISTER + " " + LAMPS, STORMS]])
    target = instrument("tgt", [[REGISTER, LAMPS, STORMS]])
    result = align(target, [source])
    split = {link.target_ref for link in links_to(result, "src/art_1__para_1")}
    assert split == {"tgt/art_1__para_1", "tgt/art_1__para_2"}


def test_a_softened_and_qualified_provision_is_modified_and_explained() -> None:
    source = instrument("src", [[REGISTER, STORMS]])
    softened = (
        "Each Party shall endeavour, in accordance with its domestic law, to keep a public register of "
        "lighthouse keepers, updated every season."
    )
    target = instrument("tgt", [[softened, STORMS]])
    result = align(target, [source])
    (link,) = links_from(result, "tgt/art_1__para_1")
    assert link.source_ref == "src/art_1__para_1"
    assert link.relation == MODIFIED
    assert "obligation_softened" in link.features
    assert "domestic_law_qualifier_added" in link.features
    assert 0 < link.added_share < 0.5
    assert "".join(op.target for op in link.diff) == softened


def test_unmatched_units_are_added_and_pruned_in_document_order() -> None:
    source = instrument("src", [[REGISTER, BOATS], RECORDS])
    target = instrument("tgt", [[STORMS, REGISTER], LAMPS])
    result = align(target, [source])
    assert result.added == ("tgt/art_1__para_1", "tgt/art_2")
    assert result.pruned == ("src/art_1__para_2", "src/art_2")


def test_two_sources_with_the_same_text_are_both_linked() -> None:
    first = instrument("one", [[REGISTER], [LAMPS]])
    second = instrument("two", [[STORMS], [REGISTER]])
    target = instrument("tgt", [[REGISTER]])
    result = align(target, [first, second])
    assert {link.source_ref for link in result.links} == {"one/art_1__para_1", "two/art_2__para_1"}


def test_units_follow_the_unit_rules() -> None:
    text = instrument("conv", [[REGISTER, LAMPS], BOATS], preamble="The Parties, mindful of the sea.")
    units = build_units(text)
    assert [u.eid for u in units] == ["preamble", "art_1__para_1", "art_1__para_2", "art_2"]
    assert units[0].text == "The Parties, mindful of the sea."
    assert units[1].article_eid == "art_1" and units[3].article_eid == "art_2"


def test_thresholds_are_parameters() -> None:
    source = instrument("src", [[REGISTER]])
    target = instrument("tgt", [["Each Party shall keep a register of keepers of lighthouses and of harbours."]])
    strict = AlignmentParams(link_score=99, mutual_min_score=99, context_min_score=99, link_coverage=101)
    assert align(target, [source], strict).links == ()


SENTENCES = st.lists(
    st.sampled_from([REGISTER, LAMPS, BOATS, STORMS, RECORDS, "Keepers may rest on Sundays.", "The lamp is red."]),
    min_size=1,
    max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SENTENCES, min_size=1, max_size=5))
def test_property_self_alignment_adopts_every_unit(articles: list[list[str]]) -> None:
    text = instrument("conv", [" ".join(a) if len(a) == 1 else a for a in articles])
    result = align(text, [text])
    units = build_units(text)
    adopted = {(link.target_ref, link.source_ref) for link in result.links if link.relation == ADOPTED}
    assert {(u.ref, u.ref) for u in units} <= adopted
    assert result.added == () and result.pruned == ()


@pytest.mark.skipif(not corpus_available(), reason="treaty corpus directory is absent")
@pytest.mark.parametrize("slug", ["tip-protocol", "smuggling-protocol", "coe-trafficking", "untoc"])
def test_each_corpus_treaty_aligned_with_itself_adopts_every_unit(slug: str) -> None:
    text = load_instrument(slug)
    result = align(text, [text])
    units = build_units(text)
    own = {(link.target_ref, link.source_ref): link.relation for link in result.links}
    assert all(own.get((u.ref, u.ref)) == ADOPTED for u in units)
    assert result.added == () and result.pruned == ()


def test_wording_shared_by_several_sources_needs_a_close_copy() -> None:
    clause = "This instrument shall be open for signature by all invented republics at the lighthouse museum."
    first = instrument("one", [[REGISTER], [clause]])
    second = instrument("two", [[clause], [STORMS]])
    loose = "This instrument shall be open for accession by the harbour guilds at the maritime archive."
    target = instrument("tgt", [[loose], [REGISTER]])
    result = align(target, [first, second])
    assert links_from(result, "tgt/art_1__para_1") == ()
    assert {link.source_ref for link in links_from(result, "tgt/art_2__para_1")} == {"one/art_1__para_1"}


def test_a_weaker_match_inside_a_linked_article_pair_is_kept_in_document_order() -> None:
    source = instrument("src", [[REGISTER, LAMPS, STORMS]])
    reworded = "Keepers must check each lamp when night falls and note faults in the station logbook."
    target = instrument("tgt", [[REGISTER, reworded, STORMS]])
    result = align(target, [source])
    assert {link.source_ref for link in links_from(result, "tgt/art_1__para_2")} == {"src/art_1__para_2"}


def test_identical_sources_are_tied_and_document_order_decides() -> None:
    source = instrument("src", [[REGISTER], [LAMPS], [REGISTER]])
    target = instrument("tgt", [[STORMS], [BOATS], [REGISTER]])
    (link,) = align(target, [source]).links
    assert link.source_ref == "src/art_3__para_1"


def test_an_article_chapeau_above_numbered_paragraphs_is_kept_with_paragraph_one() -> None:
    text = instrument("conv", [[REGISTER, LAMPS]])
    article = replace(text.provisions[0], text="Chapeau words.")
    units = build_units(replace(text, provisions=(article, *text.provisions[1:])))
    assert units[0].text == "Chapeau words.\n" + REGISTER
    assert units[1].text == LAMPS


def test_no_sources_means_everything_is_added() -> None:
    target = instrument("tgt", [[REGISTER, LAMPS]])
    result = align(target, [])
    assert result.links == () and result.pruned == ()
    assert result.added == ("tgt/art_1__para_1", "tgt/art_1__para_2")


def test_a_unit_made_of_stopwords_still_matches_itself() -> None:
    text = instrument("conv", [["It shall be so.", REGISTER]])
    result = align(text, [text])
    assert ("conv/art_1__para_1", "conv/art_1__para_1", ADOPTED) in _pairs(result)


def test_params_reject_nonsense() -> None:
    with pytest.raises(ValueError):
        AlignmentParams(link_score=150)
    with pytest.raises(ValueError):
        AlignmentParams(text_change_min_share=2)


@pytest.mark.skipif(not corpus_available(), reason="treaty corpus directory is absent")
def test_every_corpus_link_diff_reproduces_both_texts() -> None:
    target = load_instrument("coe-trafficking")
    sources = [load_instrument("tip-protocol"), load_instrument("untoc")]
    result = align(target, sources)
    texts = {u.ref: u.text for u in result.units}
    assert len(result.links) > 20
    for link in result.links:
        assert "".join(op.source for op in link.diff) == texts[link.source_ref]
        assert "".join(op.target for op in link.diff) == texts[link.target_ref]


def test_params_stored_as_json_round_trip() -> None:
    import json
    from dataclasses import asdict

    params = AlignmentParams(extra_phrase_equivalences=(("beacon", "lighthouse"),))
    again = AlignmentParams(**json.loads(json.dumps(asdict(params))))
    assert again == params
    source = instrument("src", [[REGISTER]])
    target = instrument("tgt", [[REGISTER.replace("lighthouse keepers", "beacon keepers")]])
    (link,) = align(target, [source], again).links
    assert link.relation == ADOPTED


@pytest.mark.skipif(not corpus_available(), reason="treaty corpus directory is absent")
def test_the_order_the_sources_are_given_in_changes_nothing() -> None:
    """A collation that depends on the order of its witnesses is a known failure (CollateX #66)."""
    target = load_instrument("coe-trafficking")
    tip, untoc = load_instrument("tip-protocol"), load_instrument("untoc")

    def outcome(result):  # type: ignore[no-untyped-def]
        links = {(k.target_ref, k.source_ref, k.relation, k.score, k.features, k.diff) for k in result.links}
        return links, set(result.added), set(result.pruned)

    forward, backward = align(target, [tip, untoc]), align(target, [untoc, tip])
    assert forward.links and outcome(forward) == outcome(backward)
