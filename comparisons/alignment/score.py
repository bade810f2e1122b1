"""Score every target unit against every source unit in one vectorised call.

Each unit's content tokens (normalised, stopwords dropped) are encoded as a string
with one character per distinct token, so rapidfuzz's bit-parallel Indel distance
works on words instead of letters.  One ``process.cdist`` call gives the Indel
distance for all pairs; the longest common subsequence follows from it
(``LCS = (len_t + len_s - distance) / 2``), and from the LCS the three measures
the linker uses: overall similarity and the coverage of each side by the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Indel

FloatMatrix = npt.NDArray[np.float64]
IntVector = npt.NDArray[np.int64]
FloatVector = npt.NDArray[np.float64]

_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)


class _Codes(dict[str, str]):
    """Token -> its character; a token seen for the first time gets the next free one."""

    def __missing__(self, token: str) -> str:
        number = _FIRST_CODE + len(self)
        if number >= _SURROGATES.start:
            number += len(_SURROGATES)
        code = self[token] = chr(number)
        return code


class Vocabulary:
    """Maps each distinct token to one character, shared by all units of a comparison."""

    def __init__(self) -> None:
        self._codes = _Codes()

    def encode(self, tokens: Iterable[str]) -> str:
        # ``map`` over the bound lookup runs in C; only a new token calls back into Python.
        return "".join(map(self._codes.__getitem__, tokens))

    def encode_known(self, tokens: Sequence[str], unknown: str) -> str:
        """Like :meth:`encode`, but a token the vocabulary has never seen becomes ``unknown`` (and is not added)."""
        codes = self._codes  # (``get`` never makes a new code)
        return "".join(codes.get(token, unknown) for token in tokens)

    def __len__(self) -> int:
        return len(self._codes)

    @staticmethod
    def index(code: str) -> int:
        """The token number a character stands for (inverse of the encoding)."""
        number = ord(code)
        if number >= _SURROGATES.stop:
            number -= len(_SURROGATES)
        return number - _FIRST_CODE


@dataclass(frozen=True, slots=True)
class ScoreMatrices:
    """Pairwise measures, rows = target units, columns = source units, values 0-100.

    ``similarity`` / ``target_coverage`` / ``source_coverage`` come from the LCS of the
    content-token sequences (order matters); ``weighted`` / ``weighted_target_coverage`` /
    ``weighted_source_coverage`` are the same ideas on IDF-weighted sets of tokens, so a
    shared rare word counts more than a shared drafting formula.  ``combined`` is the mean
    of ``similarity`` and ``weighted``: the score links are ranked by.
    """

    similarity: FloatMatrix
    target_coverage: FloatMatrix
    source_coverage: FloatMatrix
    weighted: FloatMatrix
    weighted_target_coverage: FloatMatrix
    weighted_source_coverage: FloatMatrix
    target_lengths: IntVector
    source_lengths: IntVector
    #: IDF-weighted similarity of the units' article headings (0-100), or None.
    headings: FloatMatrix | None = None
    #: Cosine similarity x 100 of the units' embedding vectors (see
    #: :func:`semantic_similarity`), or None when the caller passed no embeddings.
    semantic: FloatMatrix | None = None
    #: True where the two units' articles correspond (see :mod:`.articles`), or None.
    articles: npt.NDArray[np.bool_] | None = None
    #: True where the two units share a copied clause (see :mod:`.clauses`), or None.
    clauses: npt.NDArray[np.bool_] | None = None
    #: True where a sentence of one unit restates one of the other (see :mod:`.restatement`), or None.
    restatements: npt.NDArray[np.bool_] | None = None
    #: Source unit x source unit: True for twins in two source instruments (see
    #: :func:`twin_units`), or None.
    twins: npt.NDArray[np.bool_] | None = None

    @property
    def combined(self) -> FloatMatrix:
        return (self.similarity + self.weighted) / 2.0


def _lcs_measures(
    targets: Sequence[str], sources: Sequence[str], t_len: IntVector, s_len: IntVector, workers: int
) -> tuple[FloatMatrix, FloatMatrix, FloatMatrix]:
    distance = process.cdist(targets, sources, scorer=Indel.distance, dtype=np.int32, workers=workers)
    total = t_len[:, None] + s_len[None, :]
    lcs = (total - distance.astype(np.int64)) / 2.0
    similarity = 200.0 * lcs / np.maximum(total, 1)
    target_cov = 100.0 * lcs / np.maximum(t_len[:, None], 1)
    source_cov = 100.0 * lcs / np.maximum(s_len[None, :], 1)
    return similarity, target_cov, source_cov


def _token_pairs(encoded: Sequence[str]) -> tuple[IntVector, IntVector]:
    """(unit index, token number) of every distinct token of every unit, as two arrays (no per-cell Python)."""
    codes = "".join(encoded)
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    rows = np.repeat(np.arange(len(encoded), dtype=np.int64), [len(text) for text in encoded])
    numbers = np.frombuffer(codes.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    numbers -= np.where(numbers >= _SURROGATES.stop, len(_SURROGATES), 0)
    numbers -= _FIRST_CODE
    width = int(numbers.max()) + 1
    flat = np.unique(rows * width + numbers)
    return flat // width, flat % width


def shared_weight(
    t_pairs: tuple[IntVector, IntVector],
    s_pairs: tuple[IntVector, IntVector],
    weights: FloatVector,
    shape: tuple[int, int],
) -> FloatMatrix:
    """Target x source: the summed ``weights`` of the tokens each pair shares.

    ``*_pairs`` are (unit index, token number) arrays with each token once per unit; the
    sum runs over the matches found by joining them on the token (units share few tokens
    each, so this is much less work than a product of dense unit x token matrices).
    """
    t_rows, t_tokens = t_pairs
    s_cols, s_tokens = s_pairs
    order = np.argsort(s_tokens, kind="stable")
    s_sorted, s_cols = s_tokens[order], s_cols[order]
    low = np.searchsorted(s_sorted, t_tokens, side="left")
    counts = np.searchsorted(s_sorted, t_tokens, side="right") - low
    total = int(counts.sum())
    firsts = np.repeat(low - (np.cumsum(counts) - counts), counts) + np.arange(total)
    cells = np.repeat(t_rows, counts) * shape[1] + s_cols[firsts]
    shared = np.bincount(cells, np.repeat(weights[t_tokens], counts), minlength=shape[0] * shape[1])
    result: FloatMatrix = shared.reshape(shape).astype(np.float64)
    return result


def idf_weights(encoded: Sequence[str], vocabulary_size: int) -> FloatVector:
    """Smoothed inverse document frequency of every token over ``encoded`` units.

    ``log((n + 1) / (df + 0.5))`` with ``n`` units and ``df`` the number of units that
    contain the token: a token every unit uses weighs little, a rare one a lot.
    """
    frequency = np.bincount(_token_pairs(encoded)[1], minlength=vocabulary_size)
    idf: FloatVector = np.log((len(encoded) + 1.0) / (frequency + 0.5))
    return idf


def _weighted_measures(
    targets: Sequence[str], sources: Sequence[str], vocabulary_size: int, idf: FloatVector | None = None
) -> tuple[FloatMatrix, FloatMatrix, FloatMatrix]:
    """IDF-weighted Dice similarity and coverages (0-100) of the units' token sets.

    ``idf`` defaults to the weights over ``targets`` + ``sources``; pass the weights of
    a larger pool to score a few units as they score inside that pool.
    """
    t_pairs, s_pairs = _token_pairs(targets), _token_pairs(sources)
    if idf is None:
        frequency = np.bincount(np.concatenate([t_pairs[1], s_pairs[1]]), minlength=vocabulary_size)
        idf = np.log((len(targets) + len(sources) + 1.0) / (frequency + 0.5))
    mass_t = np.bincount(t_pairs[0], idf[t_pairs[1]], minlength=len(targets))[:, None]
    mass_s = np.bincount(s_pairs[0], idf[s_pairs[1]], minlength=len(sources))[None, :]
    shared = shared_weight(t_pairs, s_pairs, idf, (len(targets), len(sources)))
    weighted = 200.0 * shared / np.maximum(mass_t + mass_s, 1e-9)
    return weighted, 100.0 * shared / np.maximum(mass_t, 1e-9), 100.0 * shared / np.maximum(mass_s, 1e-9)


def weighted_measures(
    targets: Sequence[str], sources: Sequence[str], vocabulary_size: int
) -> tuple[FloatMatrix, FloatMatrix, FloatMatrix]:
    """IDF-weighted similarity, target coverage and source coverage (0-100) of encoded token sets."""
    if len(targets) == 0 or len(sources) == 0:
        empty = np.zeros((len(targets), len(sources)), dtype=np.float64)
        return empty, empty, empty
    return _weighted_measures(targets, sources, vocabulary_size)


def heading_similarity(targets: Sequence[str], sources: Sequence[str], vocabulary: Vocabulary) -> FloatMatrix:
    """IDF-weighted Dice similarity of encoded headings (0-100)."""
    if len(targets) == 0 or len(sources) == 0:
        return np.zeros((len(targets), len(sources)), dtype=np.float64)
    return _weighted_measures(targets, sources, len(vocabulary))[0]


def semantic_similarity(
    target_vectors: Sequence[Sequence[float] | None], source_vectors: Sequence[Sequence[float] | None]
) -> FloatMatrix:
    """Cosine similarity x 100 of every target vector with every source vector (one product).

    Vectors are normalised here (callers need not pass unit-length ones).  A unit without
    a vector (``None``, or all zeros) scores 0 against everything, so it never carries
    semantic evidence.
    """
    vectors = [v for v in (*target_vectors, *source_vectors) if v is not None]
    dimension = len(vectors[0]) if vectors else 0
    if any(len(v) != dimension for v in vectors):
        raise ValueError("embedding vectors must all have the same length")

    def matrix(rows: Sequence[Sequence[float] | None]) -> FloatMatrix:
        out = np.zeros((len(rows), dimension), dtype=np.float64)
        present = [index for index, row in enumerate(rows) if row is not None]
        if present and dimension:
            out[present] = np.asarray([rows[index] for index in present], dtype=np.float64)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        result: FloatMatrix = np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)
        return result

    cosine: FloatMatrix = 100.0 * (matrix(target_vectors) @ matrix(source_vectors).T)
    return cosine


def score(
    targets: Sequence[str],
    sources: Sequence[str],
    vocabulary: Vocabulary,
    workers: int = -1,
    idf: FloatVector | None = None,
) -> ScoreMatrices:
    """All-pairs measures of content-token strings encoded with ``vocabulary``.

    The IDF weights are those of ``targets`` + ``sources`` unless ``idf`` is given (see
    :func:`idf_weights`): a curated pair is scored with its comparison's weights.
    """
    t_len = np.fromiter((len(t) for t in targets), dtype=np.int64, count=len(targets))
    s_len = np.fromiter((len(s) for s in sources), dtype=np.int64, count=len(sources))
    if len(targets) == 0 or len(sources) == 0:
        empty = np.zeros((len(targets), len(sources)), dtype=np.float64)
        return ScoreMatrices(empty, empty, empty, empty, empty, empty, t_len, s_len)
    similarity, target_cov, source_cov = _lcs_measures(targets, sources, t_len, s_len, workers)
    weighted, weighted_t, weighted_s = _weighted_measures(targets, sources, len(vocabulary), idf)
    return ScoreMatrices(similarity, target_cov, source_cov, weighted, weighted_t, weighted_s, t_len, s_len)


def cross_instrument_similarity(encoded: Sequence[str], instruments: Sequence[str], workers: int = -1) -> FloatMatrix:
    """Unit x unit LCS similarity (0-100) of units of *different* instruments (0 within one, and for empty units)."""
    similarity = np.zeros((len(encoded), len(encoded)), dtype=np.float64)
    groups: dict[str, list[int]] = {}
    for index, name in enumerate(instruments):
        groups.setdefault(name, []).append(index)
    names = list(groups)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            rows, cols = groups[first], groups[second]
            block = 100.0 * process.cdist(
                [encoded[r] for r in rows],
                [encoded[c] for c in cols],
                scorer=Indel.normalized_similarity,
                workers=workers,
            )
            similarity[np.ix_(rows, cols)] = block
            similarity[np.ix_(cols, rows)] = block.T
    empty = np.array([len(e) == 0 for e in encoded], dtype=np.bool_)
    similarity[empty, :] = 0.0
    similarity[:, empty] = 0.0
    return similarity


def shared_across_instruments(similarity: FloatMatrix, threshold: float) -> npt.NDArray[np.bool_]:
    """Which units have a near-identical twin (>= ``threshold``, 0-100) in another instrument.

    ``similarity`` is :func:`cross_instrument_similarity`'s matrix.
    """
    hit: npt.NDArray[np.bool_] = (similarity >= threshold) & (similarity > 0)
    result: npt.NDArray[np.bool_] = np.any(hit, axis=1)
    return result


def twin_units(similarity: FloatMatrix, threshold: float) -> npt.NDArray[np.bool_]:
    """Unit x unit: True for two units of different instruments that are each other's most
    similar unit there and reach ``threshold`` (0-100): one instrument restating the other
    (the TIP Protocol's paragraphs that copy UNTOC's).  ``similarity`` as above."""
    if similarity.size == 0:
        return np.zeros(similarity.shape, dtype=np.bool_)
    best = similarity.max(axis=1)
    result: npt.NDArray[np.bool_] = (
        (similarity >= best[:, None]) & (similarity >= best[None, :]) & (similarity >= threshold) & (similarity > 0)
    )
    return result
