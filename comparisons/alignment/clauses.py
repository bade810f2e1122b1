"""Copied clauses: evidence from the provisions inside the units.

A unit is a numbered paragraph with its subparagraphs and points, and drafters often
copy at a finer grain than that: a target paragraph lists assistance measures taken
item by item from two source paragraphs, or a source list is split between target
paragraphs.  Scored as whole units, the smaller of two such sources looks like a weak,
distant runner-up and is thinned away.

So every provision text inside a unit (the paragraph's own words, each subparagraph,
each point: a *clause*) is also scored against every clause of the other side, in one
more ``cdist`` call.  A unit pair gets *clause* evidence when two of their clauses

* are each other's best match among all clauses of the comparison,
* score at least ``clause_link_score`` (a copy, not a topic neighbour),
* beat the best clause of any *other* unit by ``clause_margin`` points on both sides
  (a drafting formula that several provisions repeat, such as a criminalisation
  chapeau, has no clear counterpart and counts for nothing), and
* both have at least ``clause_min_tokens`` content tokens (short items match by chance).

The linker treats a clause pair like a merge or split component: it is kept even when
another source explains more of the target.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from .normalise import NormalisedText
from .params import AlignmentParams
from .score import Vocabulary, idf_weights, score

BoolMatrix = npt.NDArray[np.bool_]
FloatMatrix = npt.NDArray[np.float64]
Content = Callable[[tuple[str, ...]], Sequence[str]]


def _clauses(
    texts: Sequence[NormalisedText], content: Content, vocabulary: Vocabulary, min_tokens: int
) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Encoded clauses long enough to count, and the index of the unit each belongs to."""
    encoded: list[str] = []
    owners: list[int] = []
    for index, text in enumerate(texts):
        for line in text.line_tokens():
            tokens = content(line)
            if len(tokens) >= min_tokens:
                encoded.append(vocabulary.encode(tokens))
                owners.append(index)
    return encoded, np.asarray(owners, dtype=np.int64)


def _lead(scores: FloatMatrix, owners: npt.NDArray[np.int64]) -> FloatMatrix:
    """Per row, how far its best column's score is ahead of the best column of another owner.

    ``owners`` (ascending, one per column) groups the columns by unit; with one group
    only the lead is unbounded.
    """
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    if len(starts) < 2:
        return np.full(scores.shape[0], np.inf)
    per_owner = np.maximum.reduceat(scores, starts, axis=1)
    top_two = -np.partition(-per_owner, 1, axis=1)[:, :2]
    lead: FloatMatrix = top_two[:, 0] - top_two[:, 1]
    return lead


def clause_pairs(
    target_texts: Sequence[NormalisedText],
    source_texts: Sequence[NormalisedText],
    content: Content,
    vocabulary: Vocabulary,
    params: AlignmentParams,
) -> BoolMatrix:
    """Target unit x source unit: True where the two units share a copied clause (see module).

    ``target_texts`` / ``source_texts`` are the units' normalised texts (a line per
    provision), ``content`` turns a line's tokens into the content tokens scores use.
    """
    result = np.zeros((len(target_texts), len(source_texts)), dtype=np.bool_)
    if params.clause_link_score > 100.0:
        return result
    clauses_t, owners_t = _clauses(target_texts, content, vocabulary, params.clause_min_tokens)
    clauses_s, owners_s = _clauses(source_texts, content, vocabulary, params.clause_min_tokens)
    if not clauses_t or not clauses_s:
        return result
    idf = idf_weights(clauses_t + clauses_s, len(vocabulary))
    combined = score(clauses_t, clauses_s, vocabulary, params.workers, idf).combined
    return clear_best_pairs(combined, owners_t, owners_s, params.clause_link_score, params.clause_margin, result.shape)


def clear_best_pairs(
    scores: FloatMatrix,
    owners_t: npt.NDArray[np.int64],
    owners_s: npt.NDArray[np.int64],
    floor: float,
    margin: float,
    shape: tuple[int, int],
) -> BoolMatrix:
    """Unit x unit (``shape``): True where a piece of one and a piece of the other are each
    other's best by ``scores`` (pieces x pieces), reach ``floor`` and lead the best piece of
    any other unit by ``margin`` on both sides.  ``owners_*``: each piece's unit, ascending."""
    result = np.zeros(shape, dtype=np.bool_)
    best_s = scores.argmax(axis=1)
    best_t = scores.argmax(axis=0)
    rows = np.arange(scores.shape[0])
    mutual = best_t[best_s] == rows
    strong = scores[rows, best_s] >= floor
    clear_t = _lead(scores, owners_s) >= margin
    clear_s = (_lead(scores.T, owners_t) >= margin)[best_s]
    chosen = mutual & strong & clear_t & clear_s
    result[owners_t[chosen], owners_s[best_s[chosen]]] = True
    return result
