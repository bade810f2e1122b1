"""normdiff's alignment engine: which provisions of a treaty derive from which others, and how.

Pure Python (no Django; needs rapidfuzz and numpy): the Django side converts provisions
to :class:`ProvisionIn`, calls :func:`align` once per comparison and stores the
:class:`AlignmentResult` (pages never align on request).

    result = align(Instrument("coe-trafficking", provisions), [tip, untoc], AlignmentParams())
    result.links      # Link(target_ref, source_ref, relation, score, features, shares, diff)
    result.added      # target unit refs with no source, in document order
    result.pruned     # source unit refs with no target, in document order
    result.candidates # CandidateLink(target_ref, source_ref, side, rank, score, evidence, ...):
                      # the best unlinked pairs of each added and pruned unit, never links

Optional semantic signal: ``align(target, sources, params, embeddings={ref: vector})``
with one precomputed sentence-embedding vector per unit ref (computed once per
provision text by ``comparisons.semantic``, outside this package; the engine only
takes their cosine matrix with numpy).  It adds recall on reworded restatements;
relations and diffs stay lexical.

Modules: ``types`` (values in/out), ``units`` (paragraph units), ``equivalences`` (the
default normalisation tables, as data), ``normalise`` (tokens and atoms), ``score``
(one cdist for all pairs), ``clauses`` (copied subparagraphs and points), ``link``
(many-to-many decisions, the two-source rule), ``classify`` / ``features`` / ``diff``
(relation, explanation, redline), ``systematic`` (the kinds of systematic change an
adopted link differs by), ``candidates`` (what curators are offered for added and
pruned units), ``params`` (thresholds),
``engine`` (the pipeline), ``pair`` (one chosen pair scored and diffed like a machine link).
"""

from .articles import heading_text, heading_texts
from .engine import ENGINE_VERSION, align, clear_caches, content_tokens, table_for
from .equivalences import DEFAULT_PHRASE_EQUIVALENCES, DEFAULT_WORD_EQUIVALENCES
from .evidence import CLOSE_COPY, EVIDENCE_KINDS
from .features import FEATURES
from .normalise import NormalisedText, normalise, normalise_with
from .pair import compare_units
from .params import DEFAULT_PARAMS, AlignmentParams, params_from
from .score import Vocabulary, semantic_similarity
from .systematic import SYSTEMATIC_KINDS
from .types import (
    ADDED,
    ADOPTED,
    LINK_RELATIONS,
    MODIFIED,
    PRUNED,
    RELATIONS,
    AlignmentResult,
    CandidateLink,
    DiffOp,
    Instrument,
    Link,
    ProvisionIn,
    Unit,
)
from .units import build_units, children_of, descendants_text

__all__ = [
    "ADDED",
    "ADOPTED",
    "CLOSE_COPY",
    "DEFAULT_PARAMS",
    "DEFAULT_PHRASE_EQUIVALENCES",
    "DEFAULT_WORD_EQUIVALENCES",
    "ENGINE_VERSION",
    "EVIDENCE_KINDS",
    "FEATURES",
    "LINK_RELATIONS",
    "MODIFIED",
    "PRUNED",
    "RELATIONS",
    "SYSTEMATIC_KINDS",
    "AlignmentParams",
    "AlignmentResult",
    "CandidateLink",
    "DiffOp",
    "Instrument",
    "Link",
    "NormalisedText",
    "ProvisionIn",
    "Unit",
    "Vocabulary",
    "align",
    "build_units",
    "children_of",
    "clear_caches",
    "compare_units",
    "content_tokens",
    "descendants_text",
    "heading_text",
    "heading_texts",
    "normalise",
    "normalise_with",
    "params_from",
    "semantic_similarity",
    "table_for",
]
