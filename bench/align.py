"""Speed of the alignment engine on CoE Convention <- TIP Protocol + UNTOC.

Run: ``.venv/bin/python bench/align.py [--runs 7] [--difflib-runs 1]`` (no Django needed).

Prints, measured in one process on the same units:

* the median wall time of the whole engine (units, normalisation, scoring, linking,
  classification, diffs), with normalisation caches cleared before each run;
* the floor: one bare ``rapidfuzz.process.cdist`` call on the raw unit strings;
* a ``difflib.SequenceMatcher(...).ratio()`` baseline over every target x source pair;
* the ratios (targets: engine <= 2x floor, engine >= 100x faster than difflib) and
  the engine's peak memory (tracemalloc).

With ``--semantic`` the engine is also timed with precomputed embedding vectors (its own
cost: the cosine matrix and the semantic rules), and the one-off cost of computing the
vectors with ``comparisons.semantic`` (model load, encoding every unit) is printed
separately: it is paid once per provision text, never per alignment.

With ``--stages`` it also prints where a cold run's time goes: the median time of each
step ``align`` takes (the functions it calls, each timed where it is called), so a claim
about the engine's cost can be checked on any machine.
"""

from __future__ import annotations

import argparse
import difflib
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rapidfuzz import fuzz, process  # noqa: E402

from comparisons.alignment import Instrument, ProvisionIn, align, build_units, heading_texts  # noqa: E402
from comparisons.alignment import engine as engine_module  # noqa: E402
from comparisons.alignment.engine import clear_caches  # noqa: E402
from treaties.parsing.markdown import parse_markdown  # noqa: E402

CORPUS = Path(os.environ.get("TREATY_CORPUS_DIR") or REPO.parent / "shared" / "corpus")


def load(slug: str) -> Instrument:
    parsed = parse_markdown((CORPUS / f"{slug}.md").read_text(encoding="utf-8"), source=slug)
    return Instrument(
        parsed.slug,
        tuple(ProvisionIn(p.eid, p.kind, p.parent_eid, p.number, p.heading, p.text) for p in parsed.provisions),
    )


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--difflib-runs", type=int, default=1, help="0 skips the (slow) difflib baseline")
    parser.add_argument("--semantic", action="store_true", help="also time the engine with embedding vectors")
    parser.add_argument("--stages", action="store_true", help="also print where a cold run's time goes")
    args = parser.parse_args()

    target = load("coe-trafficking")
    sources = [load("tip-protocol"), load("untoc")]
    target_texts = [u.text for u in build_units(target)]
    source_texts = [u.text for s in sources for u in build_units(s)]
    pairs = len(target_texts) * len(source_texts)

    vectors: dict[str, list[float]] | None = None
    headings: dict[str, list[float]] | None = None
    if args.semantic:
        from comparisons.semantic import encode_units, load_model

        units = [*build_units(target), *(u for s in sources for u in build_units(s))]
        load_time = timed(load_model)
        start = time.perf_counter()
        encoded = encode_units([u.text for u in units])
        texts = heading_texts(units)
        headings = dict(zip(texts, encode_units(texts), strict=True))
        encode_time = time.perf_counter() - start
        vectors = {u.ref: v for u, v in zip(units, encoded, strict=True)}

    def engine() -> object:
        return align(target, sources)

    def engine_semantic() -> object:
        return align(target, sources, embeddings=vectors, heading_embeddings=headings)

    def floor() -> object:
        return process.cdist(target_texts, source_texts, scorer=fuzz.ratio, workers=-1)

    def baseline() -> object:
        return [[difflib.SequenceMatcher(None, t, s).ratio() for s in source_texts] for t in target_texts]

    engine()  # warm up imports and compiled regexes
    floor()
    # Interleave the measurements so machine load affects engine and floor alike.
    cold, warm, floors, semantic = [], [], [], []
    for _ in range(args.runs):
        clear_caches()
        cold.append(timed(engine))
        warm.append(timed(engine))
        floors.append(timed(floor))
        if vectors is not None:
            clear_caches()
            semantic.append(timed(engine_semantic))
    engine_time, engine_warm, floor_time = (statistics.median(x) for x in (cold, warm, floors))
    difflib_time = statistics.median([timed(baseline) for _ in range(args.difflib_runs)] or [float("nan")])

    clear_caches()
    tracemalloc.start()
    result = align(target, sources)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"CoE Convention <- TIP Protocol + UNTOC: {len(target_texts)} x {len(source_texts)} units = {pairs} pairs")
    print(f"links {len(result.links)}, added {len(result.added)}, pruned {len(result.pruned)}")
    print(f"engine (cold caches)  , median of {args.runs}: {engine_time * 1000:9.1f} ms")
    print(f"engine (warm caches)  , median of {args.runs}: {engine_warm * 1000:9.1f} ms")
    print(f"floor: one cdist on raw strings, median of {args.runs}: {floor_time * 1000:9.1f} ms")
    print(f"difflib SequenceMatcher.ratio, all pairs, median of {args.difflib_runs}: {difflib_time * 1000:9.1f} ms")
    print(f"engine / floor          : {engine_time / floor_time:6.2f}x   (target <= 2x)")
    print(f"difflib / engine        : {difflib_time / engine_time:6.0f}x   (target >= 100x)")
    print(f"engine peak memory      : {peak / 1_048_576:6.1f} MiB (tracemalloc)")
    if vectors is not None:
        semantic_time = statistics.median(semantic)
        print(f"with embeddings: {len(vectors)} precomputed unit vectors, {len(headings or {})} heading vectors")
        print(f"  one-off: model load {load_time:6.1f} s, encoding {len(vectors)} units {encode_time:6.1f} s")
        print(f"  engine with vectors (cold caches), median of {args.runs}: {semantic_time * 1000:9.1f} ms")
        print(f"  engine with vectors / floor  : {semantic_time / floor_time:6.2f}x   (target <= 2x)")
        print(f"  difflib / engine with vectors: {difflib_time / semantic_time:6.0f}x   (target >= 100x)")
    if args.stages:
        print_stages(engine, args.runs)


#: The steps :func:`comparisons.alignment.align` takes, as the names it calls them by (none calls another).
STAGES = (
    "build_units",
    "_prepare",
    "score",
    "_heading_similarity",
    "_with_meaning",
    "clause_pairs",
    "restated_sentences",
    "cross_instrument_similarity",
    "find_evidence",
    "link",
    "defined_terms",
    "classify",
    "best_unlinked",
)


def print_stages(engine: Callable[[], object], runs: int) -> None:
    """Time each of :data:`STAGES` inside cold runs of ``engine`` and print their medians."""
    spent: dict[str, float] = {}
    originals = {name: getattr(engine_module, name) for name in STAGES}

    def timing(name: str, function: Callable[..., object]) -> Callable[..., object]:
        def timed_stage(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

        return timed_stage

    per_stage: dict[str, list[float]] = {name: [] for name in STAGES}
    totals = []
    try:
        for name, function in originals.items():
            setattr(engine_module, name, timing(name, function))
        for _ in range(runs):
            clear_caches()
            spent.clear()
            totals.append(timed(engine))
            for name in STAGES:
                per_stage[name].append(spent.get(name, 0.0))
    finally:
        for name, function in originals.items():
            setattr(engine_module, name, function)
    total = statistics.median(totals)
    print(f"where a cold run's time goes (median of {runs}; total {total * 1000:.1f} ms, timers included):")
    medians = {name: statistics.median(values) for name, values in per_stage.items()}
    for name, value in sorted(medians.items(), key=lambda item: -item[1]):
        if value:
            print(f"  {name:28s} {value * 1000:7.1f} ms  {100 * value / total:5.1f} %")
    rest = total - sum(medians.values())
    print(f"  {'(everything else)':28s} {rest * 1000:7.1f} ms  {100 * rest / total:5.1f} %")


if __name__ == "__main__":
    main()
