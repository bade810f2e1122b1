"""Decide which target units derive from which source units (many-to-many).

A pair becomes a candidate link on any of five kinds of lexical evidence, all computed
on the whole score matrices at once:

* **strong**: the combined score reaches ``link_score`` (copied or lightly edited text);
* **coverage**: one side's weighted vocabulary lies mostly inside the other, with its
  word order largely kept, the contained side is not tiny and neither side is more
  than ``coverage_max_length_ratio`` times longer than the other (a merge or a split);
* **mutual best**: the target's best source is also that source's best target and the
  score reaches ``mutual_min_score`` (a reworded provision with no better counterpart;
  agreeing article headings add up to ``heading_weight`` points here only);
* **copied clause**: a chapeau, subparagraph or point of one unit and one of the other
  are each other's clear best match (``m.clauses``, see :mod:`.clauses`): a list
  paragraph that takes items from several source paragraphs, or a list split up;
* **context** (structure): once two articles are linked (a *block*), a weaker pair
  between them is linked if it keeps document order with a link of the block
  (``context_min_score``; sharing the link's source paragraph is a split, sharing its
  target paragraph a merge), or if it is sandwiched between two links of the block,
  one before and one after in both documents (``gap_min_score``).  Context only adds
  to paragraphs not already fully explained by a link, and each paragraph takes at
  most one context pair per block (its best among the pairs the two-source rule below
  would keep).

With embeddings (optional; ``align(..., embeddings=...)``), two more kinds of
evidence use the cosine similarity of the units' sentence embeddings (``m.semantic``):

* **semantic mutual best**: each unit is the other's nearest in meaning, the cosine
  reaches ``semantic_min_similarity``, the lexical score reaches ``semantic_min_score``,
  and neither unit is already explained by a close copy of another unit; such a pair
  is protected from the two-source thinning (like a merge or split component), and it
  overrules a pair linked *only* as a lexical mutual best that claims one of its units
  (``semantic_overrules_mutual``);
* **semantic context**: inside a linked block, an in-order pair from
  ``semantic_context_min_score`` whose units are each other's nearest in meaning among
  the paragraphs the block's links predict (``semantic_context_window``).

With embeddings of the article headings as well (``heading_embeddings``), one more:

* **corresponding articles**: a target article and a source article that are each
  other's nearest in meaning (content and heading, see :mod:`.articles`) and that no
  link joins yet; inside them, an unlinked target paragraph and a source paragraph that
  are each other's nearest in meaning there, from cosine ``semantic_min_similarity`` and
  lexical score ``article_min_score`` (a structural rule, like context: it finds the
  block the wording missed).

Two rules make the result independent of drafting boilerplate:

* *Shared wording*: a source paragraph whose wording recurs in another source
  instrument (similarity >= ``shared_similarity``) is standard treaty language (the UN
  final clauses are the same in UNTOC and its Protocols); it is linked only on a close
  copy (``shared_link_score``), never on coverage, mutual-best or context evidence.
* *Two sources* (the rule for TIP + UNTOC): candidates are thinned per source to those
  within ``multi_source_margin`` points of its best target, then per target (among the
  survivors) to those within the margin of its best source, unless the runner-up is a
  merge component (its source lies inside the target while the best source leaves part
  of the target unexplained); symmetrically per source for splits.  So when a target
  copies text that TIP took from UNTOC, both are linked because they score alike,
  while a weaker coincidental match is not; and a drafting formula that one target
  copies closely does not crowd out another target's real, weaker source.

Exact ties within one source instrument (the same sentence in several articles) go to
the unit whose relative position in its document is nearest the target's: document
order breaks ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .articles import article_keys
from .params import AlignmentParams
from .score import ScoreMatrices
from .types import Unit

BoolMatrix = npt.NDArray[np.bool_]

#: The kinds of evidence a link can rest on, in the order they are reported (the names
#: of the rules above; a link carries every kind that holds for its pair).
CLOSE_COPY = "close_copy"
MERGE_OR_SPLIT = "merge_or_split"
COPIED_CLAUSE = "copied_clause"
MUTUAL_BEST = "mutual_best"
MEANING = "meaning"
STRUCTURE = "structure"
ARTICLES = "corresponding_articles"
EVIDENCE_KINDS = (CLOSE_COPY, MERGE_OR_SPLIT, COPIED_CLAUSE, MUTUAL_BEST, MEANING, STRUCTURE, ARTICLES)
#: The kinds found from where a pair sits, not from its wording alone (``Evidence.context``).
STRUCTURAL_KINDS = (STRUCTURE, ARTICLES)


@dataclass(frozen=True, slots=True)
class Candidate:
    target: int
    source: int
    score: float
    #: Why the pair is linked: the :data:`EVIDENCE_KINDS` that hold for it.
    evidence: tuple[str, ...] = ()


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

    def of(self, r: int, c: int) -> tuple[str, ...]:
        return tuple(kind for kind in EVIDENCE_KINDS if self.kinds[kind][r, c])


def _relative_positions(units: Sequence[Unit]) -> npt.NDArray[np.float64]:
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.instrument] = counts.get(unit.instrument, 0) + 1
    seen: dict[str, int] = {}
    positions = np.zeros(len(units), dtype=np.float64)
    for index, unit in enumerate(units):
        rank = seen.get(unit.instrument, 0)
        seen[unit.instrument] = rank + 1
        positions[index] = (rank + 0.5) / counts[unit.instrument]
    return positions


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
    evidence = _evidence(m, p, target_units, source_units, shared_sources)
    return evidence.own, evidence.context


def _evidence(
    m: ScoreMatrices,
    p: AlignmentParams,
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    shared_sources: npt.NDArray[np.bool_] | None = None,
) -> Evidence:
    """Own-evidence pairs, context pairs, and which rule found each pair (``MEANING``: the semantic mutual bests)."""
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
    mask: BoolMatrix = strong | target_inside | source_inside | mutual
    if m.clauses is not None:
        mask |= m.clauses
    t_art, s_art = article_keys(target_units), article_keys(source_units)
    if shared_sources is not None and shared_sources.any():
        # Wording found in several source instruments is standard drafting: only a close copy counts.
        mask &= ~shared_sources[None, :] | (combined >= p.shared_link_score)
    # Close copies that survive the per-source margin (a formula many targets copy is
    # not one: only its best targets keep it).
    copies = _thin((mask & strong).T, combined.T, np.zeros_like(mask.T), p.multi_source_margin).T
    semantic = semantic_mutual(m, p, copies)
    if shared_sources is not None:
        semantic &= ~shared_sources[None, :]
    if p.semantic_overrules_mutual:
        # A pair linked only as a lexical mutual best yields to a semantic mutual best that
        # claims one of its two units (the meaning points elsewhere).
        mutual_only = mutual & ~(strong | target_inside | source_inside)
        claimed_t: npt.NDArray[np.bool_] = np.any(semantic, axis=1)
        claimed_s: npt.NDArray[np.bool_] = np.any(semantic, axis=0)
        claimed = claimed_t[:, None] | claimed_s[None, :]
        mask &= ~(mutual_only & claimed & ~semantic)
    mask |= semantic
    # Context can only add to a paragraph that is not yet fully explained by a link.
    covered_t: npt.NDArray[np.bool_] = np.any(mask & (m.weighted_target_coverage >= p.full_coverage), axis=1)
    covered_s: npt.NDArray[np.bool_] = np.any(mask & (m.weighted_source_coverage >= p.full_coverage), axis=0)
    open_pairs: BoolMatrix = ~covered_t[:, None] & ~covered_s[None, :]
    context = _context(mask, combined, p, t_art, s_art, open_pairs, m.semantic)
    if shared_sources is not None:
        context &= ~shared_sources[None, :]
    articles = _in_corresponding_articles(mask | context, m, p, t_art, s_art)
    if shared_sources is not None:
        articles &= ~shared_sources[None, :]
    structural = context | articles
    clauses = m.clauses if m.clauses is not None else np.zeros_like(mask)
    kinds = {
        CLOSE_COPY: strong,
        MERGE_OR_SPLIT: target_inside | source_inside,
        COPIED_CLAUSE: clauses,
        MUTUAL_BEST: mutual,
        MEANING: semantic,
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


def _context(
    mask: BoolMatrix,
    combined: npt.NDArray[np.float64],
    p: AlignmentParams,
    t_art: npt.NDArray[np.int64],
    s_art: npt.NDArray[np.int64],
    open_pairs: BoolMatrix,
    semantic: npt.NDArray[np.float64] | None = None,
) -> BoolMatrix:
    """Weaker pairs inside an already linked (target article, source article) block.

    Derivations come in blocks: once part of a target article is linked to a source
    article, a weaker pair between the same two articles is accepted when it keeps
    document order with a link already there (from ``context_min_score``), or when it is
    *sandwiched* between two such links, one before and one after on both sides (from
    ``gap_min_score``: the structure itself is the evidence).  With embeddings, a pair that
    keeps document order is also accepted from ``semantic_context_min_score`` when its
    source is where the block predicts and nearest in meaning there (see
    :func:`_placed_by_meaning`).  Inside a block each target paragraph and each source
    paragraph takes at most one context pair, its best.
    """
    floor = min(p.context_min_score, p.gap_min_score)
    if semantic is not None:
        floor = min(floor, p.semantic_context_min_score)
    candidates = (combined >= floor) & ~mask & open_pairs
    # A pair its source's thinning will drop (more than the margin below the source's
    # best link) must not take the paragraph's one context pair from a viable one.
    source_best = np.where(mask, combined, -np.inf).max(axis=0, keepdims=True)
    candidates &= combined >= source_best - p.multi_source_margin
    result = np.zeros_like(mask)
    if not candidates.any():
        return result
    anchors: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r, c in zip(*(a.tolist() for a in np.nonzero(mask)), strict=True):
        anchors.setdefault((int(t_art[r]), int(s_art[c])), []).append((r, c))
    accepted: list[tuple[float, int, int, tuple[int, int]]] = []
    for r, c in zip(*(a.tolist() for a in np.nonzero(candidates)), strict=True):
        key = (int(t_art[r]), int(s_art[c]))
        block = anchors.get(key)
        if not block:
            continue
        score = float(combined[r, c])
        in_order = any(_in_order(r, c, r2, c2) for r2, c2 in block)
        ordered = in_order and (
            score >= p.context_min_score
            or (
                semantic is not None
                and score >= p.semantic_context_min_score
                and _placed_by_meaning(semantic, r, c, block, t_art, s_art, p)
            )
        )
        if ordered or (score >= p.gap_min_score and _sandwiched(r, c, block)):
            accepted.append((score, r, c, key))
    # One context pair per paragraph and block: the best-scoring wins.
    taken_t: set[tuple[int, tuple[int, int]]] = set()
    taken_s: set[tuple[int, tuple[int, int]]] = set()
    for _score, r, c, key in sorted(accepted, key=lambda a: (-a[0], a[1], a[2])):
        if (r, key) in taken_t or (c, key) in taken_s:
            continue
        taken_t.add((r, key))
        taken_s.add((c, key))
        result[r, c] = True
    return result


def _in_corresponding_articles(
    linked: BoolMatrix,
    m: ScoreMatrices,
    p: AlignmentParams,
    t_art: npt.NDArray[np.int64],
    s_art: npt.NDArray[np.int64],
) -> BoolMatrix:
    """Pairs inside two corresponding articles that no link joins yet (see :mod:`.articles`).

    The target paragraph has no link yet, the two paragraphs are each other's nearest in
    meaning within the two articles, the cosine reaches ``semantic_min_similarity`` and
    the lexical score ``article_min_score``.  Articles that some link already joins are
    left to the context rule, which knows their order.
    """
    result = np.zeros_like(linked)
    if m.articles is None or m.semantic is None:
        return result
    sem, combined = m.semantic, m.combined
    open_rows: npt.NDArray[np.bool_] = ~np.any(linked, axis=1)
    candidates = (
        m.articles & open_rows[:, None] & (sem >= p.semantic_min_similarity) & (combined >= p.article_min_score)
    )
    if not candidates.any():
        return result
    blocks = {(int(t_art[r]), int(s_art[c])) for r, c in zip(*np.nonzero(linked), strict=True)}
    for r, c in zip(*(a.tolist() for a in np.nonzero(candidates)), strict=True):
        if (int(t_art[r]), int(s_art[c])) in blocks:
            continue
        same_source_article = s_art == s_art[c]
        same_target_article = t_art == t_art[r]
        if sem[r, same_source_article].max() <= sem[r, c] and sem[same_target_article, c].max() <= sem[r, c]:
            result[r, c] = True
    return result


def _placed_by_meaning(
    semantic: npt.NDArray[np.float64],
    r: int,
    c: int,
    block: Sequence[tuple[int, int]],
    t_art: npt.NDArray[np.int64],
    s_art: npt.NDArray[np.int64],
    p: AlignmentParams,
) -> bool:
    """Whether (r, c) is where the block puts it, and the two are each other's nearest in meaning there.

    Each link (r2, c2) of the block predicts that target paragraph ``r`` derives from
    source paragraph ``c2 + (r - r2)`` (and source ``c`` went to target ``r2 + (c - c2)``);
    a window is every paragraph of the article within ``semantic_context_window`` of a
    prediction.  ``c`` must be the target's most similar paragraph (by cosine) in its
    window, ``r`` the source's most similar in its own, and the cosine must reach
    ``semantic_min_similarity``.
    """
    cosine = semantic[r, c]
    if cosine < p.semantic_min_similarity:
        return False
    window = p.semantic_context_window
    rows, columns = semantic.shape
    sources = {
        place
        for r2, c2 in block
        for place in range(max(c2 + r - r2 - window, 0), min(c2 + r - r2 + window + 1, columns))
        if s_art[place] == s_art[c]
    }
    targets = {
        place
        for r2, c2 in block
        for place in range(max(r2 + c - c2 - window, 0), min(r2 + c - c2 + window + 1, rows))
        if t_art[place] == t_art[r]
    }
    return (
        c in sources
        and r in targets
        and all(semantic[r, place] <= cosine for place in sources)
        and all(semantic[place, c] <= cosine for place in targets)
    )


def _sandwiched(r: int, c: int, block: Sequence[tuple[int, int]]) -> bool:
    """Whether some link of the block lies before (r, c) and another after, on both sides."""
    before = any(r2 < r and c2 < c for r2, c2 in block)
    after = any(r2 > r and c2 > c for r2, c2 in block)
    return before and after


def _in_order(r: int, c: int, r2: int, c2: int) -> bool:
    """Whether pair (r, c) keeps document order with anchor (r2, c2).

    Strictly (both later or both earlier), or sharing one side with the anchor: another
    paragraph of the same source (a split) or of the same target (a merge).
    """
    order = (r - r2) * (c - c2)
    return order > 0 or (order == 0 and (r, c) != (r2, c2))


def _thin(mask: BoolMatrix, combined: npt.NDArray[np.float64], protected: BoolMatrix, margin: float) -> BoolMatrix:
    """Keep, per row, candidates within ``margin`` of the row's best, or protected ones."""
    scores = np.where(mask, combined, -np.inf)
    best = scores.max(axis=1, keepdims=True)
    keep: BoolMatrix = mask & ((scores >= best - margin) | protected)
    return keep


def _break_ties(
    keep: BoolMatrix,
    combined: npt.NDArray[np.float64],
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    tie_margin: float,
) -> BoolMatrix:
    """Among a target's links into one source instrument that tie, keep the nearest in document order."""
    t_pos = _relative_positions(target_units)
    s_pos = _relative_positions(source_units)
    result = keep.copy()
    rows, _cols = np.nonzero(keep)
    for row in np.unique(rows):
        columns = np.nonzero(keep[row])[0]
        if len(columns) < 2:
            continue
        by_instrument: dict[str, list[int]] = {}
        for column in columns.tolist():
            by_instrument.setdefault(source_units[column].instrument, []).append(column)
        for group in by_instrument.values():
            best = max(combined[row, c] for c in group)
            tied = [c for c in group if combined[row, c] >= best - tie_margin]
            nearest = min(tied, key=lambda c: (abs(s_pos[c] - t_pos[row]), c))
            for column in tied:
                if column != nearest:
                    result[row, column] = False
    return result


def link(
    m: ScoreMatrices,
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    p: AlignmentParams,
    shared_sources: npt.NDArray[np.bool_] | None = None,
) -> list[Candidate]:
    """The links, as (target index, source index, score) in target then source order."""
    if m.combined.size == 0:
        return []
    combined = m.combined
    found = _evidence(m, p, target_units, source_units, shared_sources)
    evidence, context, semantic = found.own, found.context, found.kinds[MEANING]
    mask = evidence | context
    # A runner-up is a merge component only if the best source leaves part of the target
    # unexplained (and a split only if the best target leaves part of the source).
    best_source = np.where(mask, combined, -np.inf).argmax(axis=1)
    best_target = np.where(mask, combined, -np.inf).argmax(axis=0)
    target_open = m.weighted_target_coverage[np.arange(combined.shape[0]), best_source] < p.full_coverage
    source_open = m.weighted_source_coverage[best_target, np.arange(combined.shape[1])] < p.full_coverage
    merge = (m.weighted_source_coverage >= p.merge_coverage) & target_open[:, None]
    split = (m.weighted_target_coverage >= p.merge_coverage) & source_open[None, :]
    # A semantic mutual best or a copied clause is its own evidence against a lexically
    # stronger rival.
    protected = semantic if m.clauses is None else semantic | (m.clauses & evidence)
    merge |= protected
    split |= protected
    # A source's weak targets go first; a target then competes only with the sources that
    # did not already prefer another target, so a drafting formula that another target
    # copies closely (TIP 5(1) in CoE 18) cannot crowd out a target's real, weaker source.
    by_source = _thin(mask.T, combined.T, split.T, p.multi_source_margin).T
    by_target = _thin(mask & by_source, combined, merge, p.multi_source_margin)
    keep = _break_ties(mask & by_target & by_source, combined, target_units, source_units, p.tie_margin)
    rows, cols = np.nonzero(keep)
    return [
        Candidate(int(r), int(c), round(float(combined[r, c]), 1), found.of(int(r), int(c)))
        for r, c in zip(rows, cols, strict=True)
    ]
