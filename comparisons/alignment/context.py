"""The structural rules of :mod:`.link`: pairs found from where they sit, not from their wording alone.

*Context* accepts a weaker pair inside a block of two articles that links already join;
*corresponding articles* links paragraphs inside two articles that are each other's
nearest in meaning and that no link joins yet.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .params import AlignmentParams
from .score import ScoreMatrices

BoolMatrix = npt.NDArray[np.bool_]


def context_pairs(
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


def in_corresponding_articles(
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
