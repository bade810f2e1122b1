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

from .evidence import MEANING, TWIN_SOURCE, BoolMatrix, Evidence, find_evidence, thin
from .params import AlignmentParams
from .score import ScoreMatrices
from .types import Unit


@dataclass(frozen=True, slots=True)
class Candidate:
    target: int
    source: int
    score: float
    #: Why the pair is linked: the :data:`EVIDENCE_KINDS` that hold for it.
    evidence: tuple[str, ...] = ()


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
    found: Evidence | None = None,
) -> list[Candidate]:
    """The links, as (target index, source index, score) in target then source order.

    ``found``: the pairs' evidence, if the caller has already computed it with :func:`find_evidence`.
    """
    if m.combined.size == 0:
        return []
    combined = m.combined
    if found is None:
        found = find_evidence(m, p, target_units, source_units, shared_sources)
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
    # A semantic mutual best, a twin source, a copied clause or a restated sentence is its
    # own evidence against a lexically stronger rival.
    protected = semantic | found.kinds[TWIN_SOURCE]
    for own in (m.clauses, m.restatements):
        if own is not None:
            protected |= own & evidence
    merge |= protected
    split |= protected
    # A source's weak targets go first; a target then competes only with the sources that
    # did not already prefer another target, so a drafting formula that another target
    # copies closely (TIP 5(1) in CoE 18) cannot crowd out a target's real, weaker source.
    by_source = thin(mask.T, combined.T, split.T, p.multi_source_margin).T
    by_target = thin(mask & by_source, combined, merge, p.multi_source_margin)
    keep = _break_ties(mask & by_target & by_source, combined, target_units, source_units, p.tie_margin)
    rows, cols = np.nonzero(keep)
    return [
        Candidate(int(r), int(c), round(float(combined[r, c]), 1), found.of(int(r), int(c)))
        for r, c in zip(rows, cols, strict=True)
    ]
