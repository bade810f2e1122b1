"""Every comparison with its instruments, its last run and how many units fall in each relation."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..models import AlignmentRun, Comparison
from ..overlay import relation_counts


@dataclass(frozen=True)
class Bar:
    relation: str
    count: int
    percent: float


@dataclass(frozen=True)
class Summary:
    comparison: Comparison
    run: AlignmentRun | None
    bars: list[Bar]
    total: int


@require_safe
def comparison_list(request: HttpRequest) -> HttpResponse:
    comparisons = list(Comparison.objects.with_instruments().prefetch_related("decisions"))
    latest = AlignmentRun.objects.latest_of(comparisons)
    summaries = []
    for comparison in comparisons:
        run = latest.get(comparison.pk)
        counts = relation_counts(run.overlay().rows) if run else {}
        total = sum(counts.values())
        bars = [Bar(r, n, round(100 * n / total, 2) if total else 0.0) for r, n in counts.items()]
        summaries.append(Summary(comparison, run, bars, total))
    return render(request, "comparisons/comparison_list.html", {"summaries": summaries})
