"""Every comparison with its instruments, its last run and how many units fall in each relation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..display.summaries import summarise
from ..models import AlignmentRun, Comparison
from ..overlay import relation_counts


def comparison_list(request: HttpRequest) -> HttpResponse:
    comparisons = list(Comparison.objects.with_instruments().prefetch_related("decisions"))
    latest = AlignmentRun.objects.latest_of(comparisons)
    summaries = []
    for comparison in comparisons:
        run = latest.get(comparison.pk)
        summaries.append(summarise(comparison, run, relation_counts(run.overlay().rows) if run else {}))
    return render(request, "comparisons/comparison_list.html", {"summaries": summaries})
