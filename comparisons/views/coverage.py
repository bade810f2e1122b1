"""The coverage map of a comparison: a heat map of source articles x target articles."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..display.coverage import build_coverage, legend
from ..models import Comparison
from ..selectors import comparison_instruments


@require_safe
def coverage_map(request: HttpRequest, slug: str) -> HttpResponse:
    """Six queries whatever the size: comparison, sources, latest run, its links, decisions, provisions."""
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    sources = sorted(comparison.sources.all(), key=lambda t: t.slug)
    run = comparison.latest_run()
    context: dict[str, object] = {"comparison": comparison, "sources": sources, "run": run}
    if run is None:
        return render(request, "comparisons/coverage_map.html", context)
    overlay = run.overlay()
    labels = {t.slug: t.label for t in [comparison.target, *sources]}
    instruments = comparison_instruments(comparison)  # a scoped comparison: only its articles
    coverage = build_coverage(
        target=instruments[comparison.target.slug],
        sources=[instruments[t.slug] for t in sources],
        rows=overlay.rows,
        labels=labels,
    )
    context |= {
        "coverage": coverage,
        "orphans": overlay.orphans,
        "legend": legend(),
        "detail_url": reverse("comparisons:comparison_detail", args=[comparison.slug]),
    }
    return render(request, "comparisons/coverage_map.html", context)
