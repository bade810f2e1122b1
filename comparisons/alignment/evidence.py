"""The candidate pairs of :func:`~comparisons.alignment.link.link` and the evidence each rests on.

Each rule of :mod:`.link`'s module doc is one boolean matrix over (target, source) pairs,
computed on the whole score matrices at once; :func:`find_evidence` combines them and
applies the overrules (shared drafting, semantic over lexical mutual bests) before the
structural rules of :mod:`.context` add their pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress

import numpy as np
import numpy.typing as npt

from .articles import article_keys
from .context import context_pairs, in_corresponding_articles
from .params import AlignmentParams
from .score import ScoreMatrices
from .types import Unit

BoolMatrix = npt.NDArray[np.bool_]

#: The kinds of evidence a link can rest on, in the order they are reported (the names
#: of the rules above; a link carries every kind that holds for its pair).
CLOSE_COPY = "close_copy"
MERGE_OR_SPLIT = "merge_or_split"
COPIED_CLAUSE = "copied_clause"
RESTATED_SENTENCE = "restated_sentence"
MUTUAL_BEST = "mutual_best"
MEANING = "meaning"
TWIN_SOURCE = "twin_source"
STRUCTURE = "structure"
ARTICLES = "corresponding_articles"
EVIDENCE_KINDS = (
    CLOSE_COPY,
    MERGE_OR_SPLIT,
    COPIED_CLAUSE,
    RESTATED_SENTENCE,
    MUTUAL_BEST,
    MEANING,
    TWIN_SOURCE,
    STRUCTURE,
    ARTICLES,
)
#: The kinds found from where a pair sits, not from its wording alone (``Evidence.context``).
STRUCTURAL_KINDS = (STRUCTURE, ARTICLES)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The candidate pairs before thinning, and which rule found each."""

    #: Pairs linked on their own evidence (every rule but the structural ones).
    own: BoolMatrix
    #: Pairs linked by structure or corresponding articles only (disjoint from ``own``).
    context: BoolMatrix
    #: Evidence kind -> the pairs that rule found (:data:`STRUCTURAL_KINDS`: within
    #: ``context``; the others: within ``own``).
    kinds: dict[str, BoolMatrix]
    #: ``kinds`` stacked in :data:`EVIDENCE_KINDS` order: one lookup gives a pair's kinds.
    _stacked: npt.NDArray[np.bool_] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_stacked", np.stack([self.kinds[kind] for kind in EVIDENCE_KINDS]))

    def of(self, r: int, c: int) -> tuple[str, ...]:
        return tuple(compress(EVIDENCE_KINDS, self._stacked[:, r, c].tolist()))


@dataclass(frozen=True, slots=True)
class _Lexical:
    """The rules on wording alone (see :mod:`.link`): close copy, merge or split, mutual best."""

    strong: BoolMatrix
    target_inside: BoolMatrix
    source_inside: BoolMatrix
    mutual: BoolMatrix

    @property
    def merge_or_split(self) -> BoolMatrix:
        result: BoolMatrix = self.target_inside | self.source_inside
        return result

    @property
    def any(self) -> BoolMatrix:
        result: BoolMatrix = self.strong | self.merge_or_split | self.mutual
        return result


def _lexical(m: ScoreMatrices, p: AlignmentParams) -> _Lexical:
    combined = m.combined
    strong = combined >= p.link_score
    coverage_floor = combined >= p.coverage_min_score
    target_inside = (m.weighted_target_coverage >= p.link_coverage) & (m.target_coverage >= p.coverage_min_order)
    # A unit many times longer than the other covers it by chance (a long list article).
    t_len = np.maximum(m.target_lengths, 1).astype(np.float64)[:, None]
    s_len = np.maximum(m.source_lengths, 1).astype(np.float64)[None, :]
    coverage_floor &= np.maximum(t_len / s_len, s_len / t_len) <= p.coverage_max_length_ratio
    target_inside &= (m.target_lengths >= p.coverage_min_tokens)[:, None] & coverage_floor
    source_inside = (m.weighted_source_coverage >= p.link_coverage) & (m.source_coverage >= p.coverage_min_order)
    source_inside &= (m.source_lengths >= p.coverage_min_tokens)[None, :] & coverage_floor
    # Mutual best: article headings count as corroboration for reworded provisions.
    supported = combined + p.heading_weight * m.headings / 100.0 if m.headings is not None else combined
    row_best = supported >= supported.max(axis=1, keepdims=True)
    col_best = supported >= supported.max(axis=0, keepdims=True)
    mutual = row_best & col_best & (supported >= p.mutual_min_score)
    return _Lexical(strong, target_inside, source_inside, mutual)


def _not_shared(pairs: BoolMatrix, shared_sources: npt.NDArray[np.bool_] | None) -> BoolMatrix:
    """``pairs`` less those whose source is shared drafting (see :mod:`.link`)."""
    if shared_sources is None:
        return pairs
    result: BoolMatrix = pairs & ~shared_sources[None, :]
    return result


def _with_meaning(
    mask: BoolMatrix,
    lexical: _Lexical,
    m: ScoreMatrices,
    p: AlignmentParams,
    shared_sources: npt.NDArray[np.bool_] | None,
) -> tuple[BoolMatrix, BoolMatrix]:
    """``mask`` with the semantic mutual bests added (and the lexical mutual bests they overrule
    removed), and the semantic mutual bests themselves."""
    # Close copies that survive the per-source margin (a formula many targets copy is
    # not one: only its best targets keep it).
    copies = thin((mask & lexical.strong).T, m.combined.T, np.zeros_like(mask.T), p.multi_source_margin).T
    semantic = _not_shared(semantic_mutual(m, p, copies), shared_sources)
    if p.semantic_overrules_mutual:
        # A pair linked only as a lexical mutual best yields to a semantic mutual best that
        # claims one of its two units (the meaning points elsewhere).
        mutual_only = lexical.mutual & ~(lexical.strong | lexical.merge_or_split)
        claimed_t: npt.NDArray[np.bool_] = np.any(semantic, axis=1)
        claimed_s: npt.NDArray[np.bool_] = np.any(semantic, axis=0)
        claimed = claimed_t[:, None] | claimed_s[None, :]
        mask = mask & ~(mutual_only & claimed & ~semantic)
    return mask | semantic, semantic


def _structural(
    mask: BoolMatrix,
    m: ScoreMatrices,
    p: AlignmentParams,
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    shared_sources: npt.NDArray[np.bool_] | None,
) -> tuple[BoolMatrix, BoolMatrix]:
    """The pairs found by structure (context) and by corresponding articles."""
    t_art, s_art = article_keys(target_units), article_keys(source_units)
    # Context can only add to a paragraph that is not yet fully explained by a link.
    covered_t: npt.NDArray[np.bool_] = np.any(mask & (m.weighted_target_coverage >= p.full_coverage), axis=1)
    covered_s: npt.NDArray[np.bool_] = np.any(mask & (m.weighted_source_coverage >= p.full_coverage), axis=0)
    open_pairs: BoolMatrix = ~covered_t[:, None] & ~covered_s[None, :]
    context = _not_shared(context_pairs(mask, m.combined, p, t_art, s_art, open_pairs, m.semantic), shared_sources)
    articles = _not_shared(in_corresponding_articles(mask | context, m, p, t_art, s_art), shared_sources)
    return context, articles


def find_evidence(
    m: ScoreMatrices,
    p: AlignmentParams,
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    shared_sources: npt.NDArray[np.bool_] | None = None,
) -> Evidence:
    """Own-evidence pairs, context pairs, and which rule found each pair (``MEANING``: the semantic mutual bests)."""
    lexical = _lexical(m, p)
    mask = lexical.any
    if m.clauses is not None:
        mask |= m.clauses
    if m.restatements is not None:
        mask |= m.restatements
    if shared_sources is not None and shared_sources.any():
        # Wording found in several source instruments is standard drafting: only a close copy counts.
        mask &= ~shared_sources[None, :] | (m.combined >= p.shared_link_score)
    mask, semantic = _with_meaning(mask, lexical, m, p, shared_sources)
    twins = _not_shared(twin_sources(mask, m, p), shared_sources)
    mask = mask | twins
    context, articles = _structural(mask, m, p, target_units, source_units, shared_sources)
    structural = context | articles
    kinds = {
        CLOSE_COPY: lexical.strong,
        MERGE_OR_SPLIT: lexical.merge_or_split,
        COPIED_CLAUSE: m.clauses if m.clauses is not None else np.zeros_like(mask),
        RESTATED_SENTENCE: m.restatements if m.restatements is not None else np.zeros_like(mask),
        MUTUAL_BEST: lexical.mutual,
        MEANING: semantic,
        TWIN_SOURCE: twins,
        STRUCTURE: context,
        ARTICLES: articles,
    }
    if shared_sources is not None and shared_sources.any():
        # On shared drafting only the close copy counted (see above).
        drafting = shared_sources[None, :]
        kinds = {kind: pairs if kind == CLOSE_COPY else pairs & ~drafting for kind, pairs in kinds.items()}
    # A rule counts only where its pair survived the overrules above: the structural
    # rules for their own pairs, the others for the pairs linked on their own evidence.
    kinds = {kind: pairs & (structural if kind in STRUCTURAL_KINDS else mask) for kind, pairs in kinds.items()}
    return Evidence(mask, structural, kinds)


def candidate_mask(
    m: ScoreMatrices,
    p: AlignmentParams,
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    shared_sources: npt.NDArray[np.bool_] | None = None,
) -> BoolMatrix:
    """Pairs with enough evidence of derivation, before thinning."""
    evidence, context = candidate_masks(m, p, target_units, source_units, shared_sources)
    result: BoolMatrix = evidence | context
    return result


def candidate_masks(
    m: ScoreMatrices,
    p: AlignmentParams,
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    shared_sources: npt.NDArray[np.bool_] | None = None,
) -> tuple[BoolMatrix, BoolMatrix]:
    """Pairs linked on their own evidence, and pairs linked by context (disjoint)."""
    evidence = find_evidence(m, p, target_units, source_units, shared_sources)
    return evidence.own, evidence.context


def twin_sources(linked: BoolMatrix, m: ScoreMatrices, p: AlignmentParams) -> BoolMatrix:
    """A target linked to a source paragraph is linked to its twin in another source instrument.

    The TIP Protocol restates UNTOC paragraphs (``m.twins``, see
    :func:`~.score.twin_units`); a target that carries one carries both, so a target
    ``linked`` to one twin on its own evidence is linked to the other when their score
    reaches ``twin_link_score``.  All false without twins.
    """
    if m.twins is None or linked.size == 0 or p.twin_link_score > 100.0:
        return np.zeros(linked.shape, dtype=np.bool_)
    carries_twin = np.zeros(linked.shape, dtype=np.bool_)
    for first, second in zip(*np.nonzero(m.twins), strict=True):
        carries_twin[:, second] |= linked[:, first]
    result: BoolMatrix = carries_twin & ~linked & (m.combined >= p.twin_link_score)
    return result


def semantic_mutual(m: ScoreMatrices, p: AlignmentParams, copies: BoolMatrix | None = None) -> BoolMatrix:
    """Semantic evidence: each unit is the other's nearest in meaning, with some shared wording.

    The target's most similar source by embedding cosine is also that source's most
    similar target, the cosine reaches ``semantic_min_similarity`` and the lexical score
    reaches ``semantic_min_score`` (a restatement still shares a few distinctive words),
    and neither unit is already explained by a close copy elsewhere (``copies``: the
    pairs linked lexically with a combined score of ``link_score`` or more that are
    within ``multi_source_margin`` of their source's best target; meaning then only
    echoes the topic).  All false without embeddings.
    """
    combined = m.combined
    if m.semantic is None or combined.size == 0:
        return np.zeros(combined.shape, dtype=np.bool_)
    sem = m.semantic
    row_best = sem >= sem.max(axis=1, keepdims=True)
    col_best = sem >= sem.max(axis=0, keepdims=True)
    strong = copies if copies is not None else combined >= p.link_score
    has_copy_t: npt.NDArray[np.bool_] = np.any(strong, axis=1)
    has_copy_s: npt.NDArray[np.bool_] = np.any(strong, axis=0)
    copied_t = has_copy_t[:, None] & ~strong
    copied_s = has_copy_s[None, :] & ~strong
    result: BoolMatrix = (
        row_best
        & col_best
        & (sem >= p.semantic_min_similarity)
        & (combined >= p.semantic_min_score)
        & ~copied_t
        & ~copied_s
    )
    return result


def thin(mask: BoolMatrix, combined: npt.NDArray[np.float64], protected: BoolMatrix, margin: float) -> BoolMatrix:
    """Keep, per row, candidates within ``margin`` of the row's best, or protected ones."""
    scores = np.where(mask, combined, -np.inf)
    best = scores.max(axis=1, keepdims=True)
    keep: BoolMatrix = mask & ((scores >= best - margin) | protected)
    return keep
