"""What a curator is offered where the engine linked nothing: the best unlinked pairs.

Some true links stay below any safe threshold (a restatement with little shared
wording).  For every *added* target unit (no source) the engine offers its best source
units, and for every *pruned* source unit (no target) its best target units: at most
``candidate_limit`` each, from a combined score of ``candidate_min_score`` or a cosine of
``semantic_min_similarity`` (with embeddings), ranked by combined score (the measure
links are ranked by), then by meaning, then by document order.  A linked pair is never a
candidate.  Each candidate carries its evidence: the score, the kinds of evidence that
held for the pair before the linker's thinning and overrules dropped it, the cosine of
the units' embeddings and the content words both units use, rarest first.

Candidates are computed from matrices the engine has already built: one sort per
added or pruned unit and a set intersection per candidate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .equivalences import STOPWORDS
from .evidence import Evidence
from .normalise import NormalisedText
from .params import AlignmentParams
from .score import ScoreMatrices
from .types import CandidateLink, Unit

#: Shared words reported per candidate.
SHARED_WORDS = 8


@dataclass(frozen=True, slots=True)
class CandidateInput:
    """One side of the comparison as the engine prepared it."""

    units: Sequence[Unit]
    texts: Sequence[NormalisedText]


def best_unlinked(
    m: ScoreMatrices,
    linked: npt.NDArray[np.bool_],
    found: Evidence | None,
    target: CandidateInput,
    source: CandidateInput,
    content: Callable[[NormalisedText], tuple[str, ...]],
    p: AlignmentParams,
) -> tuple[CandidateLink, ...]:
    """The candidates of every added target unit, then of every pruned source unit, in document order.

    ``linked`` is the (target, source) matrix of the links; ``content`` gives a text's
    content tokens as the scores were computed on them.
    """
    combined = m.combined
    if p.candidate_limit == 0 or combined.size == 0 or found is None:
        return ()
    eligible = combined >= p.candidate_min_score
    meaning = m.semantic
    if meaning is not None:
        eligible |= meaning >= p.semantic_min_similarity
    eligible &= ~linked
    tie = meaning if meaning is not None else np.zeros_like(combined)
    words = _SharedWords(target, source, content)
    result: list[CandidateLink] = []
    for row in np.nonzero(~linked.any(axis=1))[0].tolist():
        for rank, column in enumerate(_best(combined[row], tie[row], eligible[row], p.candidate_limit), 1):
            result.append(_candidate("target", rank, row, column, combined, m, found, target, source, words))
    for column in np.nonzero(~linked.any(axis=0))[0].tolist():
        for rank, row in enumerate(
            _best(combined[:, column], tie[:, column], eligible[:, column], p.candidate_limit), 1
        ):
            result.append(_candidate("source", rank, row, column, combined, m, found, target, source, words))
    return tuple(result)


def _best(
    scores: npt.NDArray[np.float64], tie: npt.NDArray[np.float64], eligible: npt.NDArray[np.bool_], limit: int
) -> list[int]:
    """Indices of the ``limit`` best eligible entries: highest score, then highest ``tie``, then lowest index."""
    indices = np.nonzero(eligible)[0]
    if len(indices) == 0:
        return []
    # lexsort sorts by the last key first; negate for descending scores, the index breaks ties.
    order = np.lexsort((indices, -tie[indices], -scores[indices]))
    chosen: list[int] = indices[order[:limit]].tolist()
    return chosen


def _candidate(
    side: str,
    rank: int,
    row: int,
    column: int,
    combined: npt.NDArray[np.float64],
    m: ScoreMatrices,
    found: Evidence,
    target: CandidateInput,
    source: CandidateInput,
    words: _SharedWords,
) -> CandidateLink:
    return CandidateLink(
        target_ref=target.units[row].ref,
        source_ref=source.units[column].ref,
        side="target" if side == "target" else "source",
        rank=rank,
        score=round(float(combined[row, column]), 1),
        evidence=found.of(row, column),
        meaning=round(float(m.semantic[row, column]), 1) if m.semantic is not None else None,
        shared_words=words(row, column),
    )


class _SharedWords:
    """The content words two units share, rarest in the comparison first (as the normalised target spells them)."""

    def __init__(
        self,
        target: CandidateInput,
        source: CandidateInput,
        content: Callable[[NormalisedText], tuple[str, ...]],
    ) -> None:
        self._target, self._source, self._content = target, source, content
        # Document frequencies over every unit of the comparison (the IDF of :mod:`.score`):
        # only their order matters here, rarest first.  The target's spelling of each
        # content key, per target unit, is worked out once.
        self._target_words = [frozenset(content(text)) for text in target.texts]
        self._source_words = [frozenset(content(text)) for text in source.texts]
        self._frequency: Counter[str] = Counter()
        for words in (*self._target_words, *self._source_words):
            self._frequency.update(words)
        self._spelled: dict[int, dict[str, str]] = {}

    def __call__(self, row: int, column: int) -> tuple[str, ...]:
        target_text = self._target.texts[row]
        shared = self._target_words[row] & self._source_words[column]
        if not shared:
            return ()
        spelled = self._spelled.get(row)
        if spelled is None:
            # Content tokens line up with the non-stopword tokens they were made from.
            spelled = {}
            for key, token in zip(self._content(target_text), _surface(target_text, self._content), strict=False):
                spelled.setdefault(key, token)
            self._spelled[row] = spelled
        frequency = self._frequency
        rarest = sorted(shared, key=lambda key: (frequency[key], key))
        # Placeholders of the normalisation (``§subject``) and numbers are not words to show.
        words = [spelled.get(key, key) for key in rarest]
        return tuple(word for word in words if word[:1].isalpha())[:SHARED_WORDS]


def _surface(text: NormalisedText, content: Callable[[NormalisedText], tuple[str, ...]]) -> tuple[str, ...]:
    """The normalised tokens that became ``content(text)`` (every token if the text has only stopwords)."""
    tokens = text.tokens
    keys = content(text)
    if len(keys) == len(tokens):
        return tokens
    return tuple(t for t in tokens if t not in STOPWORDS)
