"""Every comparison with its instruments, its last run and how many units fall in each relation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..display.summaries import summarise
from ..extensions import summary_links
from ..models import AlignmentRun, Comparison
from ..overlay import relation_counts


@require_safe
def comparison_list(request: HttpRequest) -> HttpResponse:
    comparisons = list(Comparison.objects.with_instruments().prefetch_related("decisions"))
    latest = AlignmentRun.objects.latest_of(comparisons)
    rows = {pk: run.overlay().rows for pk, run in latest.items()}
    links = summary_links(comparisons, rows)
    summaries = [
        summarise(
            comparison,
            latest.get(comparison.pk),
            relation_counts(rows.get(comparison.pk, ())),
            links.get(comparison.pk, []),
        )
        for comparison in comparisons
    ]
    return render(request, "comparisons/comparison_list.html", {"summaries": summaries})
