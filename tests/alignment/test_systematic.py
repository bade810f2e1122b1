"""Adopted is judged on the kind of a difference, not its amount (invented sentences).

Each kind of systematic change alone leaves a link adopted and is named in
``adopted_through``; the same change next to one real change (an added qualifier, a
softened obligation, an added element) makes the link modified.
"""

from __future__ import annotations

import pytest

from comparisons.alignment import ADOPTED, MODIFIED, AlignmentParams, align, build_units, compare_units, params_from
from comparisons.alignment.systematic import (
    ARTICLE,
    CROSS_REFERENCE,
    DEFINED_TERM,
    INSTRUMENT_WORDING,
    OWN_TERMINOLOGY,
    PARTY_WORDING,
    PLURAL,
    PRONOUN,
    SPELLING,
    SUBJECT_TERM,
    SYNONYM,
    SYSTEMATIC_KINDS,
    WORD_ORDER,
)

from .builders import instrument

#: (kind, source, target that differs from it by that kind of change only)
ALONE = [
    (
        PARTY_WORDING,
        "Each State Party shall keep a public register of lighthouse keepers.",
        "Each Party shall keep a public register of lighthouse keepers.",
    ),
    (
        INSTRUMENT_WORDING,
        "Nothing in this Protocol shall oblige a keeper to sail in a storm.",
        "Nothing in this Convention shall oblige a keeper to sail in a storm.",
    ),
    (
        SUBJECT_TERM,
        "Keepers shall report boats suspected of being used for trafficking in persons.",
        "Keepers shall report boats suspected of being used for trafficking in human beings.",
    ),
    (
        SUBJECT_TERM,
        "Keepers shall shelter victims of trafficking in persons who reach the station.",
        "Keepers shall shelter persons who have been the object of conduct set forth in article 6 of this"
        " Protocol who reach the station.",
    ),
    (
        OWN_TERMINOLOGY,
        "Each keeper shall, in accordance with domestic law, record every fault.",
        "Each keeper shall, in accordance with internal law, record every fault.",
    ),
    (
        SPELLING,
        "The keepers shall organise a training programme every season.",
        "The keepers shall organize a training program every season.",
    ),
    (
        PRONOUN,
        "A keeper shall record in his logbook every ship that passes the station.",
        "A keeper shall record in his or her logbook every ship that passes the station.",
    ),
    (
        ARTICLE,
        "The keepers shall inspect the lamp at dusk and record a fault in the logbook.",
        "Keepers shall inspect a lamp at dusk and record the fault in a logbook.",
    ),
    (
        PLURAL,
        "The keeper shall inspect every lamp of the stations that are on the coast.",
        "The keeper shall inspect every lamp of the station that is on the coast.",
    ),
    (
        CROSS_REFERENCE,
        "The register referred to in article 5 of this Protocol shall be public.",
        "The register referred to in article 9 of this Protocol shall be public.",
    ),
    (
        CROSS_REFERENCE,
        "Keepers shall report offences established in accordance with article 5 of this Protocol.",
        "Keepers shall report offences established in accordance with this Protocol.",
    ),
    (
        SYNONYM,
        "Keepers shall follow the rules set forth in the station manual for all people on board.",
        "Keepers shall follow the rules contained in the station manual for all persons on board.",
    ),
    (
        WORD_ORDER,
        "Without prejudice to norms of general maritime law, keepers shall light every lamp at dusk.",
        "Without prejudice to general norms of maritime law, keepers shall light every lamp at dusk.",
    ),
]

#: One real change each, appended to or put into a target that differs by a systematic kind.
REAL_CHANGES = [
    ("qualifier", lambda text: text.replace("shall", "shall, where appropriate,", 1)),
    ("softened", lambda text: text.replace("shall", "may", 1)),
    ("element added", lambda text: text.rstrip(".") + " and report it to the harbour master."),
]


def _link(source: str, target: str, params: AlignmentParams | None = None, defines: str = ""):  # type: ignore[no-untyped-def]
    target_units = build_units(instrument("t", [target, defines] if defines else [target]))
    source_unit = build_units(instrument("s", [source]))[0]
    return compare_units(target_units[0], source_unit, params or AlignmentParams(), context=target_units)


@pytest.mark.parametrize(("kind", "source", "target"), ALONE, ids=[f"{k}-{i}" for i, (k, _s, _t) in enumerate(ALONE)])
def test_a_systematic_change_alone_is_adopted_through_its_kind(kind: str, source: str, target: str) -> None:
    link = _link(source, target)
    assert link.relation == ADOPTED
    assert kind in link.adopted_through
    assert link.features == ()


@pytest.mark.parametrize(("kind", "source", "target"), ALONE, ids=[f"{k}-{i}" for i, (k, _s, _t) in enumerate(ALONE)])
@pytest.mark.parametrize(("change", "edit"), REAL_CHANGES, ids=[name for name, _edit in REAL_CHANGES])
def test_a_systematic_change_with_one_real_change_is_modified(
    kind: str, source: str, target: str, change: str, edit
) -> None:  # type: ignore[no-untyped-def]
    link = _link(source, edit(target))
    assert link.relation == MODIFIED, (kind, change)
    assert link.adopted_through == ()


def test_the_target_s_defined_term_counts_only_where_the_target_defines_it() -> None:
    source = "Each State Party shall shelter a victim of trafficking in persons who reaches a station."
    target = "Each Party shall shelter a victim who reaches a station."
    definition = "“Victim” shall mean any natural person who is subject to trafficking in human beings."
    defined = _link(source, target, defines=definition)
    assert defined.relation == ADOPTED
    assert defined.adopted_through == (PARTY_WORDING, DEFINED_TERM)
    assert _link(source, target).relation == MODIFIED
    assert _link(source, target.replace("shall", "may"), defines=definition).relation == MODIFIED


def test_many_systematic_changes_together_stay_adopted_however_many_words_they_touch() -> None:
    source = (
        "Each State Party shall, in accordance with its domestic law, organise the inspection of the lamps"
        " set forth in article 3 of this Protocol and report the boats used for trafficking in persons."
    )
    target = (
        "Each Party shall, in accordance with internal law, organize an inspection of the lamp contained"
        " in article 7 of this Convention and report boats used for trafficking in human beings."
    )
    link = _link(source, target)
    assert link.relation == ADOPTED
    assert set(link.adopted_through) >= {PARTY_WORDING, SUBJECT_TERM, OWN_TERMINOLOGY, SPELLING, ARTICLE, PLURAL}
    assert set(link.adopted_through) >= {CROSS_REFERENCE, SYNONYM}
    # ... and the kinds are listed in the order pages show them.
    assert list(link.adopted_through) == [k for k in SYSTEMATIC_KINDS if k in link.adopted_through]


def test_one_word_of_content_is_enough_to_modify() -> None:
    source = "Each State Party shall keep a public register of lighthouse keepers."
    assert _link(source, "Each Party shall keep a public register of all lighthouse keepers.").relation == MODIFIED
    assert _link(source, "Each Party shall keep a register of lighthouse keepers.").relation == MODIFIED


def test_identical_wording_is_adopted_through_nothing() -> None:
    text = "Each State Party shall keep a public register of lighthouse keepers."
    link = _link(text, text)
    assert (link.relation, link.adopted_through) == (ADOPTED, ())


def test_a_comparison_adds_its_own_systematic_changes_as_data() -> None:
    source = "Each Party shall light the beacon at dusk."
    target = "Each Party shall light the lighthouse at dusk."
    assert _link(source, target).relation == MODIFIED
    # Stored overrides come back from JSON as lists: they must still work.
    params = params_from({"extra_systematic_changes": [["synonym", "beacon", "lighthouse"]]}, strict=True)
    link = _link(source, target, params)
    assert (link.relation, link.adopted_through) == (ADOPTED, (SYNONYM,))
    # Without the defaults only the comparison's own rules apply.
    bare = AlignmentParams(use_default_equivalences=False)
    assert _link("The keepers shall act.", "Keepers shall act.", bare).relation == MODIFIED


def test_align_records_what_each_adopted_link_was_adopted_through() -> None:
    source = instrument(
        "src",
        [
            [
                "Each State Party shall keep a public register of lighthouse keepers and their boats.",
                "Each State Party shall shelter a victim of trafficking in persons who reaches a station at night.",
            ]
        ],
    )
    target = instrument(
        "tgt",
        [
            "“Victim” shall mean any natural person who is subject to trafficking in human beings.",
            [
                "Each Party shall keep a public register of lighthouse keepers and their boats.",
                "Each Party shall shelter a victim who reaches a station at night.",
            ],
        ],
    )
    result = align(target, [source])
    through = {(link.target_ref, link.relation, link.adopted_through) for link in result.links}
    assert ("tgt/art_2__para_1", ADOPTED, (PARTY_WORDING,)) in through
    assert ("tgt/art_2__para_2", ADOPTED, (PARTY_WORDING, DEFINED_TERM)) in through


@pytest.mark.parametrize(
    ("rule", "source", "target"),
    [
        # A letter made optional: not every word the rule rewrites is written out in it.
        (("synonym", "colou?r", "hue"), "The lamp shall be of a red color.", "The lamp shall be of a red hue."),
        # A rule that matches any word inside a phrase.
        (("synonym", r"\w+ speaking", ""), "Strictly speaking, the lamp shall be red.", "The lamp shall be red."),
    ],
)
def test_the_quick_check_never_refuses_what_a_comparison_s_own_rules_adopt(
    rule: tuple[str, str, str], source: str, target: str
) -> None:
    assert _link(source, target).relation == MODIFIED
    link = _link(source, target, AlignmentParams(extra_systematic_changes=(rule,)))
    assert (link.relation, link.adopted_through) == (ADOPTED, (SYNONYM,))
