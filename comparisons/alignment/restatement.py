"""Restated sentences: one obligation said again in other words.

A drafter who rewrites a provision often keeps its core sentence and changes the
words around it: the Council of Europe's "protect the private life and identity of
victims" is the TIP Protocol's "protect the privacy and identity of victims", stripped
of its qualifiers and followed by a sentence of its own on personal data.  Scored as
whole paragraphs the two share little; scored sentence by sentence, with the legal
synonyms of a small thesaurus folded together and each instrument's own boilerplate
left out, one sentence lies wholly inside the other.

So every sentence of a unit (a provision's text, cut after ``.``, ``;`` or ``:``) is
reduced to its *distinctive concepts*:

* the normalised content tokens (as scores use them), after the concept equivalences of
  :data:`~.equivalences.DEFAULT_CONCEPT_EQUIVALENCES` (a thesaurus, as data: *private
  life* and *privacy*, *judicial* and *court* proceedings, *repatriation* and *return*
  ...) have mapped each group of synonyms to one concept;
* less the instrument's boilerplate: the concepts found in more than
  ``restatement_boilerplate_share`` of its units ("measures", "victims", "offences",
  "domestic law" ... differ per instrument and say nothing about which provision it is).

A target sentence and a source sentence with at least ``restatement_min_tokens``
distinctive concepts each are a *restatement* when

* one lies inside the other: at least ``restatement_coverage`` % of its IDF-weighted
  concepts are in the other,
* they are each other's best match on that measure among all sentences of the
  comparison, and
* they lead the best sentence of any *other* unit by ``restatement_margin`` points on
  both sides (a sentence that several provisions could have given has no clear source).

The linker treats a restatement like a copied clause: its own evidence, kept against
a lexically stronger rival.  It needs no embeddings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from .clauses import clear_best_pairs
from .equivalences import DEFAULT_CONCEPT_EQUIVALENCES, PhraseRule
from .normalise import NormalisedText, alternation_on_tokens, combinable, rule_of
from .params import AlignmentParams
from .score import Vocabulary, weighted_measures
from .types import Unit

BoolMatrix = npt.NDArray[np.bool_]
FloatMatrix = npt.NDArray[np.float64]
Content = Callable[[tuple[str, ...]], Sequence[str]]

#: Where a unit's text is cut into sentences: line breaks (one provision per line) and
#: the space after a full stop, semicolon or colon (as :meth:`NormalisedText.sentence_tokens`).
_SENTENCE_BREAK = re.compile(r"(?<=[.;:])\s+|\n")


def sentences(text: str) -> list[str]:
    """The sentences of a raw text (see :data:`_SENTENCE_BREAK`), blank ones dropped."""
    return [part for part in _SENTENCE_BREAK.split(text) if part.strip()]


@lru_cache(maxsize=16)
def _thesaurus(rules: tuple[PhraseRule, ...]) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """The concept rules as passes over space-joined tokens: one alternation (first listed wins), or
    one pass per rule, in order, where the rules cannot share one pattern (see :func:`.combinable`)."""
    if not rules:
        return ()
    if combinable(pattern for pattern, _r in rules):
        return (alternation_on_tokens(rules),)
    return tuple(alternation_on_tokens([rule]) for rule in rules)


def _apply(pattern: re.Pattern[str], replacements: tuple[str, ...], text: str) -> str:
    """``text`` with each match replaced (a match takes the space before its first token: put it back)."""
    return pattern.sub(lambda m: " " + replacements[rule_of(m)], text)


#: Joins the sentences of a comparison into one string for the thesaurus (no rule can
#: match across it: rules match whole tokens and no word normalises to it).
_SEPARATOR = " §| "


def concepts_of(
    sentences: Sequence[tuple[str, ...]], rules: tuple[PhraseRule, ...], content: Content
) -> list[frozenset[str]]:
    """The concepts of each sentence's normalised tokens: the thesaurus applied (its passes run
    over all the sentences at once), then the content tokens scores use."""
    passes = _thesaurus(rules)
    if not passes:
        return [frozenset(content(tokens)) for tokens in sentences]
    mapped = " " + _SEPARATOR.join(" ".join(tokens) for tokens in sentences) + " "
    for pattern, replacements in passes:
        mapped = _apply(pattern, replacements, mapped)
    return [frozenset(content(tuple(piece.split()))) for piece in mapped[1:-1].split(_SEPARATOR)]


def restated_sentences(
    target_units: Sequence[Unit],
    source_units: Sequence[Unit],
    target_texts: Sequence[NormalisedText],
    source_texts: Sequence[NormalisedText],
    content: Content,
    params: AlignmentParams,
) -> BoolMatrix:
    """Target unit x source unit: True where a sentence of one restates a sentence of the other.

    ``*_texts`` are the units' normalised texts; ``content`` turns tokens into the content
    tokens scores use.
    """
    result = np.zeros((len(target_units), len(source_units)), dtype=np.bool_)
    if params.restatement_coverage > 100.0 or not target_units or not source_units:
        return result
    rules = params.extra_concept_equivalences + (
        DEFAULT_CONCEPT_EQUIVALENCES if params.use_default_equivalences else ()
    )
    units = [*target_units, *source_units]
    split_texts = [text.sentence_tokens() for text in (*target_texts, *source_texts)]
    flat = iter(concepts_of([tokens for pieces in split_texts for tokens in pieces], rules, content))
    per_unit = [[next(flat) for _ in pieces] for pieces in split_texts]
    boilerplate = _boilerplate(units, per_unit, params.restatement_boilerplate_share)
    vocabulary = Vocabulary()
    encoded: list[str] = []
    owners: list[int] = []
    for index, (unit, unit_sentences) in enumerate(zip(units, per_unit, strict=True)):
        common = boilerplate[unit.instrument]
        for sentence in unit_sentences:
            distinctive = sentence - common
            if len(distinctive) >= params.restatement_min_tokens:
                encoded.append(vocabulary.encode(sorted(distinctive)))
                owners.append(index)
    split = len(target_units)
    owner = np.asarray(owners, dtype=np.int64)
    is_target = owner < split
    if not is_target.any() or is_target.all():
        return result
    targets = [e for e, t in zip(encoded, is_target, strict=True) if t]
    sources = [e for e, t in zip(encoded, is_target, strict=True) if not t]
    # One sentence inside the other: the IDF-weighted coverage of the smaller side.
    _similarity, inside_t, inside_s = weighted_measures(targets, sources, len(vocabulary))
    inside = np.maximum(inside_t, inside_s)
    return clear_best_pairs(
        inside,
        owner[is_target],
        owner[~is_target] - split,
        params.restatement_coverage,
        params.restatement_margin,
        result.shape,
    )


def _boilerplate(
    units: Sequence[Unit], per_unit: Sequence[Sequence[frozenset[str]]], share: float
) -> dict[str, frozenset[str]]:
    """Per instrument, the concepts found in more than ``share`` of its units (and in more than one)."""
    counts: dict[str, Counter[str]] = {}
    sizes: Counter[str] = Counter()
    for unit, unit_sentences in zip(units, per_unit, strict=True):
        sizes[unit.instrument] += 1
        counts.setdefault(unit.instrument, Counter()).update(frozenset().union(*unit_sentences))
    return {
        name: frozenset(concept for concept, n in seen.items() if n > max(share * sizes[name], 1.0))
        for name, seen in counts.items()
    }
