"""Turn a linked pair into a :class:`~.types.Link`: relation, diff, shares and features.

*Adopted* means the same wording up to systematic changes (party and instrument
wording, spelling, articles, plural, renumbered cross-references ...: see
:mod:`.systematic`), whatever their number; the link records the kinds it was adopted
through.  Any other change makes it *modified*, explained by change features.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .diff import word_diff
from .equivalences import DEFAULT_SYSTEMATIC_CHANGES, SystematicRule
from .features import TEXT_ADDED, TEXT_REMOVED, obligation_change, qualifier_changes
from .normalise import NormalisedText
from .params import AlignmentParams
from .systematic import compile_rules, systematic_changes
from .types import ADOPTED, MODIFIED, Link, Relation, Unit

#: Compiled systematic-change rules: (kind, pattern, replacement).
CompiledRules = Sequence[tuple[str, re.Pattern[str], str]]


def systematic_rules(params: AlignmentParams) -> tuple[SystematicRule, ...]:
    """A comparison's systematic-change rules: its additions first, then the defaults."""
    rules = params.extra_systematic_changes
    if params.use_default_equivalences:
        rules += DEFAULT_SYSTEMATIC_CHANGES
    return rules


def rules_for(params: AlignmentParams, terms: frozenset[str] = frozenset()) -> CompiledRules:
    """The compiled rules of a comparison whose target defines ``terms`` (cached)."""
    return compile_rules(systematic_rules(params), terms)


def classify(
    target: Unit,
    source: Unit,
    target_text: NormalisedText,
    source_text: NormalisedText,
    score: float,
    params: AlignmentParams,
    evidence: tuple[str, ...] = (),
    rules: CompiledRules | None = None,
) -> Link:
    """Build the link from ``source`` to ``target`` with its diff and explanation.

    ``rules``: the comparison's compiled systematic-change rules (:func:`rules_for`, with
    the terms the target instrument defines); by default ``params``' rules without any
    defined term.
    """
    diff = word_diff(source_text, target_text, params.diff_merge_equal_max)
    target_words = max(len(target_text.atom_keys), 1)
    source_words = max(len(source_text.atom_keys), 1)
    added_share = round(diff.inserted_words / target_words, 3)
    removed_share = round(diff.deleted_words / source_words, 3)
    through = systematic_changes(
        source_text, target_text, diff, rules_for(params) if rules is None else rules, params.diff_merge_equal_max
    )
    few = diff.inserted_words + diff.deleted_words <= params.adopted_max_changed_tokens
    relation: Relation = ADOPTED if through is not None or few else MODIFIED
    features: list[str] = []
    if relation == MODIFIED:
        obligation = obligation_change(diff.changes)
        if obligation:
            features.append(obligation)
        features.extend(qualifier_changes(source_text.joined, target_text.joined))
        if diff.inserted_words and added_share >= params.text_change_min_share:
            features.append(TEXT_ADDED)
        if diff.deleted_words and removed_share >= params.text_change_min_share:
            features.append(TEXT_REMOVED)
    return Link(
        target_ref=target.ref,
        source_ref=source.ref,
        relation=relation,
        score=score,
        features=tuple(features),
        added_share=added_share,
        removed_share=removed_share,
        diff=diff.ops,
        evidence=evidence,
        adopted_through=(through or ()) if relation == ADOPTED else (),
    )
