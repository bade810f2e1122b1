"""Compare one chosen pair of units: what a curator's hand-made link is scored and diffed with."""

from __future__ import annotations

from rapidfuzz.distance import Indel

from .classify import classify
from .engine import content_tokens, table_for
from .normalise import normalise_with
from .params import DEFAULT_PARAMS, AlignmentParams
from .score import Vocabulary
from .types import Link, Unit


def compare_units(target: Unit, source: Unit, params: AlignmentParams = DEFAULT_PARAMS) -> Link:
    """The link ``source`` -> ``target`` as the engine would build it, scored by content-token LCS."""
    table = table_for(params)
    target_text = normalise_with(target.text, table)
    source_text = normalise_with(source.text, table)
    vocabulary = Vocabulary()
    encoded_t = vocabulary.encode(content_tokens(target_text))
    encoded_s = vocabulary.encode(content_tokens(source_text))
    score = 100.0 * Indel.normalized_similarity(encoded_t, encoded_s)
    return classify(target, source, target_text, source_text, score, params)
