"""Corresponding articles: a target article and a source article nearest each other in meaning.

A lawyer comparing two treaties matches articles before paragraphs.  The Council of
Europe's "Previous convictions" (art. 25) is UNTOC's "Establishment of criminal record"
(art. 22) although the two share few words; no paragraph-level rule sees that, but the
articles, read whole and by their headings, are each other's nearest in meaning.

An article's meaning here is the mean of its units' embedding vectors (its content) and
the embedding of its heading; two articles' similarity is the mean of the two cosines.
A target article and a source article *correspond* when each is the other's most
similar article.  The rule of :mod:`.link` that uses this (``article_min_score``) then
looks inside such a pair for paragraphs nearest each other in meaning.

Both halves are needed: an article without a heading vector corresponds to nothing.
Content alone pairs articles that share a subject but not a function (on the labelled
sample it linked CoE 27(1), *ex parte* proceedings, to UNTOC 11(2), discretionary
prosecution), and a heading alone is a few words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .types import Unit

BoolMatrix = npt.NDArray[np.bool_]
Vector = Sequence[float]


def article_keys(units: Sequence[Unit]) -> npt.NDArray[np.int64]:
    """Each unit's article as a small integer, numbered in order of first appearance."""
    keys: dict[tuple[str, str], int] = {}
    return np.array([keys.setdefault((u.instrument, u.article_eid), len(keys)) for u in units], dtype=np.int64)


def heading_text(unit: Unit) -> str:
    """The text a unit's article heading vector is looked up by ("" when the article has no heading)."""
    return unit.heading.strip()


def heading_texts(units: Sequence[Unit]) -> list[str]:
    """The distinct heading texts of the units' articles, sorted: what ``heading_embeddings`` needs."""
    return sorted({text for unit in units if (text := heading_text(unit))})


def _unit_rows(vectors: Sequence[Vector | None]) -> npt.NDArray[np.float64]:
    width = next((len(v) for v in vectors if v is not None), 0)
    return np.array([v if v is not None else np.zeros(width) for v in vectors], dtype=np.float64).reshape(
        len(vectors), width
    )


def _normalised(matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    result: npt.NDArray[np.float64] = matrix / np.where(norms > 0, norms, 1.0)
    return result


def _articles(
    units: Sequence[Unit], vectors: Sequence[Vector | None], headings: Mapping[str, Vector]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Article keys, content vectors, heading vectors, and which articles have both vectors."""
    keys = article_keys(units)
    count = int(keys.max()) + 1 if len(keys) else 0
    rows = _unit_rows(vectors)
    content = np.zeros((count, rows.shape[1]), dtype=np.float64)
    np.add.at(content, keys, rows)
    heading_of: dict[int, str] = {}
    for key, unit in zip(keys.tolist(), units, strict=True):
        heading_of.setdefault(key, heading_text(unit))
    heading_rows = [headings.get(heading_of[key]) if heading_of[key] else None for key in range(count)]
    usable = np.array([row is not None for row in heading_rows], dtype=np.bool_)
    usable &= np.linalg.norm(content, axis=1) > 0
    return keys, _normalised(content), _normalised(_unit_rows(heading_rows)), usable


def corresponding_articles(
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    target_vectors: Sequence[Vector | None],
    source_vectors: Sequence[Vector | None],
    headings: Mapping[str, Vector],
) -> BoolMatrix:
    """Unit x unit: True where the two units' articles are each other's nearest in meaning.

    ``target_vectors`` / ``source_vectors`` are the units' embeddings (``None`` for a unit
    without one); ``headings`` maps a heading's text to the embedding of that text.
    Only articles with a heading vector and at least one unit vector take part.
    """
    shape = (len(target_units), len(source_units))
    if not target_units or not source_units:
        return np.zeros(shape, dtype=np.bool_)
    t_keys, t_content, t_heads, t_usable = _articles(target_units, target_vectors, headings)
    s_keys, s_content, s_heads, s_usable = _articles(source_units, source_vectors, headings)
    eligible = t_usable[:, None] & s_usable[None, :]
    if not eligible.any():
        return np.zeros(shape, dtype=np.bool_)
    similarity = np.where(eligible, (t_content @ s_content.T + t_heads @ s_heads.T) / 2.0, -np.inf)
    mutual = (
        (similarity >= similarity.max(axis=1, keepdims=True))
        & (similarity >= similarity.max(axis=0, keepdims=True))
        & eligible
    )
    result: BoolMatrix = mutual[t_keys[:, None], s_keys[None, :]]
    return result
