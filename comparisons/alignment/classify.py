"""Turn a linked pair into a :class:`~.types.Link`: relation, diff, shares and features.

*Adopted* means the same wording up to the normalisations (at most
``adopted_max_changed_tokens`` normalised tokens differ); anything else is
*modified* and explained by change features.
"""

from __future__ import annotations

from .diff import word_diff
from .features import TEXT_ADDED, TEXT_REMOVED, obligation_change, qualifier_changes
from .normalise import NormalisedText
from .params import AlignmentParams
from .types import ADOPTED, MODIFIED, Link, Relation, Unit


def classify(
    target: Unit,
    source: Unit,
    target_text: NormalisedText,
    source_text: NormalisedText,
    score: float,
    params: AlignmentParams,
    evidence: tuple[str, ...] = (),
) -> Link:
    """Build the link from ``source`` to ``target`` with its diff and explanation."""
    diff = word_diff(source_text, target_text, params.diff_merge_equal_max)
    target_words = max(len(target_text.atom_keys), 1)
    source_words = max(len(source_text.atom_keys), 1)
    added_share = round(diff.inserted_words / target_words, 3)
    removed_share = round(diff.deleted_words / source_words, 3)
    same = target_text.tokens == source_text.tokens
    relation: Relation = (
        ADOPTED if same or diff.inserted_words + diff.deleted_words <= params.adopted_max_changed_tokens else MODIFIED
    )
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
    )
