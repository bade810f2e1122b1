"""Change features explain a modified link (invented sentences)."""

from __future__ import annotations

import pytest

from comparisons.alignment import AlignmentParams, build_units, normalise
from comparisons.alignment.classify import classify
from comparisons.alignment.features import (
    DISCRETION_QUALIFIER_ADDED,
    DISCRETION_QUALIFIER_REMOVED,
    DOMESTIC_LAW_QUALIFIER_ADDED,
    DOMESTIC_LAW_QUALIFIER_REMOVED,
    OBLIGATION_SOFTENED,
    OBLIGATION_STRENGTHENED,
    TEXT_ADDED,
    TEXT_REMOVED,
)

from .builders import instrument


def _features(source: str, target: str) -> tuple[str, ...]:
    t_unit = build_units(instrument("t", [source and target]))[0]
    s_unit = build_units(instrument("s", [source]))[0]
    link = classify(t_unit, s_unit, normalise(target), normalise(source), 80.0, AlignmentParams())
    return link.features


BASE = "Each State Party shall keep a public register of lighthouse keepers."


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("Each Party shall consider keeping a public register of lighthouse keepers.", OBLIGATION_SOFTENED),
        ("Each Party shall endeavour to keep a public register of lighthouse keepers.", OBLIGATION_SOFTENED),
        ("Each Party may keep a public register of lighthouse keepers.", OBLIGATION_SOFTENED),
        ("Each Party should keep a public register of lighthouse keepers.", OBLIGATION_SOFTENED),
        (
            "Each Party shall, in accordance with its domestic law, keep a public register of lighthouse keepers.",
            DOMESTIC_LAW_QUALIFIER_ADDED,
        ),
        (
            "Subject to its domestic laws, each Party shall keep a public register of lighthouse keepers.",
            DOMESTIC_LAW_QUALIFIER_ADDED,
        ),
        (
            "Each Party shall, consistent with its domestic legal system, keep a public register"
            " of lighthouse keepers.",
            DOMESTIC_LAW_QUALIFIER_ADDED,
        ),
        (
            "Each Party shall keep, to the extent possible, a public register of lighthouse keepers.",
            DISCRETION_QUALIFIER_ADDED,
        ),
        (
            "Where appropriate, each Party shall keep a public register of lighthouse keepers.",
            DISCRETION_QUALIFIER_ADDED,
        ),
        ("Each Party shall keep a public register of lighthouse keepers and their boats.", TEXT_ADDED),
        ("Each Party shall keep a register of keepers.", TEXT_REMOVED),
    ],
)
def test_it_names_the_change(target: str, expected: str) -> None:
    assert expected in _features(BASE, target)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Each State Party shall consider keeping a public register of lighthouse keepers.", OBLIGATION_STRENGTHENED),
        ("Each State Party may keep a public register of lighthouse keepers.", OBLIGATION_STRENGTHENED),
        (
            "In appropriate cases, each State Party shall keep a public register of lighthouse keepers.",
            DISCRETION_QUALIFIER_REMOVED,
        ),
        (
            "Each State Party shall, under its domestic law, keep a public register of lighthouse keepers.",
            DOMESTIC_LAW_QUALIFIER_REMOVED,
        ),
    ],
)
def test_it_names_the_reverse_change(source: str, expected: str) -> None:
    assert expected in _features(source, BASE)


def test_an_added_sentence_with_shall_is_not_a_stronger_obligation() -> None:
    target = BASE + " The register shall be published."
    features = _features(BASE, target)
    assert OBLIGATION_STRENGTHENED not in features
    assert TEXT_ADDED in features


def test_shares_of_added_and_removed_words_are_reported() -> None:
    t_unit = build_units(instrument("t", ["x"]))[0]
    s_unit = build_units(instrument("s", ["x"]))[0]
    source = "one two three four five six seven eight nine ten"
    target = "one two three four five six seven eight nine ten eleven twelve"
    link = classify(t_unit, s_unit, normalise(target), normalise(source), 90.0, AlignmentParams())
    assert link.relation == "modified"
    assert link.added_share == pytest.approx(2 / 12, abs=0.001)
    assert link.removed_share == 0.0
