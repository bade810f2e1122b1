"""How the links of a comparison were found: the method, with the thresholds its latest run used."""

from __future__ import annotations

import json
from dataclasses import asdict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..alignment import DEFAULT_PARAMS, FEATURES, SYSTEMATIC_KINDS
from ..display.labels import feature_label, systematic_label
from ..models import Comparison


@require_safe
def method(request: HttpRequest, slug: str) -> HttpResponse:
    """Three queries: the comparison with its instruments, its sources, its latest run."""
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    run = comparison.latest_run()
    params = run.alignment_params() if run else DEFAULT_PARAMS
    changed = {name for name, value in asdict(params).items() if value != getattr(DEFAULT_PARAMS, name)}
    context = {
        "comparison": comparison,
        "sources": sorted(comparison.sources.all(), key=lambda t: t.slug),
        "run": run,
        "p": params,
        "changed": sorted(changed),
        "features": [feature_label(f) for f in FEATURES],
        "systematic": [(kind, systematic_label(kind)) for kind in SYSTEMATIC_KINDS],
        "params_json": json.dumps(run.params if run else asdict(params), indent=2, sort_keys=True),
    }
    return render(request, "comparisons/method.html", context)
