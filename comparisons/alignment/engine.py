"""The entry point: align a target instrument with its source instruments.

Pipeline: cut units -> normalise (cached) -> score all pairs in one ``cdist`` call (and,
given embeddings, one cosine matrix product) -> link -> classify and diff the links
only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from .articles import corresponding_articles
from .candidates import CandidateInput, best_unlinked
from .classify import classify, rules_for
from .clauses import clause_pairs
from .equivalences import (
    DEFAULT_PHRASE_EQUIVALENCES,
    DEFAULT_WORD_EQUIVALENCES,
    SCORING_SUFFIXES,
    STOPWORDS,
)
from .evidence import find_evidence
from .link import link
from .normalise import MEMO_LIMIT, EquivalenceTable, NormalisedText, compile_table, normalise_with
from .normalise import clear_caches as _clear_normalise_caches
from .params import DEFAULT_PARAMS, AlignmentParams
from .restatement import restated_sentences
from .score import (
    ScoreMatrices,
    Vocabulary,
    cross_instrument_similarity,
    heading_similarity,
    score,
    semantic_similarity,
    shared_across_instruments,
    twin_units,
)
from .systematic import clear_stems, defined_terms
from .types import AlignmentResult, Instrument, Unit
from .units import build_units

ENGINE_VERSION = "1.6.0"


def table_for(params: AlignmentParams) -> EquivalenceTable:
    """The compiled equivalences of a comparison: its additions first, then the defaults."""
    words = params.extra_word_equivalences
    phrases = params.extra_phrase_equivalences
    if params.use_default_equivalences:
        words += DEFAULT_WORD_EQUIVALENCES
        phrases += DEFAULT_PHRASE_EQUIVALENCES
    return compile_table(words, phrases)


def _scoring_key(token: str) -> str:
    for suffix in SCORING_SUFFIXES:
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            return token[: -len(suffix)]
    return token


class _ContentKeys(dict[str, str]):
    """Each token's scoring key, or "" for a stopword, worked out on first sight: a token
    sequence then becomes its content tokens in C (``map`` and ``filter``), not token by token."""

    def __missing__(self, token: str) -> str:
        if len(self) > MEMO_LIMIT:
            self.clear()
        key = self[token] = "" if token in STOPWORDS else _scoring_key(token)
        return key


_CONTENT_KEYS = _ContentKeys()


@lru_cache(maxsize=8192)
def content_tokens(normalised: NormalisedText) -> tuple[str, ...]:
    """The tokens that decide relatedness: no stopwords, light stemming (cached per text).

    A text made only of stopwords keeps them all, so it can still match itself.
    """
    return content_of(normalised.tokens)


def content_of(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`content_tokens` of a token sequence (a line of a unit, say)."""
    content = tuple(filter(None, map(_CONTENT_KEYS.__getitem__, tokens)))
    return content or tuple(map(_scoring_key, tokens))


def align(
    target: Instrument,
    sources: Sequence[Instrument],
    params: AlignmentParams = DEFAULT_PARAMS,
    *,
    embeddings: Mapping[str, Sequence[float]] | None = None,
    heading_embeddings: Mapping[str, Sequence[float]] | None = None,
) -> AlignmentResult:
    """Find which target units derive from which source units, and how.

    ``embeddings`` (optional) maps unit refs (``"<slug>/<eId>"``) to sentence-embedding
    vectors of the units' text, all from one model (the engine never computes them: see
    ``comparisons.semantic``).  They add the semantic linking rules of :mod:`.link`; a
    unit missing from the mapping simply has no semantic evidence.  Without embeddings
    the result is exactly the lexical engine's.  Relations and diffs stay lexical.
    ``heading_embeddings`` (optional, with ``embeddings``) maps article headings' texts to
    vectors of the same model: it adds the corresponding-articles rule (see
    :mod:`.articles`), which needs both.
    """
    table = table_for(params)
    vocabulary = Vocabulary()  # targets are encoded first, then sources: codes follow that order
    target_side = _prepare(build_units(target), table, vocabulary)
    source_side = _prepare([unit for source in sources for unit in build_units(source)], table, vocabulary)
    matrices = score(target_side.encoded, source_side.encoded, vocabulary, params.workers)
    if params.heading_weight:
        matrices = replace(matrices, headings=_heading_similarity(target_side.units, source_side.units, table))
    if embeddings is not None:
        matrices = _with_meaning(matrices, target_side.units, source_side.units, embeddings, heading_embeddings)
    clauses = clause_pairs(target_side.texts, source_side.texts, content_of, vocabulary, params)
    restatements = restated_sentences(
        target_side.units, source_side.units, target_side.texts, source_side.texts, content_of, params
    )
    matrices = replace(matrices, clauses=clauses, restatements=restatements)
    across = cross_instrument_similarity(source_side.encoded, [u.instrument for u in source_side.units], params.workers)
    shared = shared_across_instruments(across, params.shared_similarity)
    matrices = replace(matrices, twins=twin_units(across, params.twin_similarity))
    # (nothing to find without units on both sides)
    scored = matrices.combined.size > 0
    found = find_evidence(matrices, params, target_side.units, source_side.units, shared) if scored else None
    candidates = link(matrices, target_side.units, source_side.units, params, shared, found)
    rules = rules_for(params, defined_terms(target_side.units, table))
    links = tuple(
        classify(
            target_side.units[c.target],
            source_side.units[c.source],
            target_side.texts[c.target],
            source_side.texts[c.source],
            c.score,
            params,
            c.evidence,
            rules,
        )
        for c in candidates
    )
    linked_targets = {c.target for c in candidates}
    linked_sources = {c.source for c in candidates}
    linked = np.zeros(matrices.combined.shape, dtype=np.bool_)
    for c in candidates:
        linked[c.target, c.source] = True
    offered = best_unlinked(
        matrices,
        linked,
        found,
        CandidateInput(target_side.units, target_side.texts),
        CandidateInput(source_side.units, source_side.texts),
        content_tokens,
        params,
    )
    return AlignmentResult(
        engine_version=ENGINE_VERSION,
        target=target.slug,
        sources=tuple(s.slug for s in sources),
        links=links,
        added=tuple(u.ref for i, u in enumerate(target_side.units) if i not in linked_targets),
        pruned=tuple(u.ref for i, u in enumerate(source_side.units) if i not in linked_sources),
        units=(*target_side.units, *source_side.units),
        candidates=offered,
    )


@dataclass(frozen=True, slots=True)
class _Side:
    """One side of a comparison: its units, their normalised texts and their encoded content tokens."""

    units: Sequence[Unit]
    texts: list[NormalisedText]
    encoded: list[str]


def _prepare(units: Sequence[Unit], table: EquivalenceTable, vocabulary: Vocabulary) -> _Side:
    texts = [normalise_with(u.text, table) for u in units]
    return _Side(units, texts, [vocabulary.encode(content_tokens(n)) for n in texts])


def _heading_similarity(
    target_units: Sequence[Unit], source_units: Sequence[Unit], table: EquivalenceTable
) -> npt.NDArray[np.float64]:
    """How alike each pair's article headings are (the mutual-best rule's corroboration)."""
    headings = Vocabulary()
    heads_t = [headings.encode(content_tokens(normalise_with(u.heading, table))) for u in target_units]
    heads_s = [headings.encode(content_tokens(normalise_with(u.heading, table))) for u in source_units]
    return heading_similarity(heads_t, heads_s, headings)


def _with_meaning(
    matrices: ScoreMatrices,
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    embeddings: Mapping[str, Sequence[float]],
    heading_embeddings: Mapping[str, Sequence[float]] | None,
) -> ScoreMatrices:
    """The cosines of the units' vectors and, with heading vectors too, which articles correspond."""
    target_vectors = [embeddings.get(u.ref) for u in target_units]
    source_vectors = [embeddings.get(u.ref) for u in source_units]
    matrices = replace(matrices, semantic=semantic_similarity(target_vectors, source_vectors))
    if heading_embeddings is None:
        return matrices
    articles = corresponding_articles(target_units, source_units, target_vectors, source_vectors, heading_embeddings)
    return replace(matrices, articles=articles)


def clear_caches() -> None:
    """Forget every memoised normalisation and token list (benchmarks measure cold runs)."""
    _clear_normalise_caches()
    content_tokens.cache_clear()
    _CONTENT_KEYS.clear()
    clear_stems()
