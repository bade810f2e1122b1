"""Compare one chosen pair of units: what a curator's hand-made link is scored and diffed with.

The score is the engine's own combined measure (mean of the content-token LCS
similarity and the IDF-weighted vocabulary similarity, see :mod:`.score`), computed by
the same :func:`~.score.score` function on the 1 x 1 case, so a curated link and a
machine link of the same pair are directly comparable.

The IDF weights depend on the pool of units they are counted over.  The engine counts
them over every unit of the comparison (target units + source units); pass those units
as ``context`` (e.g. ``result.units``) and ``compare_units`` gives exactly the score the
engine gave the pair.  Without ``context`` the weights are counted over the two units
alone: the same formula, but shared words then weigh less than in a whole comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

from .classify import classify, rules_for
from .engine import content_tokens, table_for
from .normalise import normalise_with
from .params import DEFAULT_PARAMS, AlignmentParams
from .score import Vocabulary, idf_weights, score
from .systematic import defined_terms
from .types import Link, Unit


def pair_score(
    target: Unit, source: Unit, params: AlignmentParams = DEFAULT_PARAMS, context: Sequence[Unit] = ()
) -> float:
    """The engine's combined score (0-100, one decimal) of ``source`` -> ``target``."""
    table = table_for(params)
    vocabulary = Vocabulary()
    encoded_t = vocabulary.encode(content_tokens(normalise_with(target.text, table)))
    encoded_s = vocabulary.encode(content_tokens(normalise_with(source.text, table)))
    pool = context or (target, source)
    encoded_pool = [vocabulary.encode(content_tokens(normalise_with(u.text, table))) for u in pool]
    idf = idf_weights(encoded_pool, len(vocabulary))
    matrices = score([encoded_t], [encoded_s], vocabulary, params.workers, idf)
    return round(float(matrices.combined[0, 0]), 1)


def compare_units(
    target: Unit, source: Unit, params: AlignmentParams = DEFAULT_PARAMS, *, context: Sequence[Unit] = ()
) -> Link:
    """The link ``source`` -> ``target`` as the engine would build it, with the engine's score.

    ``context``: the units of the comparison (target and source instruments) the IDF
    weights are counted over, and whose target units say which terms the target defines
    (what a systematic change may rely on); give it to reproduce the engine's link exactly.
    """
    table = table_for(params)
    target_text = normalise_with(target.text, table)
    source_text = normalise_with(source.text, table)
    target_units = [unit for unit in context if unit.instrument == target.instrument] or [target]
    rules = rules_for(params, defined_terms(target_units, table))
    score = pair_score(target, source, params, context)
    return classify(target, source, target_text, source_text, score, params, rules=rules)
