"""Each comparison's latest run with its effective units per relation (curated decisions included)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from ..models import AlignmentRun, Comparison
from ..overlay import Row, relation_counts


@dataclass(frozen=True)
class RunCounts:
    comparison: Comparison
    run: AlignmentRun | None  # None before the first run
    counts: dict[str, int]  # empty before the first run
    rows: list[Row]  # the effective rows, empty before the first run


def latest_counts(comparisons: Sequence[Comparison]) -> list[RunCounts]:
    """Three queries whatever the number of comparisons (their decisions, latest runs and those runs'
    rows); pass them with their instruments fetched (``Comparison.objects.with_instruments()``)."""
    prefetch_related_objects(list(comparisons), "decisions")
    latest = AlignmentRun.objects.latest_of(comparisons)
    result = []
    for comparison in comparisons:
        run = latest.get(comparison.pk)
        rows = run.overlay().rows if run else []
        result.append(RunCounts(comparison, run, relation_counts(rows) if run else {}, rows))
    return result
