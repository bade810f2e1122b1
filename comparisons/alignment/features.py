"""Explain a modified link with change features.

Features are string constants a researcher can filter on.  Obligation strength is
judged on each change of the diff (widened by one word), so "shall consider taking"
becoming "shall adopt" reads as strengthened while an unrelated added sentence with
"shall" does not.  Qualifiers are counted over the whole normalised texts: more
domestic-law qualifiers in the target than in the source means one was added.

The patterns are data (tuples of regular expressions over normalised, space-joined
tokens; "internal law" is already "domestic law", "endeavour" already "endeavor").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

OBLIGATION_SOFTENED = "obligation_softened"
OBLIGATION_STRENGTHENED = "obligation_strengthened"
DOMESTIC_LAW_QUALIFIER_ADDED = "domestic_law_qualifier_added"
DOMESTIC_LAW_QUALIFIER_REMOVED = "domestic_law_qualifier_removed"
DISCRETION_QUALIFIER_ADDED = "discretion_qualifier_added"
DISCRETION_QUALIFIER_REMOVED = "discretion_qualifier_removed"
TEXT_ADDED = "text_added"
TEXT_REMOVED = "text_removed"

FEATURES = (
    OBLIGATION_SOFTENED,
    OBLIGATION_STRENGTHENED,
    DOMESTIC_LAW_QUALIFIER_ADDED,
    DOMESTIC_LAW_QUALIFIER_REMOVED,
    DISCRETION_QUALIFIER_ADDED,
    DISCRETION_QUALIFIER_REMOVED,
    TEXT_ADDED,
    TEXT_REMOVED,
)

_SOFT_VERBS = (
    r"consider|endeavor|seek|strive|aim|make every effort|make (?:its|their) best efforts?"
    r"|give (?:appropriate |due |special |priority )?consideration"
)
STRONG_OBLIGATION_PATTERNS: tuple[str, ...] = (
    r"shall(?! (?:" + _SOFT_VERBS + r"))(?! not)",
    r"must",
    r"undertakes? to",
    r"agrees? to",
)
WEAK_OBLIGATION_PATTERNS: tuple[str, ...] = (
    r"shall (?:" + _SOFT_VERBS + r")",
    r"should",
    r"(?<!as )may(?! be| not)",
    r"(?:is|are) (?:encouraged|called upon|invited)",
)
_POSSESSIVE = r"(?:(?:its|their|the|his) )?"
DOMESTIC_LAW_PATTERNS: tuple[str, ...] = (
    r"(?:in accordance with|subject to|under|consistent with|within the limits of|in conformity with"
    r"|pursuant to|as provided (?:for )?(?:in|by)|(?:in accordance with |under )?the conditions"
    r"(?: provided (?:for )?(?:by|in)| prescribed by| under))(?: the provisions of)? "
    + _POSSESSIVE
    + r"(?:respective )?domestic (?:law|legal (?:and administrative |or administrative )?systems?)",
    r"(?:basic|fundamental) (?:concepts|principles) of " + _POSSESSIVE + r"(?:domestic )?(?:law|legal system)",
    r"(?:consistent with|subject to) " + _POSSESSIVE + r"legal principles",
    r"(?:subject to|in accordance with) the legal principles of the §party",
)
DISCRETION_PATTERNS: tuple[str, ...] = (
    r"to the (?:fullest |greatest )?extent (?:possible|appropriate|necessary)",
    r"in appropriate cases",
    r"(?:where|as|when|if) appropriate",
    r"(?:where|when|if) necessary",
    r"within (?:its |their )?(?:available )?means",
    r"within (?:its|their) possibilities",
    r"(?:where|wherever|as far as) possible",
)


@lru_cache(maxsize=16)
def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![^ ])(?:" + "|".join(patterns) + r")(?![^ ])")


def count(patterns: tuple[str, ...], normalised: str) -> int:
    """Occurrences of any of ``patterns`` in a space-joined normalised text."""
    return len(_compile(patterns).findall(normalised))


def obligation_change(changes: Sequence[tuple[str, str]]) -> str | None:
    """``obligation_softened`` / ``obligation_strengthened`` judged change by change."""
    softer = stronger = 0
    for source, target in changes:
        s_strong, t_strong = count(STRONG_OBLIGATION_PATTERNS, source), count(STRONG_OBLIGATION_PATTERNS, target)
        s_weak, t_weak = count(WEAK_OBLIGATION_PATTERNS, source), count(WEAK_OBLIGATION_PATTERNS, target)
        if s_strong > t_strong and t_weak > s_weak:
            softer += 1
        elif s_weak > t_weak and t_strong > s_strong:
            stronger += 1
    if softer > stronger:
        return OBLIGATION_SOFTENED
    if stronger > softer:
        return OBLIGATION_STRENGTHENED
    return None


def qualifier_changes(source: str, target: str) -> list[str]:
    """Qualifier features from normalised, space-joined source and target texts."""
    found: list[str] = []
    for patterns, added, removed in (
        (DOMESTIC_LAW_PATTERNS, DOMESTIC_LAW_QUALIFIER_ADDED, DOMESTIC_LAW_QUALIFIER_REMOVED),
        (DISCRETION_PATTERNS, DISCRETION_QUALIFIER_ADDED, DISCRETION_QUALIFIER_REMOVED),
    ):
        before, after = count(patterns, source), count(patterns, target)
        if after > before:
            found.append(added)
        elif after < before:
            found.append(removed)
    return found
