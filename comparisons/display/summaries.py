"""The comparison list's view of each comparison: its last run and the share of units per relation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # display code reads these objects, never queries through them
    from ..models import AlignmentRun, Comparison


@dataclass(frozen=True)
class RelationShare:
    relation: str
    count: int
    percent: float


@dataclass(frozen=True)
class ComparisonSummary:
    comparison: Comparison
    run: AlignmentRun | None  # None before the first run
    bars: list[RelationShare]
    total: int
    #: What page extensions add (``comparisons.extensions.SummaryLink``: label, url, count).
    links: Sequence[Any] = ()


def summarise(
    comparison: Comparison, run: AlignmentRun | None, counts: Mapping[str, int], links: Sequence[Any] = ()
) -> ComparisonSummary:
    """``counts`` are the effective units per relation of ``run`` (empty before any run)."""
    total = sum(counts.values()) if run is not None else 0
    bars = [RelationShare(r, n, round(100 * n / total, 2) if total else 0.0) for r, n in counts.items()]
    return ComparisonSummary(comparison, run, bars if run is not None else [], total, links)
