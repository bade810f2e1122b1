"""The engine's tunable numbers, in one frozen dataclass.

Defaults were calibrated on the labelled sample in ``tests/alignment/labelled_sample.py``
(CoE Convention <- TIP Protocol + UNTOC, Smuggling Protocol <- TIP Protocol; run
``python -m tests.alignment.quality``).  Scores are on a 0-100 scale and are computed
on *content* tokens (normalised, stopwords and formula placeholders dropped, light
stemming), so shared function words do not make unrelated provisions look alike.

Calibration (engine 1.1): the structural thresholds (``context_min_score``,
``gap_min_score``, ``heading_weight``, ``coverage_max_length_ratio``) were chosen on the
CoE comparison alone by a grid search and then checked, unchanged, on the Smuggling
Protocol comparison (held out); see ``tests/alignment/quality.py --held-out``.
``mutual_min_score`` is the touchy one (30 adds coincidental links such as CoE 36(4) <-
UNTOC 32(2), monitoring bodies that are not derived; 35 loses the reworded CoE 1(1) <-
TIP 2).  ``context_min_score`` below 30 starts linking neighbouring paragraphs of
corresponding articles that are not derived (CoE 12(2) <- TIP 6(4)).

Semantic rules (engine 1.2, only when ``align`` is given embeddings of all-MiniLM-L6-v2,
see ``comparisons.semantic``): the ``semantic_*`` thresholds were chosen on both
comparisons with the structural thresholds fixed; the held-out check
(``tests/alignment/quality.py --held-out --semantic``) calibrates them on one
comparison and scores the other.  The cosine threshold is the touchy one: 65 admits the
Smuggling 10(1) <- TIP 10(1) restatement (cosine 67.8); 72 loses most gains.  The lexical
floor ``semantic_min_score`` keeps topic neighbours with no shared wording out (CoE's
final clauses are close in meaning to the UN ones).

Copied clauses (engine 1.3, see :mod:`.clauses`): ``clause_link_score``,
``clause_margin`` and ``clause_min_tokens`` were set by reading the clause pairs the rule
finds on both comparisons: from a score of 45 to 65, a margin of 5 to 10 and 8 to 10
tokens every pair found is a real derivation (the same single gain, CoE 12(1) <- TIP
6(2), and no false link); a margin of 15 loses it, and 6 tokens with a margin of 5
links CoE 47 (the depositary's notifications) to UNTOC 16(5) (extradition treaties) on
the shared formula for depositing instruments of ratification, acceptance, approval or
accession.

Corresponding articles (engine 1.5, see :mod:`.articles`; needs heading embeddings too):
the rule reuses the cosine threshold ``semantic_min_similarity`` and has one number of
its own, ``article_min_score``, set to the gap rule's floor (12) rather than searched.
On the sample every floor from 5 to 13 gives the same three gains (CoE 23(1) <- UNTOC
11(1), CoE 25 <- UNTOC 22, Smuggling 15(3) <- TIP 9(4)) and no false link; 0 links CoE
39 to TIP 1(1) (the two "relation with" articles, no shared word); 14 loses CoE 23(1)
(score 13.7).  Matching articles on content alone, without headings, linked two pairs
that are not derived, so the rule needs both.

Restated sentences and twin sources (engine 1.6, see :mod:`.restatement` and
:func:`~.evidence.twin_sources`; no embeddings needed), checked on the sample as
relabelled on the recall review: every ``restatement_coverage`` from 70 to 90, every
``restatement_margin`` from 5 to 20 and ``restatement_min_tokens`` from 2 to 4 give the
same two gains (CoE 11(1) <- TIP 6(1), 15(1) <- TIP 6(2)) and no false link; a coverage
of 60 adds four false links, a margin of 0 two on each comparison (CoE 27(1) <- UNTOC
15(1), Smuggling 6(1) <- TIP 5(2)); a boilerplate share of 0.1 loses a gain, 0.3 adds a
false link.  ``twin_similarity`` is the touchy one: 60 gives the one gain (CoE 12(1) <-
UNTOC 25(3), through TIP 6(2)), 70 loses it and 50 twins TIP 11(4), CoE 7(4)'s source, with
UNTOC 34(1) (a false link); ``twin_link_score`` from 12 to 20 gives the same, 30 loses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from .equivalences import PhraseRule, SystematicRule, WordRule


@dataclass(frozen=True, slots=True)
class AlignmentParams:
    """Thresholds and equivalence additions for one comparison.

    Measures (see :mod:`.score`): from one Indel/LCS ``cdist`` on content tokens,
    ``similarity`` = 2·LCS/(len_t+len_s), ``target_coverage`` = LCS/len_t (how much of the
    target the source explains), ``source_coverage`` = LCS/len_s (how much of the source
    survives); the same three on IDF-weighted token sets; ``combined`` = mean of the LCS
    and weighted similarities.  The linking rules are described in :mod:`.link`.
    """

    #: Link when the combined score (mean of LCS similarity and IDF-weighted similarity)
    #: reaches this: copied or lightly edited text.
    link_score: float = 55.0
    #: Link a merge/split when one side's weighted vocabulary is covered this much by the
    #: other, and its word sequence at least ``coverage_min_order`` (clauses may move) ...
    link_coverage: float = 80.0
    coverage_min_order: float = 40.0
    #: ... provided the covered side has at least this many content tokens (short units
    #: are covered by chance) and the combined score reaches ``coverage_min_score``.
    coverage_min_tokens: int = 8
    coverage_min_score: float = 25.0
    #: ... and neither unit is more than this many times longer than the other (a long
    #: list paragraph, such as a laundering offence with its list of forms of
    #: participation, covers any short paragraph on its topic by chance).
    coverage_max_length_ratio: float = 5.0
    #: Link a reworded provision when target and source are each other's best match and
    #: the combined score reaches this.
    mutual_min_score: float = 33.0
    #: For the mutual-best rule only, add up to this many points when the two units'
    #: article headings agree (IDF-weighted heading similarity x weight / 100).
    heading_weight: float = 12.0
    #: Once two articles are linked, another paragraph pair between them is linked from
    #: this score if it keeps document order with a link there (or shares its source
    #: paragraph, a split, or its target paragraph, a merge).
    context_min_score: float = 30.0
    #: A pair sandwiched between two links of the same two articles (one link before it
    #: and one after it, in both documents) is linked from this score: the structure is
    #: the evidence (a reworded middle paragraph of a copied article).
    gap_min_score: float = 12.0
    #: A source paragraph whose wording recurs (similarity >= ``shared_similarity``) in
    #: another source instrument is standard drafting (UN final clauses); a target links
    #: to it only from ``shared_link_score``.
    shared_similarity: float = 80.0
    shared_link_score: float = 60.0
    #: A target linked to several sources keeps the runners-up only within this many
    #: points of its best link (two sources with the same text: TIP copied UNTOC) ...
    multi_source_margin: float = 10.0
    #: ... unless the runner-up's source lies this much inside the target (a merge); and
    #: symmetrically a source keeps extra targets that lie this much inside it (a split).
    merge_coverage: float = 70.0
    #: ... and only while the best link leaves the target (or source) less than this
    #: much covered: a target copied whole from one source is not a merge.
    full_coverage: float = 90.0
    #: Semantic rules (only when ``align`` gets embeddings; see :mod:`.link`).  Cosine
    #: similarities are on the 0-100 scale (cosine x 100).  *Semantic mutual best*: link a
    #: pair whose units are each other's nearest in meaning, from this cosine ...
    semantic_min_similarity: float = 65.0
    #: ... when the lexical score also reaches this (a restatement keeps a few words).
    semantic_min_score: float = 25.0
    #: With embeddings, a pair linked only as a lexical mutual best is dropped when one
    #: of its units is in a semantic mutual-best link with another unit.
    semantic_overrules_mutual: bool = True
    #: *Semantic context*: inside a linked article block, a pair that keeps document order
    #: with a link there is linked from this lexical score when its source is where the
    #: block's links put it (within ``semantic_context_window`` paragraphs) and is the
    #: target's nearest in meaning there, with cosine >= ``semantic_min_similarity``.
    semantic_context_min_score: float = 18.0
    semantic_context_window: int = 2
    #: *Corresponding articles* (see :mod:`.articles`): in a target article and a source
    #: article that are each other's nearest in meaning and that no link joins yet, an
    #: unlinked target paragraph and a source paragraph that are each other's nearest in
    #: meaning there (cosine >= ``semantic_min_similarity``) are linked from this lexical
    #: score: the same floor as ``gap_min_score``, the articles' match being the evidence.
    article_min_score: float = 12.0
    #: *Copied clause* (see :mod:`.clauses`): two provisions inside the units (a chapeau,
    #: a subparagraph, a point) that are each other's best match, score at least
    #: ``clause_link_score`` (101 disables the rule), lead the best clause of any other
    #: unit by ``clause_margin`` points on both sides and have ``clause_min_tokens``
    #: content tokens each link their units as a merge or split component.
    clause_link_score: float = 55.0
    clause_margin: float = 10.0
    clause_min_tokens: int = 8
    #: *Restated sentence* (see :mod:`.restatement`): a sentence of one unit whose
    #: distinctive concepts (thesaurus applied, the instrument's boilerplate left out: the
    #: concepts of more than ``restatement_boilerplate_share`` of its units) lie at least
    #: ``restatement_coverage`` % inside a sentence of the other (101 disables the rule),
    #: each the other's best, leading any other unit's sentences by ``restatement_margin``
    #: points, with ``restatement_min_tokens`` distinctive concepts each.
    restatement_coverage: float = 75.0
    restatement_margin: float = 10.0
    restatement_min_tokens: int = 3
    restatement_boilerplate_share: float = 0.2
    #: *Twin source*: two paragraphs of two source instruments that are each other's most
    #: similar there with an LCS similarity of at least ``twin_similarity`` are twins (one
    #: restates the other: TIP 6(2) and UNTOC 25(3)); a target linked on its own evidence to
    #: one twin is linked to the other from the score ``twin_link_score`` (101 disables).
    twin_similarity: float = 60.0
    twin_link_score: float = 20.0
    #: *Candidates* (see :mod:`.candidates`): each added target unit and each pruned source
    #: unit is offered up to ``candidate_limit`` unlinked pairs (0 offers none) whose
    #: combined score reaches ``candidate_min_score``, or whose units are as close in
    #: meaning as ``semantic_min_similarity``.  They are never links.
    candidate_limit: int = 3
    candidate_min_score: float = 15.0
    #: Scores within this many points count as a tie; ties go to the source whose
    #: relative position in its document is closest to the target's (document order).
    tie_margin: float = 0.5
    #: A link is *adopted* when every change between the two texts is a systematic one (see
    #: :mod:`.systematic`), whatever its size; this also adopts a link where at most this
    #: many normalised tokens differ, whatever they are (0, the default, turns that off: the
    #: kind of a difference decides, not its amount).
    adopted_max_changed_tokens: int = 0
    #: In the word-level diff, an unchanged run of at most this many words between two
    #: changes is folded into the change so a rewritten sentence reads as one change.
    diff_merge_equal_max: int = 2
    #: ``text_added`` / ``text_removed`` are reported from this share of words on (0-1).
    text_change_min_share: float = 0.0
    #: Extra equivalences for this comparison, applied before the defaults.
    extra_word_equivalences: tuple[WordRule, ...] = ()
    extra_phrase_equivalences: tuple[PhraseRule, ...] = ()
    #: Extra concept equivalences (the thesaurus of restated sentences) for this comparison.
    extra_concept_equivalences: tuple[PhraseRule, ...] = ()
    #: Extra systematic changes ``(kind, pattern, replacement)`` for this comparison, applied
    #: before the defaults (see ``equivalences.DEFAULT_SYSTEMATIC_CHANGES``).
    extra_systematic_changes: tuple[SystematicRule, ...] = ()
    #: Set to False to use only the extra equivalences and systematic changes.
    use_default_equivalences: bool = True
    #: Threads for rapidfuzz ``cdist`` (-1 = all cores).
    workers: int = -1

    def __post_init__(self) -> None:
        # Parameters stored as JSON come back with lists: make the rule tables hashable tuples.
        for name in ("extra_word_equivalences", "extra_phrase_equivalences", "extra_concept_equivalences"):
            rules = tuple((str(pattern), str(repl)) for pattern, repl in getattr(self, name))
            object.__setattr__(self, name, rules)
        systematic = tuple(
            (str(kind), str(pattern), str(repl)) for kind, pattern, repl in self.extra_systematic_changes
        )
        object.__setattr__(self, "extra_systematic_changes", systematic)
        for name in (
            "link_score",
            "link_coverage",
            "coverage_min_order",
            "coverage_min_score",
            "mutual_min_score",
            "context_min_score",
            "gap_min_score",
            "shared_similarity",
            "shared_link_score",
            "merge_coverage",
            "full_coverage",
            "semantic_min_similarity",
            "semantic_min_score",
            "semantic_context_min_score",
            "article_min_score",
            "clause_link_score",
            "clause_margin",
            "restatement_coverage",
            "restatement_margin",
            "twin_similarity",
            "twin_link_score",
            "candidate_min_score",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 101.0:
                raise ValueError(f"{name} must be a score between 0 and 100 (101 disables the rule), not {value}")
        if self.coverage_max_length_ratio < 1.0:
            raise ValueError("coverage_max_length_ratio is a ratio of lengths, at least 1")
        if not 0.0 <= self.restatement_boilerplate_share <= 1.0:
            raise ValueError("restatement_boilerplate_share is a share between 0 and 1")
        if not 0.0 <= self.text_change_min_share <= 1.0:
            raise ValueError("text_change_min_share is a share between 0 and 1")
        counts = (
            self.diff_merge_equal_max,
            self.adopted_max_changed_tokens,
            self.coverage_min_tokens,
            self.semantic_context_window,
            self.clause_min_tokens,
            self.restatement_min_tokens,
            self.candidate_limit,
        )
        if any(count < 0 for count in counts):
            raise ValueError("counts of words cannot be negative")


DEFAULT_PARAMS = AlignmentParams()


def params_from(values: Mapping[str, Any], *, strict: bool) -> AlignmentParams:
    """The parameters stored as ``values`` (a comparison's overrides, or what a run used).

    ``strict`` refuses names the engine does not know (a comparison's overrides must all
    mean something); otherwise they are ignored (a run stored by an older engine may name
    thresholds since retired) and parameters added since take their defaults.
    """
    known = {f.name for f in fields(AlignmentParams)}
    unknown = sorted(set(values) - known)
    if strict and unknown:
        raise ValueError(f"unknown alignment parameters: {', '.join(unknown)}")
    return AlignmentParams(**{name: value for name, value in values.items() if name in known})
