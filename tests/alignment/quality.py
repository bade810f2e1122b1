"""Score the engine against the labelled sample: precision, recall, F1, relation accuracy.

Run ``python -m tests.alignment.quality`` from the repository root for a report,
``python -m tests.alignment.quality --bootstrap`` for 95% intervals (whole labelled
target units resampled), and ``python -m tests.alignment.quality --held-out`` for the
held-out check: the structural thresholds are chosen by a small grid search on one
comparison only, then the chosen values are scored on the other comparison (both
directions).  ``python -m tests.alignment.quality --agreement`` compares the labelled
sample with an independent second reading (:mod:`.second_reading`) and scores the engine
against both.  Add ``--semantic`` to
any to pass the engine sentence embeddings computed by ``comparisons.semantic`` (the
vectors are cached in a temporary file keyed by a hash of model and text, never in the
repository); the held-out grid then searches the semantic thresholds too.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any

from comparisons.alignment import AlignmentParams, AlignmentResult, Unit, align, build_units, heading_texts
from comparisons.alignment.params import DEFAULT_PARAMS

from .corpus import load_instrument
from .labelled_sample import SAMPLE, LabelledComparison

#: The least precision, recall and F1 the tests accept per comparison, aligning on wording
#: alone and with the meaning (embedding) signal.  The CoE recall floors are lower than
#: before the recall review of issue 14 because that review added six links the sample
#: had missed (restatements in the victim-protection articles), not because the engine
#: finds fewer.
FLOORS = {
    "wording": {"coe-trafficking": (0.95, 0.70, 0.81), "smuggling-protocol": (0.97, 0.86, 0.92)},
    "meaning": {"coe-trafficking": (0.97, 0.86, 0.91), "smuggling-protocol": (0.97, 0.92, 0.95)},
}


def below_floor(quality: Quality, signal: str) -> list[str]:
    """The measures of ``quality`` (one comparison's) under their :data:`FLOORS` for ``signal``."""
    floors = dict(zip(("precision", "recall", "f1"), FLOORS[signal][quality.name], strict=True))
    measured = {name: getattr(quality, name) for name in floors}
    return [f"{name} {measured[name]:.3f} < {floor}" for name, floor in floors.items() if measured[name] < floor]


@dataclass(frozen=True)
class Quality:
    name: str
    gold_links: int
    predicted: int
    true_positive: int
    relation_correct: int
    false_positives: tuple[tuple[str, str], ...]
    false_negatives: tuple[tuple[str, str], ...]
    wrong_relations: tuple[tuple[str, str, str, str], ...]
    #: Documented look-alike pairs (``LabelledComparison.negatives``) the engine linked.
    trapped: tuple[tuple[str, str], ...] = ()

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold_links if self.gold_links else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def relation_accuracy(self) -> float:
        return self.relation_correct / self.true_positive if self.true_positive else 1.0


Embeddings = Mapping[str, Sequence[float]]

#: Where ``embeddings_for`` keeps vectors between runs (a temp file, never committed).
EMBEDDING_CACHE = Path(
    os.environ.get("NORMDIFF_EMBEDDING_CACHE") or Path(tempfile.gettempdir()) / "normdiff-vectors.json"
)


def _text_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


def _cached_vectors(texts: Sequence[str]) -> dict[str, list[float]]:
    """Text -> embedding of the text (cached in ``EMBEDDING_CACHE``)."""
    from comparisons.semantic import MODEL_NAME, encode_units

    try:
        cache: dict[str, list[float]] = json.loads(EMBEDDING_CACHE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    keys = {text: _text_key(MODEL_NAME, text) for text in texts}
    missing = sorted({key: text for text, key in keys.items() if key not in cache}.items())
    if missing:
        vectors = encode_units([text for _key, text in missing])
        cache.update({key: vector for (key, _text), vector in zip(missing, vectors, strict=True)})
        EMBEDDING_CACHE.write_text(json.dumps(cache), encoding="utf-8")
    return {text: cache[key] for text, key in keys.items()}


def _units(slugs: tuple[str, ...]) -> list[Unit]:
    return [u for slug in slugs for u in build_units(load_instrument(slug))]


def embeddings_for(comparison: LabelledComparison) -> dict[str, list[float]]:
    """Unit ref -> embedding of the unit's text, for every unit of the comparison (cached)."""
    units = _units((comparison.target, *comparison.sources))
    vectors = _cached_vectors([u.text for u in units])
    return {u.ref: vectors[u.text] for u in units}


def heading_embeddings_for(comparison: LabelledComparison) -> dict[str, list[float]]:
    """Article heading -> embedding of the heading, for every heading of the comparison (cached)."""
    return _heading_vectors((comparison.target, *comparison.sources))


@lru_cache(maxsize=8)
def _heading_vectors(slugs: tuple[str, ...]) -> dict[str, list[float]]:
    return _cached_vectors(heading_texts(_units(slugs)))


def run(
    comparison: LabelledComparison, params: AlignmentParams = DEFAULT_PARAMS, embeddings: Embeddings | None = None
) -> AlignmentResult:
    """Align the comparison; with ``embeddings``, its headings' embeddings are passed too."""
    target = load_instrument(comparison.target)
    sources = [load_instrument(slug) for slug in comparison.sources]
    headings = heading_embeddings_for(comparison) if embeddings is not None else None
    return align(target, sources, params, embeddings=embeddings, heading_embeddings=headings)


def evaluate(comparison: LabelledComparison, result: AlignmentResult, name: str = "") -> Quality:
    prefix = comparison.target + "/"
    labelled = comparison.labelled_targets
    ignored = set(comparison.uncertain_pairs)
    predicted: dict[tuple[str, str], str] = {}
    for link in result.links:
        eid = link.target_ref.removeprefix(prefix)
        if eid in labelled and (eid, link.source_ref) not in ignored:
            predicted[(eid, link.source_ref)] = link.relation
    gold = comparison.links
    hits = [pair for pair in predicted if pair in gold]
    wrong = tuple((t, s, gold[(t, s)], predicted[(t, s)]) for t, s in hits if gold[(t, s)] != predicted[(t, s)])
    return Quality(
        name=name or comparison.target,
        gold_links=len(gold),
        predicted=len(predicted),
        true_positive=len(hits),
        relation_correct=len(hits) - len(wrong),
        false_positives=tuple(sorted(pair for pair in predicted if pair not in gold)),
        false_negatives=tuple(sorted(pair for pair in gold if pair not in predicted)),
        wrong_relations=wrong,
        trapped=tuple(sorted(pair for pair in comparison.negatives if pair in predicted)),
    )


def evaluate_all(params: AlignmentParams = DEFAULT_PARAMS, semantic: bool = False) -> list[Quality]:
    return [evaluate(c, run(c, params, embeddings_for(c) if semantic else None)) for c in SAMPLE]


def combined(qualities: list[Quality]) -> Quality:
    return Quality(
        name="all",
        gold_links=sum(q.gold_links for q in qualities),
        predicted=sum(q.predicted for q in qualities),
        true_positive=sum(q.true_positive for q in qualities),
        relation_correct=sum(q.relation_correct for q in qualities),
        false_positives=tuple(p for q in qualities for p in q.false_positives),
        false_negatives=tuple(p for q in qualities for p in q.false_negatives),
        wrong_relations=tuple(w for q in qualities for w in q.wrong_relations),
        trapped=tuple(t for q in qualities for t in q.trapped),
    )


def _row(q: Quality) -> str:
    return (
        f"{q.name:22} {q.gold_links:4} {q.predicted:4} {q.true_positive:4} "
        f"{q.precision:6.3f} {q.recall:6.3f} {q.f1:6.3f} {q.relation_accuracy:7.3f}"
    )


HEADER = f"{'comparison':22} {'gold':>4} {'pred':>4} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6} {'rel.acc':>7}"


def report(params: AlignmentParams = DEFAULT_PARAMS, semantic: bool = False) -> str:
    qualities = evaluate_all(params, semantic)
    lines = [HEADER, *(_row(q) for q in [*qualities, combined(qualities)])]
    for q in qualities:
        negatives = next(c for c in SAMPLE if c.target == q.name).negatives
        lines.append(f"  {q.name}: {len(q.trapped)} of {len(negatives)} documented look-alike pairs linked")
    for q in qualities:
        for t, s in q.false_positives:
            lines.append(f"  FP {q.name}: {t} <- {s}")
        for t, s in q.false_negatives:
            lines.append(f"  FN {q.name}: {t} <- {s}")
        for t, s, want, got in q.wrong_relations:
            lines.append(f"  REL {q.name}: {t} <- {s}: labelled {want}, engine {got}")
    return "\n".join(lines)


#: The structural thresholds searched in the held-out check (engine 1.1 additions and
#: the two context/mutual-best knobs they interact with).
HELD_OUT_GRID: dict[str, tuple[float, ...]] = {
    "context_min_score": (33.0, 30.0, 27.0),
    "gap_min_score": (101.0, 15.0, 12.0, 10.0),
    "heading_weight": (5.0, 12.0),
    "coverage_max_length_ratio": (1000.0, 5.0),
}


#: Searched as well with ``--semantic`` (101 disables a rule).
SEMANTIC_GRID: dict[str, tuple[Any, ...]] = {
    "semantic_min_similarity": (101.0, 72.0, 68.0, 65.0),
    "semantic_min_score": (30.0, 25.0, 20.0),
    "semantic_context_min_score": (101.0, 18.0),
    "semantic_overrules_mutual": (False, True),
}


def held_out(base: AlignmentParams = DEFAULT_PARAMS, semantic: bool = False) -> str:
    """Calibrate on one comparison, evaluate on the other (both directions).

    With ``semantic`` the structural and semantic thresholds are searched together, and
    then the semantic thresholds alone with the structural ones at their defaults.
    """
    if not semantic:
        return _held_out(base, HELD_OUT_GRID, None)
    vectors = [embeddings_for(c) for c in SAMPLE]
    return "\n".join(
        [
            "structural + semantic thresholds searched:",
            _held_out(base, {**HELD_OUT_GRID, **SEMANTIC_GRID}, vectors),
            "semantic thresholds only (structural ones at their defaults):",
            _held_out(base, SEMANTIC_GRID, vectors),
        ]
    )


def _held_out(base: AlignmentParams, axes: Mapping[str, Sequence[Any]], vectors: Sequence[Embeddings] | None) -> str:
    names = list(axes)
    grid: list[dict[str, Any]] = [dict(zip(names, values, strict=True)) for values in product(*axes.values())]
    per_comparison = vectors if vectors is not None else [None] * len(SAMPLE)
    scores: list[tuple[dict[str, Any], list[Quality]]] = []
    for values in grid:
        params = replace(base, **values)
        qualities = [evaluate(c, run(c, params, v)) for c, v in zip(SAMPLE, per_comparison, strict=True)]
        scores.append((values, qualities))
    lines = []
    for calibrate, held in ((0, 1), (1, 0)):
        # Best F1 on the calibration comparison; ties go to the earliest (most conservative) grid point.
        best = max(range(len(scores)), key=lambda i: (round(scores[i][1][calibrate].f1, 6), -i))
        values, qualities = scores[best]
        tied = [q[held].f1 for v, q in scores if round(q[calibrate].f1, 6) == round(qualities[calibrate].f1, 6)]
        lines.append(f"calibrated on {SAMPLE[calibrate].target}: {values}")
        lines.append("  in-sample " + _row(qualities[calibrate]))
        lines.append("  held-out  " + _row(qualities[held]))
        lines.append(
            f"  ({len(tied)} grid points tie in-sample; held-out F1 over them {min(tied):.3f}-{max(tied):.3f})"
        )
    return "\n".join(lines)


def per_target_counts(comparison: LabelledComparison, result: AlignmentResult) -> list[tuple[int, int, int, int]]:
    """(true positives, predicted, gold, true positives with the labelled relation) per labelled
    target unit, scored as :func:`evaluate` does."""
    prefix = comparison.target + "/"
    ignored = set(comparison.uncertain_pairs)
    predicted: dict[str, dict[str, str]] = {}
    for link in result.links:
        eid = link.target_ref.removeprefix(prefix)
        if (eid, link.source_ref) not in ignored:
            predicted.setdefault(eid, {})[link.source_ref] = link.relation
    gold: dict[str, set[str]] = {}
    for eid, source in comparison.links:
        gold.setdefault(eid, set()).add(source)
    rows = []
    for eid in sorted(comparison.labelled_targets):
        found = predicted.get(eid, {})
        hits = set(found) & gold.get(eid, set())
        right = sum(found[source] == comparison.links[(eid, source)] for source in hits)
        rows.append((len(hits), len(found), len(gold.get(eid, set())), right))
    return rows


def bootstrap(semantic: bool = False, rounds: int = 2000, seed: int = 20261128) -> str:
    """Percentile intervals of P, R, F1 and relation accuracy from resampling the labelled target units.

    Links cluster by target unit (a merge is several links of one unit), so whole units
    are resampled with replacement; the interval says how much the figures could move on
    another sample of provisions drafted the same way.  Each comparison, then both together.
    """
    import numpy as np

    per_comparison = {
        comparison.target: per_target_counts(
            comparison, run(comparison, embeddings=embeddings_for(comparison) if semantic else None)
        )
        for comparison in SAMPLE
    }
    groups = [*per_comparison.items(), ("all", [row for rows in per_comparison.values() for row in rows])]
    lines = []
    for name, rows in groups:
        counts = np.array(rows, dtype=np.float64)
        rng = np.random.default_rng(seed)
        picks = rng.integers(0, len(counts), size=(rounds, len(counts)))
        tp, pred, gold, right = (counts[:, i][picks].sum(axis=1) for i in range(4))
        precision = np.divide(tp, pred, out=np.ones_like(tp), where=pred > 0)
        recall = np.divide(tp, gold, out=np.ones_like(tp), where=gold > 0)
        f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros_like(tp), where=precision + recall > 0)
        accuracy = np.divide(right, tp, out=np.ones_like(tp), where=tp > 0)
        total = counts.sum(axis=0)
        point = (total[0] / total[1], total[0] / total[2])
        lines.append(
            f"{name}: {len(counts)} labelled target units, {int(total[2])} gold links; {rounds} resamples (seed {seed})"
        )
        for measure, values, estimate in (
            ("precision", precision, point[0]),
            ("recall", recall, point[1]),
            ("F1", f1, 2 * point[0] * point[1] / (point[0] + point[1])),
            ("rel.acc", accuracy, total[3] / total[0]),
        ):
            low, high = np.percentile(values, [2.5, 97.5])
            lines.append(f"  {measure:9} {estimate:.3f}  95% interval {low:.3f}-{high:.3f}")
    return "\n".join(lines)


def second_reading(comparison: LabelledComparison, sure_only: bool = False) -> LabelledComparison:
    """The second reading of ``comparison`` as a labelled comparison (relations: the first reading's, else modified)."""
    from .second_reading import SECOND_READING, SURE

    reading = SECOND_READING[comparison.target]
    pairs = {
        (eid, ref)
        for eid, sources in reading.items()
        for ref, confidence in sources
        if confidence == SURE or not sure_only
    }
    return LabelledComparison(
        target=comparison.target,
        sources=comparison.sources,
        links={pair: comparison.links.get(pair, "modified") for pair in sorted(pairs)},
        added=tuple(eid for eid in reading if eid not in {t for t, _ in pairs}),
    )


def target_kappa(first: LabelledComparison, second: LabelledComparison) -> tuple[float, float]:
    """Observed agreement and Cohen's kappa on each target unit's call: derived from something, or added."""
    units = sorted(first.labelled_targets | second.labelled_targets)
    derived_a = {t for t, _ in first.links}
    derived_b = {t for t, _ in second.links}
    n = len(units)
    observed = sum((u in derived_a) == (u in derived_b) for u in units) / n
    share_a, share_b = len(derived_a) / n, len(derived_b) / n
    expected = share_a * share_b + (1 - share_a) * (1 - share_b)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(semantic: bool = False) -> str:
    """How far the two readings agree, and the engine scored against each of them."""
    lines = []
    for comparison in SAMPLE:
        second, sure = second_reading(comparison), second_reading(comparison, sure_only=True)
        first_links, second_links = set(comparison.links), set(second.links)
        extra = second_links - first_links
        uncertain = extra & set(comparison.uncertain_pairs)
        observed, kappa = target_kappa(comparison, second)
        lines += [
            f"{comparison.target}: first reading {len(first_links)} links, second {len(second_links)} "
            f"({len(set(sure.links))} sure)",
            f"  the second reading has {len(first_links & second_links)} of the first's {len(first_links)} links, "
            f"and {len(extra)} more ({len(extra - set(sure.links))} of them 'likely'; "
            f"{len(uncertain)} are pairs the first reading left uncertain)",
            f"  derived-or-added per target unit: agreement {observed:.3f}, Cohen's kappa {kappa:.3f}",
        ]
        both = replace(
            comparison,
            links={pair: relation for pair, relation in comparison.links.items() if pair in second_links},
            uncertain_pairs=tuple(sorted((first_links ^ second_links) | set(comparison.uncertain_pairs))),
        )
        result = run(comparison, embeddings=embeddings_for(comparison) if semantic else None)
        lines.append("  engine scored against:" + " " * 9 + HEADER[22:])
        for name, labels in (
            ("first reading", comparison),
            ("second reading", second),
            ("second, sure only", sure),
            ("links both agree on", both),
        ):
            lines.append("    " + _row(evaluate(labels, result, name)))
    lines.append("(relations were labelled in the first reading only: rel.acc always scores against it)")
    return "\n".join(lines)


if __name__ == "__main__":
    use_semantic = "--semantic" in sys.argv[1:]
    if "--agreement" in sys.argv[1:]:
        print(agreement(semantic=use_semantic))
    elif "--held-out" in sys.argv[1:]:
        print(held_out(semantic=use_semantic))
    elif "--bootstrap" in sys.argv[1:]:
        print(bootstrap(semantic=use_semantic))
    else:
        print(report(semantic=use_semantic))
