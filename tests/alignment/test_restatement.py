"""Restated sentences: a core obligation kept while the words around it were rewritten (invented text)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from comparisons.alignment import AlignmentParams, align
from comparisons.alignment.restatement import concepts_of, sentences

from .builders import instrument
from .corpus import corpus_available

# A source article on lighthouses and three unrelated ones; the target keeps the core
# sentence of the first in other words ("private life" for "privacy", "court" for
# "judicial") and surrounds it with text of its own.
SOURCE = instrument(
    "src",
    [
        [
            "Subject to its domestic law and where practicable, each State Party shall protect the privacy of "
            "lighthouse keepers during judicial hearings, including by sealing the registers of their towers."
        ],
        ["Each State Party shall adopt such legislative and other measures as may be necessary to license pilots."],
        ["Each State Party shall adopt such legislative and other measures as may be necessary to inspect buoys."],
        ["Each State Party shall adopt such legislative and other measures as may be necessary to chart reefs."],
    ],
)
TARGET = instrument(
    "tgt",
    [
        [
            "Each Party shall protect the private life of lighthouse keepers in court hearings. Records about "
            "them shall be archived according to the standards of the maritime heritage office.",
            "Each Party shall adopt such legislative and other measures as may be necessary to paint harbours.",
        ]
    ],
)
# In instruments this small the rewritten paragraph is also its source's best match;
# that rule is switched off so the tests see the restated sentence alone.
STRICT = AlignmentParams(mutual_min_score=101.0)
NO_RESTATEMENT = replace(STRICT, restatement_coverage=101.0)


def _evidence(result):  # type: ignore[no-untyped-def]
    return {(link.target_ref, link.source_ref): link.evidence for link in result.links}


def test_sentences_are_cut_after_full_stops_semicolons_colons_and_lines() -> None:
    assert sentences("One; two: three. Four\n(a) five") == ["One;", "two:", "three.", "Four", "(a) five"]


def test_a_core_sentence_restated_with_synonyms_links_the_paragraphs_and_says_why() -> None:
    evidence = _evidence(align(TARGET, [SOURCE], STRICT))
    assert evidence[("tgt/art_1__para_1", "src/art_1__para_1")] == ("restated_sentence",)


def test_without_the_rule_the_rewritten_paragraph_is_added() -> None:
    assert ("tgt/art_1__para_1", "src/art_1__para_1") not in _evidence(align(TARGET, [SOURCE], NO_RESTATEMENT))


def test_the_thesaurus_is_what_makes_the_sentences_match() -> None:
    # Without the concept equivalences "private life" and "privacy", "court" and "judicial"
    # are different words, and the target sentence no longer lies inside the source's.
    plain = replace(STRICT, use_default_equivalences=False)
    evidence = _evidence(align(TARGET, [SOURCE], plain))
    assert "restated_sentence" not in evidence.get(("tgt/art_1__para_1", "src/art_1__para_1"), ())


def test_a_comparison_can_add_its_own_concept_equivalences() -> None:
    source = instrument("src", [["Each State Party shall ring the foghorn for stranded sailors."], ["Unrelated."]])
    target = instrument("tgt", [["Each Party shall sound the siren for stranded sailors, as its harbour rules say."]])
    own = replace(STRICT, extra_concept_equivalences=((r"foghorn", "siren"), (r"ring", "sound")))
    assert "restated_sentence" not in _evidence(align(target, [source], STRICT)).get(
        ("tgt/art_1__para_1", "src/art_1__para_1"), ()
    )
    assert "restated_sentence" in _evidence(align(target, [source], own))[("tgt/art_1__para_1", "src/art_1__para_1")]


def test_a_shared_drafting_formula_is_boilerplate_not_a_restatement() -> None:
    # The target's second paragraph shares the whole "adopt such legislative and other
    # measures as may be necessary" formula with three source articles, and nothing else.
    evidence = _evidence(align(TARGET, [SOURCE], STRICT))
    assert not any(pair[0] == "tgt/art_1__para_2" and "restated_sentence" in kinds for pair, kinds in evidence.items())


def test_a_sentence_that_two_sources_could_have_given_has_no_clear_source() -> None:
    twin = "Each State Party shall protect the privacy of lighthouse keepers during judicial hearings."
    source = instrument("src", [[twin], [twin.replace("State Party", "Party")], ["Unrelated."]])
    target = instrument("tgt", [["Each Party shall protect the private life of lighthouse keepers in court hearings."]])
    evidence = _evidence(align(target, [source], replace(STRICT, link_score=101.0)))
    assert not any("restated_sentence" in kinds for kinds in evidence.values())


def test_the_rule_refuses_impossible_settings() -> None:
    with pytest.raises(ValueError, match="restatement_boilerplate_share"):
        AlignmentParams(restatement_boilerplate_share=1.5)
    with pytest.raises(ValueError, match="negative"):
        AlignmentParams(restatement_min_tokens=-1)


@pytest.mark.skipif(not corpus_available(), reason="treaty corpus directory is absent")
def test_on_the_corpus_restated_sentences_link_only_labelled_pairs() -> None:
    from .labelled_sample import SAMPLE
    from .quality import run

    found = set()
    for comparison in SAMPLE:
        prefix = comparison.target + "/"
        for link in run(comparison).links:
            if "restated_sentence" in link.evidence:
                pair = (link.target_ref.removeprefix(prefix), link.source_ref)
                assert pair in comparison.links or pair in comparison.uncertain_pairs, pair
                assert pair not in comparison.negatives, pair
                found.add((comparison.target, *pair))
    # "private life and identity" is the TIP Protocol's "privacy and identity" (art. 6(1));
    # "judicial and administrative proceedings" its "court and administrative proceedings" (6(2)(a)).
    assert ("coe-trafficking", "art_11__para_1", "tip-protocol/art_6__para_1") in found
    assert ("coe-trafficking", "art_15__para_1", "tip-protocol/art_6__para_2") in found


def test_thesaurus_rules_that_refer_to_their_groups_map_as_they_do_alone() -> None:
    rules = (("(a) b", "ab"), (r"(foo) \1", "twice"))
    assert concepts_of([("foo", "foo", "bar"), ("a", "b")], rules, lambda tokens: tokens) == [
        frozenset({"twice", "bar"}),
        frozenset({"ab"}),
    ]
